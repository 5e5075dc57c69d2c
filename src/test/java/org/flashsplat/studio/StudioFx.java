package org.flashsplat.studio;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What every TestFX test of the studio window does the same way. The headless screen's size is set
 * in the pom (headless.geometry), before the toolkit starts.
 */
final class StudioFx {
    private StudioFx() {}

    /** Shows the studio window for the view model at a fixed place and size. */
    static StudioWindow show(StudioViewModel vm, Stage stage) {
        StudioWindow window = new StudioWindow(vm, stage);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1260);
        stage.setHeight(780);
        stage.show();
        return window;
    }

    /** Waits for the condition, then for the FX events it set off. */
    static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
