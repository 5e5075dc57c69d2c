package org.flashsplat.studio.association;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.flashsplat.associate.AssociationTable;
import org.flashsplat.associate.Instance;
import org.flashsplat.associate.MaskAssignment;
import org.flashsplat.associate.MaskKey;

/**
 * One row of the association view: an instance (or, with id 0, the masks no instance holds), its
 * masks as cells in view order and what is wrong with them. Rows are updated in place after an
 * edit, so the list keeps its selection and scroll position.
 */
public final class InstanceRow {
    private final int id;
    private final StringProperty name = new SimpleStringProperty();
    private final IntegerProperty colour = new SimpleIntegerProperty();
    private final ObservableList<AssocCell> cells = FXCollections.observableArrayList();
    private final IntegerProperty maskCount = new SimpleIntegerProperty();
    private final IntegerProperty viewCount = new SimpleIntegerProperty();
    private final DoubleProperty meanConfidence = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty minConfidence = new SimpleDoubleProperty(Double.NaN);
    private final BooleanProperty twoInView = new SimpleBooleanProperty();
    private final BooleanProperty lowConfidence = new SimpleBooleanProperty();
    private final StringProperty problems = new SimpleStringProperty("");
    private final ObservableList<Part> parts = FXCollections.observableArrayList();
    private final IntegerProperty partCount = new SimpleIntegerProperty();

    /**
     * A sub-instance of the row's instance (see {@link MaskAssignment#part()}): a part of the
     * object that the association labels as the whole, which the user can split out.
     *
     * @param part its number in the table
     * @param masks how many masks show it
     * @param views in how many views
     */
    public record Part(int part, int masks, int views) {
        /** What the parts list says of it. */
        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "part %d: %d mask%s in %d view%s",
                    part,
                    masks,
                    masks == 1 ? "" : "s",
                    views,
                    views == 1 ? "" : "s");
        }
    }

    InstanceRow(int id) {
        this.id = id;
    }

    /** The instance id; 0 for the row of unassigned masks. */
    public int id() {
        return id;
    }

    public boolean unassigned() {
        return id == 0;
    }

    /** Rebuilds the row from the table (UI thread). */
    void update(AssociationTable t, List<MaskKey> members, double threshold) {
        Instance i = t.instance(id);
        name.set(i == null ? "unassigned masks" : i.name());
        colour.set(i == null ? 0x808080 : i.colour());
        List<MaskAssignment> rows = new ArrayList<>(members.size());
        Map<Integer, Integer> perView = new HashMap<>();
        // part -> its masks' views, one entry per mask (a view may show a part twice)
        Map<Integer, List<Integer>> partViews = new TreeMap<>();
        for (MaskKey k : members) {
            MaskAssignment m = t.get(k);
            rows.add(m);
            perView.merge(m.view(), 1, Integer::sum);
            if (m.part() != 0)
                partViews.computeIfAbsent(m.part(), p -> new ArrayList<>()).add(m.view());
        }
        List<AssocCell> out = new ArrayList<>(rows.size());
        double sum = 0, min = Double.POSITIVE_INFINITY;
        boolean two = false, low = false;
        List<String> twoViews = new ArrayList<>();
        for (MaskAssignment m : rows) {
            int same = id == 0 ? 1 : perView.get(m.view());
            boolean isLow = id != 0 && m.confidence() < threshold;
            out.add(
                    new AssocCell(
                            m.view(),
                            m.local(),
                            t.views().get(m.view()),
                            m.area(),
                            id,
                            m.confidence(),
                            m.flags(),
                            same,
                            isLow,
                            m.part()));
            sum += m.confidence();
            min = Math.min(min, m.confidence());
            if (same > 1 && !twoViews.contains(t.views().get(m.view()))) {
                two = true;
                twoViews.add(t.views().get(m.view()));
            }
            low |= isLow;
        }
        cells.setAll(out);
        List<Part> ps = new ArrayList<>(partViews.size());
        partViews.forEach((p, vs) -> ps.add(new Part(p, vs.size(), new TreeSet<>(vs).size())));
        // Only when they differ: the view rebuilds its parts menu on every change of the list.
        if (!ps.equals(parts)) parts.setAll(ps);
        partCount.set(ps.size());
        maskCount.set(rows.size());
        viewCount.set(perView.size());
        meanConfidence.set(rows.isEmpty() ? Double.NaN : sum / rows.size());
        minConfidence.set(rows.isEmpty() ? Double.NaN : min);
        twoInView.set(two);
        lowConfidence.set(low);
        List<String> p = new ArrayList<>();
        if (two) p.add("two or more masks in " + String.join(", ", twoViews));
        if (low)
            p.add(
                    String.format(
                            Locale.ROOT, "confidence down to %.2f (below %.2f)", min, threshold));
        problems.set(String.join("; ", p));
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** Packed 0xRRGGBB. */
    public IntegerProperty colourProperty() {
        return colour;
    }

    /** The instance's masks, by view then local ID. */
    public ObservableList<AssocCell> cells() {
        return cells;
    }

    public IntegerProperty maskCountProperty() {
        return maskCount;
    }

    /** Views in which the instance has at least one mask. */
    public IntegerProperty viewCountProperty() {
        return viewCount;
    }

    public DoubleProperty meanConfidenceProperty() {
        return meanConfidence;
    }

    public DoubleProperty minConfidenceProperty() {
        return minConfidence;
    }

    /** Some view has two or more masks in this instance. */
    public BooleanProperty twoInViewProperty() {
        return twoInView;
    }

    /** Some mask's confidence is below the threshold. */
    public BooleanProperty lowConfidenceProperty() {
        return lowConfidence;
    }

    public boolean hasConflict() {
        return twoInView.get() || lowConfidence.get();
    }

    /** What is wrong with the row, for its badge and tooltip; empty when nothing is. */
    public StringProperty problemsProperty() {
        return problems;
    }

    /** The instance's parts by number (empty for most instances, and for the unassigned row). */
    public ObservableList<Part> parts() {
        return parts;
    }

    public IntegerProperty partCountProperty() {
        return partCount;
    }

    /** The one-line summary under the name. */
    public String summary() {
        if (maskCount.get() == 0) return "no masks";
        return String.format(
                Locale.ROOT,
                "%d mask%s in %d view%s · confidence mean %.2f, min %.2f",
                maskCount.get(),
                maskCount.get() == 1 ? "" : "s",
                viewCount.get(),
                viewCount.get() == 1 ? "" : "s",
                meanConfidence.get(),
                minConfidence.get());
    }
}
