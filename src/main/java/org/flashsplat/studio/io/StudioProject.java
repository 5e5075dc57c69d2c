package org.flashsplat.studio.io;

import java.nio.file.Path;
import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.scene.GaussianScene;

/**
 * Everything the studio opened: the scene, its training cameras and, per camera, the image and the
 * mask found for it (null where none).
 *
 * @param title shown in the window title
 * @param masks masks at the camera's resolution, one per camera, null where a view has none
 * @param images image files, one per camera, null where there is none (the view then shows the
 *     scene rendered from that camera)
 * @param labelColours 0xRRGGBB per label as the user's mask files show them (RGB or palette masks),
 *     null when the masks carry no colours
 * @param sources the input files and folders it was read from (a new project stores them), or null
 *     where unknown
 */
public record StudioProject(
        Path root,
        String title,
        GaussianScene scene,
        List<Camera> cameras,
        List<Path> images,
        List<LabelMask> masks,
        int[] labelColours,
        List<String> warnings,
        Sources sources) {

    /**
     * Where the inputs lie. {@code masks} and {@code images} are null when there are none.
     *
     * @param ply the scene PLY file
     * @param cameras cameras.json or the COLMAP folder, null for a scene opened without cameras
     */
    public record Sources(Path ply, Path cameras, Path masks, Path images) {}

    public StudioProject(
            Path root,
            String title,
            GaussianScene scene,
            List<Camera> cameras,
            List<Path> images,
            List<LabelMask> masks,
            int[] labelColours,
            List<String> warnings) {
        this(root, title, scene, cameras, images, masks, labelColours, warnings, null);
    }

    public int views() {
        return cameras.size();
    }

    /** Labels the masks use, background included (at least 2: background and one object). */
    public int labelCount() {
        int max = 1;
        for (LabelMask m : masks) if (m != null) max = Math.max(max, m.maxLabel());
        return max + 1;
    }
}
