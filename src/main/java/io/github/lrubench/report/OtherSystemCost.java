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

    public OtherSystemCost {
        if (!(ns > 0) || Double.isInfinite(ns)) {
            throw new IllegalArgumentException(per.option() + ": a " + per.meaning() + " must be a positive number of ns, was " + ns);
        }
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
