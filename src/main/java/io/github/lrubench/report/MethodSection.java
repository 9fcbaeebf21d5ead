package io.github.lrubench.report;

import io.github.lrubench.results.ForkComparison;
import io.github.lrubench.results.ForkStats;
import io.github.lrubench.results.RatioStats;

/** The report's statistics, said once: one level, forks as the unit, Δ first, and when a Δ counts as resolved. */
final class MethodSection implements ReportSection<MethodSection.Method> {

    /**
     * @param levelPercent   the one confidence level, in percent
     * @param meanInterval   how a mean's interval over fork means is made
     * @param deltaInterval  how a fix's Δ against its baseline is made
     */
    record Method(int levelPercent, String meanInterval, String deltaInterval) {
    }

    @Override
    public Method compute(Report.Inputs in) {
        return new Method((int) Math.round(RatioStats.LEVEL * 100), ForkStats.METHOD, ForkComparison.METHOD);
    }

    @Override
    public void print(Method m, Markdown md) {
        md.heading(2, "Method");
        md.para("One confidence level throughout: " + m.levelPercent() + "%. Forks are the unit: each fork (a fresh JVM) contributes the "
                + "mean of its measured iterations, and a mean's interval is the " + m.meanInterval() + ". A fix against its "
                + "baseline is the " + m.deltaInterval() + ". The tables lead with Δ = variant − baseline in the metric's "
                + "own unit and its interval, then the percent. The Java model's verdict combines such estimates by the delta method (a contrast of four cells for c, "
                + "with Welch–Satterthwaite df; ratios by relative errors in quadrature) and its direct measurement is a t "
                + "interval over ABBA rounds; the real-kernel verdict pairs draws of c from its t distribution with a "
                + "bootstrap of the host kernel's median over its trials. JMH's own `±`, a 99.9% half-interval over all iterations as if they were "
                + "independent, is not printed.");
        md.para("**Resolved.** A Δ counts as resolved only when it clears the detection floor of its *control*: the same "
                + "comparison where the fix cannot act. In the pageblock and pass tables that is the 0% dirty row with the "
                + "other parameters equal (no dirty page, so no check runs), marked **(control)**. Its floor is "
                + "F = max(|low|, |high|) of the control's Δ interval, the largest difference the measurement produced with "
                + "nothing to measure; a Δ is resolved when its whole interval lies beyond F on one side of 0 (low > F, or "
                + "high < −F). A control whose interval excludes 0 shows drift or bias between cells, and its floor grows "
                + "with it. Where a table has no control (the isolation-check benchmark isolates only dirty pages; the "
                + "contended and free-side comparisons have no setting where the fix cannot act), \"yes†\" means only "
                + "that the interval excludes 0, which drift between cells can also produce. \"costlier\" and "
                + "\"cheaper\" say which way a resolved Δ goes; for throughput a cost is a negative Δ.");
        md.para("**Rounding.** Every figure with an interval is rounded to it by the Particle Data Group's rule: the half-width's "
                + "first three digits 100 to 354 keep two significant digits, 355 to 949 one, 950 to 999 round up and keep two; "
                + "the estimate and both bounds to that place. Counts and rates from 10 000 on carry one SI prefix (k, M), shared by "
                + "the figures of a row; a share under one in ten thousand is given per million. A figure without an interval keeps "
                + "three significant digits, a count below 10 000 all of its digits.");
        md.para("**Many comparisons.** At " + m.levelPercent() + "% each interval that excludes 0 where nothing differs is a 1-in-"
                + Math.round(1 / (1 - RatioStats.LEVEL)) + " event: the cost tables' \"yes†\" calls are unadjusted and about one in "
                + Math.round(1 / (1 - RatioStats.LEVEL)) + " of them is chance; the per-pass table of the contended runs adjusts its "
                + "calls by Holm's method over the table. \"Cannot tell apart\" means an interval contains 0; where a design's "
                + "power matters the report gives the smallest difference it would detect four times in five.");
        md.para("Counters of type EVENTS (`#`) are JMH totals over all measurement iterations of all forks; the tables "
                + "use their per-iteration values.");
    }
}
