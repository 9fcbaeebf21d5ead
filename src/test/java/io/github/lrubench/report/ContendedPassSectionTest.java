package io.github.lrubench.report;

import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.mm.CompactMode;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.results.Fixtures;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.JmhJson;
import org.junit.jupiter.api.Test;

import static io.github.lrubench.bench.SuiteParam.CHECK;
import static io.github.lrubench.bench.SuiteParam.COMPACT_MODE;
import static io.github.lrubench.bench.SuiteParam.FREE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Per-pass figures of the contended runs on the committed default run's results (fixture
 * default-run.json). Expected values computed independently with SciPy 1.17 from the JSON's raw
 * data: each fork's Σ counter / Σ compact over its iterations; log-scale t interval over forks;
 * Welch (scipy.stats.t with Welch–Satterthwaite df) for the difference.
 */
class ContendedPassSectionTest {

    private static ContendedPassSection.Figures figures() {
        return new ContendedPassSection().compute(CostTablesTest.inputs(JmhJson.read(Fixtures.REAL_DEFAULT_RUN_JSON)));
    }

    @Test
    void eachRowIsPerPassOnTheLogScale() {
        ContendedPassSection.Figures f = figures();
        ContendedPassSection.Row v416 = f.rows().stream().filter(r -> has(r.params(), CHECK, IsolationCheck.PAGE_LOCK_V4_16)
                && has(r.params(), COMPACT_MODE, CompactMode.KCOMPACTD_SYNC_LIGHT) && has(r.params(), FREE, InodeFreePolicy.PREEMPT_RCU)).findFirst().orElseThrow();
        is(v416.perPass().get(SuiteMetric.MIGRATED), 15.502384533563992, 15.354773883290216, 15.651414215094098);
        ContendedPassSection.Row none = f.rows().stream().filter(r -> has(r.params(), CHECK, IsolationCheck.NONE)
                && has(r.params(), COMPACT_MODE, CompactMode.DIRECT_ASYNC_ORDER9) && has(r.params(), FREE, InodeFreePolicy.PREEMPT_RCU)).findFirst().orElseThrow();
        is(none.perPass().get(SuiteMetric.ISOLATED), 9.307007849657898, 8.525470467402949, 10.160189451689023);
        is(none.passesPerSecond(), 1213879.8680608338, 906443.1957665664, 1625589.2713026158);
    }

    @Test
    void onlyAChangeThatSurvivesHolmIsCalledARiseOrAFall() {
        ContendedPassSection.Figures f = figures();
        ContendedPassSection.Comparison migrated = f.comparisons().stream().filter(c -> c.check() == IsolationCheck.PAGE_LOCK_V4_16
                && c.quantity() == SuiteMetric.MIGRATED && has(c.params(), COMPACT_MODE, CompactMode.KCOMPACTD_SYNC_LIGHT)
                && has(c.params(), FREE, InodeFreePolicy.PREEMPT_RCU)).findFirst().orElseThrow();
        is(migrated.delta(), -2.4801945184855203, -2.6197899499657735, -2.340599087005267);
        assertThat(migrated.change()).isEqualTo(ContendedPassSection.Change.FELL);
        // SciPy: (t.ppf(0.975, df) + t.ppf(0.8, df)) x se, Welch's se 0.05114 and df 4.181
        assertThat(migrated.detectable()).isCloseTo(0.18747583277554447, within(1e-9));
        assertThat(migrated.holmP()).isGreaterThanOrEqualTo(6.530038973995289e-07).isLessThanOrEqualTo(f.family() * 6.530038973995289e-07 * 1.0001);
        // unadjusted, PAGE_LOCK's skippedTrylock per pass excludes 0 in places; none survives the adjustment
        assertThat(f.comparisons()).filteredOn(c -> c.check() == IsolationCheck.PAGE_LOCK)
                .allMatch(c -> c.change() != ContendedPassSection.Change.ROSE && c.change() != ContendedPassSection.Change.FELL);
        assertThat(f.comparisons()).filteredOn(c -> c.check() == IsolationCheck.PAGE_LOCK && c.delta().excludes(0)).isNotEmpty();
        assertThat(f.comparisons()).filteredOn(c -> c.quantity() == null)
                .allMatch(c -> c.change() == ContendedPassSection.Change.NOT_RESOLVED); // passes/s: never resolved here
    }

    /** Whether a params label ("check=NONE, compactMode=..., free=...") holds this value of the parameter. */
    private static boolean has(String params, SuiteParam p, Enum<?> v) {
        return java.util.Arrays.asList(params.split(", ")).contains(p.key() + "=" + v.name());
    }

    private static void is(Interval i, double est, double lo, double hi) {
        assertThat(i.estimate()).isCloseTo(est, within(1e-9 * Math.max(1, Math.abs(est))));
        assertThat(i.low()).isCloseTo(lo, within(1e-9 * Math.max(1, Math.abs(lo))));
        assertThat(i.high()).isCloseTo(hi, within(1e-9 * Math.max(1, Math.abs(hi))));
    }
}
