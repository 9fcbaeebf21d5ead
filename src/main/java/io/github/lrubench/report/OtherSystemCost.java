package io.github.lrubench.report;

import java.util.Locale;

/**
 * A cost of compaction measured on another system, placed beside this run's own figures: per check
 * ({@code --t-check}: compaction time over the checks run there, from its own calibrate or from a
 * trace taken by hand, README "On another machine"), which the verdict by mode divides c by; or per
 * migrated page ({@code --t-page}: the old unit, one check per page moved), which the per-page chart
 * places. Given on the command line as {@code NS[:LABEL]}.
 */
public record OtherSystemCost(Per per, double ns, String label) {

    /** What the figure is a cost of, and the option that gives it. */
    public enum Per {
        CHECK("--t-check", "compaction time per check"),
        MIGRATED_PAGE("--t-page", "compaction cost per migrated page");

        private final String option;
        private final String meaning;

        Per(String option, String meaning) {
            this.option = option;
            this.meaning = meaning;
        }

        public String option() {
            return option;
        }

        public String meaning() {
            return meaning;
        }
    }

    /** The physical range of a compaction cost per check or per page: from a nanosecond to a second. */
    public static final double MIN_NS = 1, MAX_NS = 1e9;

    /** Whether a time per check or per page lies in {@link #MIN_NS}..{@link #MAX_NS} (false for NaN). */
    public static boolean physical(double ns) {
        return ns >= MIN_NS && ns <= MAX_NS;
    }

    public OtherSystemCost {
        if (!physical(ns)) {
            throw new IllegalArgumentException(per.option() + ": a " + per.meaning() + " must be between 1 ns and 1 s (1e9 ns), was " + ns);
        }
        // REPORT.md puts the label in a table cell and the chart's legend: no cell separator, no line break
        if (label.chars().anyMatch(ch -> ch == '|' || ch == '`' || Character.isISOControl(ch))) {
            throw new IllegalArgumentException(per.option() + ": a label may not contain '|', '`', a line break or another control "
                    + "character, was '" + label.replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }

    /**
     * Refuses two costs of one kind with the same label (as 1000.2 and 1000.4 both default to
     * "1000 ns"): the report keys its rows and chart points by label.
     */
    public static void requireDistinctLabels(java.util.List<OtherSystemCost> costs) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (OtherSystemCost c : costs) {
            if (!seen.add(c.per() + "\u0000" + c.label())) {
                throw new IllegalArgumentException(c.per().option() + ": two values share the label '" + c.label()
                        + "'; give each its own NS:LABEL");
            }
        }
    }

    /** The NS:LABEL form {@link #parse} reads back (metadata.json records a run's options in it). */
    public String spec() {
        return ns + ":" + label;
    }

    /** "2500" or "2500:prod-db (5.15)"; a label defaults to the figure. */
    public static OtherSystemCost parse(Per per, String s) {
        int colon = s.indexOf(':');
        String num = colon < 0 ? s : s.substring(0, colon);
        double ns;
        try {
            ns = Double.parseDouble(num.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(per.option() + ": expected NS[:LABEL] with NS a " + per.meaning() + " in ns, got '" + s + "'");
        }
        String label = colon < 0 || s.substring(colon + 1).isBlank()
                ? String.format(Locale.ROOT, "%.0f ns", ns) : s.substring(colon + 1).strip();
        return new OtherSystemCost(per, ns, label);
    }
}
