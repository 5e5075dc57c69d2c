package org.flashsplat.studio.project;

import java.io.IOException;
import javafx.beans.InvalidationListener;
import org.flashsplat.project.ContributionsCache;
import org.flashsplat.project.Project;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.io.ProjectInputs;

/**
 * The contributions cache of the open project: what is worth caching (UI thread), and writing it
 * under the project's fingerprint (io thread), skipping what was written last. Part of {@link
 * ProjectSession}.
 */
final class ProjectCaching {
    private final ProjectSession session;
    private final StudioViewModel studio;
    // io thread: the contributions last written to the cache, and under which fingerprint.
    private ContributionTable cachedTable;
    private String cachedFingerprint;

    ProjectCaching(ProjectSession session) {
        this.session = session;
        this.studio = session.studio;
    }

    /** Contributions worth caching: present and describing the current masks. */
    ContributionsCache.Entry snapshot() {
        ContributionTable c = studio.segments().contributionsProperty().get();
        if (c == null || studio.segments().staleProperty().get()) return null;
        return new ContributionsCache.Entry(c);
    }

    /**
     * Caches the contributions of the accumulate that an open started, once it is done, unless the
     * masks changed meanwhile: the next open is then instant even without a save.
     */
    void whenAccumulated(Project p) {
        long edits = studio.live.edits();
        var contributions = studio.segments().contributionsProperty();
        InvalidationListener[] once = new InvalidationListener[1];
        once[0] =
                o -> {
                    contributions.removeListener(once[0]);
                    studio.ui.execute(() -> accumulated(p, edits));
                };
        contributions.addListener(once[0]);
    }

    private void accumulated(Project p, long edits) {
        if (session.project() != p || studio.live.edits() != edits) return;
        ContributionsCache.Entry e = snapshot();
        // The fingerprint covers the object ids: post the studio's first.
        ProjectSync.Snapshot s = session.sync.collect(p, false);
        session.io.execute(
                () -> {
                    if (session.project() != p) return;
                    try {
                        boolean d = ProjectSync.apply(s);
                        store(p, e);
                        studio.ui.execute(() -> session.settled(p, s.changes(), d));
                    } catch (IOException | RuntimeException x) {
                        session.failed("Caching the contributions", x);
                    }
                });
    }

    /** Caches contributions under the project's current fingerprint (io thread). */
    void store(Project p, ContributionsCache.Entry e) throws IOException {
        if (e == null || p.isReadOnly()) return;
        String fp = ProjectInputs.fingerprint(p, p.data(), studio.backendKind());
        if (e.table() == cachedTable && fp.equals(cachedFingerprint)) return;
        ContributionsCache.store(p.folder(), fp, e);
        cachedTable = e.table();
        cachedFingerprint = fp;
    }
}
