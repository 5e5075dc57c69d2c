package org.flashsplat.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.flashsplat.cli.Main;
import org.flashsplat.core.Npy;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.Rle;
import org.flashsplat.project.Project;
import org.flashsplat.project.ProjectData;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.scene.PlyReader;
import org.flashsplat.scene.PlyType;
import org.flashsplat.scene.VertexTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One export of a small sample project, checked file by file with independent readers. */
class ExportAllTest {
    static final int VIEWS = 5;

    @TempDir static Path tmp;
    static Path project, out;
    static Map<String, Object> summary;
    static VertexTable input;

    @BeforeAll
    static void export() throws Exception {
        project = tmp.resolve("project");
        out = tmp.resolve("out");
        ProjectData data = SampleProject.make(project, VIEWS);
        Project.create(project, data).close();
        Path path = SampleProject.cameraPath(tmp.resolve("path.json"), VIEWS);
        try (Renderer r = Renderers.open(Renderers.Backend.CPU, 2, Progress.NONE)) {
            summary =
                    ExportAll.run(
                            project,
                            data,
                            out,
                            new ExportAll.Options(List.of(2), path, true),
                            r,
                            Progress.NONE);
        }
        input = PlyReader.read(Path.of(data.inputs().scene()));
    }

    static int[] png(Path f) throws Exception {
        BufferedImage img = ImageIO.read(f.toFile());
        return img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
    }

    @Test
    void cocoLoadsAsPlainJsonAndEachRleIsThePngMask() throws Exception {
        JsonNode coco = new ObjectMapper().readTree(out.resolve("coco.json").toFile());
        assertThat(coco.get("images")).hasSize(VIEWS);
        assertThat(coco.get("categories")).hasSize(4);
        assertThat(coco.get("categories").get(1).get("name").asText()).isEqualTo("../../escape");
        assertThat(coco.get("images").get(0).get("file_name").asText()).isEqualTo("view_000.png");
        Set<String> seen = new HashSet<>();
        int checked = 0;
        for (JsonNode img : coco.get("images")) {
            String stem = img.get("file_name").asText().replaceAll("\\.[a-z]+$", "");
            int w = img.get("width").asInt(), h = img.get("height").asInt();
            int[] pixels = png(out.resolve("masks").resolve(stem + ".png"));
            for (JsonNode a : coco.get("annotations")) {
                if (a.get("image_id").asInt() != img.get("id").asInt()) continue;
                int label = a.get("category_id").asInt();
                JsonNode seg = a.get("segmentation");
                assertThat(seg.get("size").get(0).asInt()).isEqualTo(h);
                boolean[] m = Rle.decode(seg.get("counts").asText(), h, w);
                int area = 0, minX = w, minY = h, maxX = -1, maxY = -1;
                for (int p = 0; p < m.length; p++) {
                    assertThat(m[p])
                            .as(stem + " label " + label + " pixel " + p)
                            .isEqualTo(pixels[p] == label);
                    if (m[p]) {
                        area++;
                        minX = Math.min(minX, p % w);
                        maxX = Math.max(maxX, p % w);
                        minY = Math.min(minY, p / w);
                        maxY = Math.max(maxY, p / w);
                    }
                }
                assertThat(a.get("area").asInt()).isEqualTo(area).isPositive();
                JsonNode b = a.get("bbox");
                assertThat(
                                List.of(
                                        b.get(0).asInt(),
                                        b.get(1).asInt(),
                                        b.get(2).asInt(),
                                        b.get(3).asInt()))
                        .containsExactly(minX, minY, maxX - minX + 1, maxY - minY + 1);
                seen.add(stem + ":" + label);
                checked++;
            }
            for (int v : pixels) if (v > 0) assertThat(seen).contains(stem + ":" + v);
        }
        assertThat(checked)
                .isEqualTo(((Number) summary.get("coco_annotations")).intValue())
                .isGreaterThan(VIEWS);
        assertThat(Files.list(out.resolve("camera_path")).count()).isEqualTo(2);
    }

    @Test
    void labelledPlyReimportsWithItsLabels() throws Exception {
        VertexTable t = PlyReader.read(out.resolve("labelled.ply"));
        VertexTable.Column label = t.column(PlyExport.LABEL);
        assertThat(label.type()).isEqualTo(PlyType.INT);
        int[] labels = (int[]) Npy.read(out.resolve("arrays/labels.npy")).data();
        assertThat((int[]) label.data()).containsExactly(labels);
        assertThat(t.names().subList(0, input.names().size())).isEqualTo(input.names());
        // A 3DGS reader that does not know the property still reads the scene.
        assertThat(PlyReader.readScene(out.resolve("labelled.ply")).count())
                .isEqualTo(input.count());
        JsonNode table = new ObjectMapper().readTree(out.resolve("labels.json").toFile());
        assertThat(table.get("labels").get(2).get("name").asText()).isEqualTo("red mug");
        assertThat(table.get("labels").get(2).get("colour").asText()).isEqualTo("#e6194b");
    }

    @Test
    void objectPlysKeepEveryPropertyAndOpenInInfo() throws Exception {
        byte[] segments = (byte[]) Npy.read(out.resolve("arrays/segments.npy")).data();
        int n = input.count();
        Path obj = out.resolve("objects/object_1_red_mug.ply");
        VertexTable t = PlyReader.read(obj);
        assertThat(t.names()).isEqualTo(input.names());
        int members = 0;
        for (int i = 0; i < n; i++) members += segments[i];
        assertThat(t.count()).isEqualTo(members).isPositive();
        String escape = PlyExport.objectFileName(SampleProject.OBJECTS.get(1));
        assertThat(escape).isEqualTo("object_2__._.._escape.ply");
        assertThat(out.resolve("objects").resolve(escape)).exists();
        StringWriter so = new StringWriter(), se = new StringWriter();
        int status = Main.execute(new PrintWriter(so), new PrintWriter(se), "info", obj.toString());
        assertThat(status).as(se.toString()).isZero();
        int without = 0;
        for (int i = 0; i < n; i++) if (segments[n + i] == 0) without++;
        assertThat(PlyReader.read(out.resolve("scene_without_objects.ply")).count())
                .isEqualTo(without);
    }

    @Test
    void arraysHaveTheDocumentedShapes() {
        Npy.Array a = Npy.read(out.resolve("arrays/contributions.npy"));
        assertThat(a.dtype()).isEqualTo("float32");
        assertThat(a.shape()).containsExactly(5, input.count());
        assertThat(Npy.read(out.resolve("arrays/segments.npy")).shape())
                .containsExactly(4, input.count());
        assertThat(Npy.read(out.resolve("arrays/labels.npy")).shape())
                .containsExactly(input.count());
        assertThat(summary.get("contributions_from_cache")).isEqualTo(false);
    }
}
