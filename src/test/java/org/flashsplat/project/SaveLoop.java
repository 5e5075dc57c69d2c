package org.flashsplat.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flashsplat.lift.Normalisation;
import org.flashsplat.project.ProjectData.Association;
import org.flashsplat.project.ProjectData.ObjectInfo;

/**
 * The process {@link KillTest} kills: opens a project and saves state n, n+1, ... as fast as it
 * can, printing "saved n" after each save returns.
 */
public final class SaveLoop {
    private SaveLoop() {}

    /** State n: its size varies with n, so a torn write could not pass for a whole one. */
    static ProjectData state(int n) {
        List<ObjectInfo> objects = new ArrayList<>();
        for (int k = 1; k <= 1 + n % 40; k++) {
            objects.add(
                    new ObjectInfo(
                            k,
                            k == 1 ? "state " + n : "object " + k,
                            null,
                            k % 3 == 0 ? 0.25 : null));
        }
        List<Association.Entry> entries = new ArrayList<>();
        for (int e = 0; e < 1500 + (n * 37) % 1500; e++) {
            entries.add(new Association.Entry("view_" + (e % 200), e, 1 + e % objects.size()));
        }
        return ProjectData.of(new ProjectData.Inputs("scene.ply", null, "masks", null))
                .withSettings(
                        new ProjectData.Settings((n % 200) / 100.0 - 1, Normalisation.L1, 0.5))
                .withObjects(objects)
                .withAssociation(new Association(entries));
    }

    /** The n of a state, from object 1's name. */
    static int numberOf(ProjectData d) {
        return Integer.parseInt(d.object(1).name().substring("state ".length()));
    }

    public static void main(String[] args) throws Exception {
        try (Project p = Project.open(Path.of(args[0]), Project.Mode.READ_WRITE)) {
            int n = numberOf(p.data());
            boolean once = args.length > 1 && args[1].equals("--once"); // class-archive warm-up
            while (true) {
                n++;
                p.update(state(n));
                p.save();
                System.out.println("saved " + n);
                System.out.flush();
                if (once) return;
            }
        }
    }
}
