package io.github.lrubench.report;

import java.util.Locale;

/**
 * A cost of compaction per migrated page measured elsewhere (another machine's MIGRATE_SYNC
 * calibration, or compaction time per page moved on a production system), placed on the per-page
 * chart beside this run's own points. That is the old unit (one check per page moved); the verdict
 * by mode divides by compaction time per check instead. Given on the command line as {@code NS[:LABEL]}.
 */
public record TPage(double ns, String label) {

    public TPage {
        if (!(ns > 0) || Double.isInfinite(ns)) {
            throw new IllegalArgumentException("a cost per migrated page must be a positive number of ns, was " + ns);
        }
    }

    /** "2500" or "2500:prod-db (5.15)"; a label defaults to the figure. */
    public static TPage parse(String s) {
        int colon = s.indexOf(':');
        String num = colon < 0 ? s : s.substring(0, colon);
        double ns;
        try {
            ns = Double.parseDouble(num.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected NS[:LABEL] with NS a number of ns per migrated page, got '" + s + "'");
        }
        String label = colon < 0 || s.substring(colon + 1).isBlank()
                ? String.format(Locale.ROOT, "%.0f ns", ns) : s.substring(colon + 1).strip();
        return new TPage(ns, label);
    }
}
