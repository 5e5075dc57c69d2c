package org.flashsplat.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** 64-bit fixed-point sums: adds up to the limit are exact, one past it fails clearly. */
class ContributionsRangeTest {
    /** One pixel-view of full weight, the largest a single pixel adds. */
    static final long FULL = (long) Contributions.ONE;

    @Test
    void sumsUpToTheLimitAreKept() {
        Contributions c = new Contributions(2, 10);
        c.addAtomic(1, 3, Long.MAX_VALUE - FULL);
        c.addAtomic(1, 3, FULL);
        assertThat(c.fixed(1, 3)).isEqualTo(Long.MAX_VALUE);
        c.addAtomic(1, 3, -Long.MAX_VALUE); // subtracting back is exact
        assertThat(c.fixed(1, 3)).isZero();
    }

    @Test
    void aSumPastTheLimitFailsInsteadOfWrapping() {
        Contributions c = new Contributions(2, 10);
        c.addAtomic(1, 3, Long.MAX_VALUE - FULL / 2);
        assertThatThrownBy(() -> c.addAtomic(1, 3, FULL))
                .isInstanceOf(Contributions.RangeException.class)
                .hasMessageContaining("Gaussian 3 under label 1")
                .hasMessageContaining("64-bit fixed-point range");
    }

    @Test
    void aNegativeSumPastTheLimitFailsToo() {
        Contributions c = new Contributions(2, 10);
        c.addAtomic(0, 9, Long.MIN_VALUE + 5);
        assertThatThrownBy(() -> c.addAtomic(0, 9, -6))
                .isInstanceOf(Contributions.RangeException.class);
    }

    @Test
    void entriesBeyondAGaussiansSlotsAreCheckedToo() {
        Contributions c = new Contributions(8, 4);
        // Labels 0..3 take the Gaussian's slots; label 5 lives in the shared overflow map.
        for (int l = 0; l < 4; l++) c.addAtomic(l, 2, FULL);
        c.addAtomic(5, 2, Long.MAX_VALUE - 1);
        assertThatThrownBy(() -> c.addAtomic(5, 2, FULL))
                .isInstanceOf(Contributions.RangeException.class)
                .hasMessageContaining("Gaussian 2 under label 5");
    }

    @Test
    void addingAWholeTableIsChecked() {
        Contributions a = new Contributions(2, 4), b = new Contributions(2, 4);
        a.addAtomic(1, 0, Long.MAX_VALUE - 3);
        b.addAtomic(1, 0, 4);
        assertThatThrownBy(() -> a.add(b)).isInstanceOf(Contributions.RangeException.class);
    }
}
