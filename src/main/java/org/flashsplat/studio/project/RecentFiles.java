package org.flashsplat.studio.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The most recently opened inputs, kept in java.util.prefs across sessions. */
public final class RecentFiles {
    private static final int MAX = 8;
    private static final String KEY = "recent";

    private final Preferences prefs;
    private final ObservableList<List<Path>> items = FXCollections.observableArrayList();

    public RecentFiles(Preferences prefs) {
        this.prefs = prefs;
        String s = prefs == null ? "" : prefs.get(KEY, "");
        for (String line : s.split("\n")) {
            if (line.isBlank()) continue;
            List<Path> ps = new ArrayList<>();
            for (String p : line.split("\t")) ps.add(Path.of(p));
            items.add(List.copyOf(ps));
        }
    }

    public ObservableList<List<Path>> items() {
        return items;
    }

    public void add(List<Path> paths) {
        List<Path> abs = paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        items.remove(abs);
        items.addFirst(abs);
        while (items.size() > MAX) items.removeLast();
        if (prefs == null) return;
        StringBuilder s = new StringBuilder();
        for (List<Path> ps : items) {
            s.append(String.join("\t", ps.stream().map(Path::toString).toList())).append('\n');
        }
        prefs.put(KEY, s.toString());
    }
}
