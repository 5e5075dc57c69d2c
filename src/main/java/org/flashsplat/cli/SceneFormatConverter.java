package org.flashsplat.cli;

import org.flashsplat.scene.SceneFormat;
import picocli.CommandLine;

/** {@code --format ply|compressed-ply|spz}: the forms the exports can write. */
final class SceneFormatConverter implements CommandLine.ITypeConverter<SceneFormat> {
    static final String DESCRIPTION =
            "Form of the exported scenes: ply, compressed-ply or spz (default: the input's form"
                    + " when it can be written, else ply).";

    @Override
    public SceneFormat convert(String value) {
        SceneFormat f = SceneFormat.parse(value);
        if (f == null || !f.writable()) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a form the exports write (ply, compressed-ply, spz)");
        }
        return f;
    }
}
