package org.flashsplat.studio.model;

import java.util.ArrayDeque;
import java.util.Deque;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Undo and redo of small command objects (each stores only its own diff), newest {@link #LIMIT}
 * kept. The 3D edits of objects (selection, cleanup) use one; the masks keep their own per view. UI
 * thread.
 */
public final class CommandStack {
    public static final int LIMIT = 200;

    /** One undoable step, already applied when it is pushed. */
    public interface Command {
        void undo();

        void redo();

        String description();
    }

    private final Deque<Command> undo = new ArrayDeque<>();
    private final Deque<Command> redo = new ArrayDeque<>();
    private final BooleanProperty canUndo = new SimpleBooleanProperty();
    private final BooleanProperty canRedo = new SimpleBooleanProperty();
    private final StringProperty undoText = new SimpleStringProperty("Undo");
    private final StringProperty redoText = new SimpleStringProperty("Redo");
    private final SimpleIntegerProperty revision = new SimpleIntegerProperty();

    /** Records a command already applied; clears the redo branch. */
    public void push(Command c) {
        undo.push(c);
        redo.clear();
        while (undo.size() > LIMIT) undo.removeLast();
        changed();
    }

    public void undo() {
        Command c = undo.poll();
        if (c == null) return;
        c.undo();
        redo.push(c);
        changed();
    }

    public void redo() {
        Command c = redo.poll();
        if (c == null) return;
        c.redo();
        undo.push(c);
        changed();
    }

    /** Forgets every step (a new scene). */
    public void clear() {
        undo.clear();
        redo.clear();
        changed();
    }

    private void changed() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        undoText.set(undo.isEmpty() ? "Undo" : "Undo " + undo.peek().description());
        redoText.set(redo.isEmpty() ? "Redo" : "Redo " + redo.peek().description());
        revision.set(revision.get() + 1);
    }

    public BooleanProperty canUndoProperty() {
        return canUndo;
    }

    public BooleanProperty canRedoProperty() {
        return canRedo;
    }

    public StringProperty undoTextProperty() {
        return undoText;
    }

    public StringProperty redoTextProperty() {
        return redoText;
    }

    /** Counts pushes, undos and redos: what a project saves follows it. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision;
    }
}
