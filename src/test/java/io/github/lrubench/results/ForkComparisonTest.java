package io.github.lrubench.results;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Δ and Δ % of a real run's cells against values computed independently: the fork means and the
 * Welch–Satterthwaite arithmetic here by hand, the t quantile and the intervals with SciPy 1.17
 * ({@code scipy.stats.ttest_ind(lock, none, equal_var=False).confidence_interval(0.95)}).
 */
class ForkComparisonTest {

    /** Run 20261128T090140Z-vm: PageblockIsolationBenchmark at 100% dirty, PAGE_LOCK and NONE (4 forks x 3 iterations). */
    static Metric pageblock(String check, String dirty) {
        return JmhJson.read(Fixtures.REAL_DEFAULT_RUN_20261128_JSON).stream()
                .filter(r -> r.shortName().endsWith(".scanPageblock") && check.equals(r.param("check")) && dirty.equals(r.param("dirtyPercent")))
                .findFirst().orElseThrow().primary();
    }

    /** Each fork's mean by hand. */
    static double[] forkMeans(Metric m) {
        return m.rawData().stream().mapToDouble(f -> f.stream().mapToDouble(Double::doubleValue).sum() / f.size()).toArray();
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double var(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }

    @Test
    void deltaIsWelchOnForkMeans() {
        double[] lock = forkMeans(pageblock("PAGE_LOCK", "100")), none = forkMeans(pageblock("NONE", "100"));
        assertThat(lock).hasSize(4);
        double va = var(lock) / 4, vb = var(none) / 4;
        double df = (va + vb) * (va + vb) / (va * va / 3 + vb * vb / 3);
        assertThat(df).isCloseTo(5.074999549182309, within(1e-9)); // SciPy's Welch df
        double half = 2.5591976230217246 * Math.sqrt(va + vb); // scipy.stats.t.ppf(0.975, df)
        Interval d = ForkComparison.of(pageblock("PAGE_LOCK", "100"), pageblock("NONE", "100")).delta();
        assertThat(d.estimate()).isCloseTo(3.652068912523827, within(1e-9));
        assertThat(d.low()).isCloseTo(3.652068912523827 - half, within(1e-6)).isCloseTo(1.6204812939545885, within(1e-6));
        assertThat(d.high()).isCloseTo(5.683656531093066, within(1e-6));
    }

    @Test
    void percentCarriesBothMeansUncertainty() {
        double[] lock = forkMeans(pageblock("PAGE_LOCK", "100")), none = forkMeans(pageblock("NONE", "100"));
        double r = mean(lock) / mean(none);
        double av = var(lock) / 4, ab = r * r * var(none) / 4;
        double df = (av + ab) * (av + ab) / (av * av / 3 + ab * ab / 3);
        assertThat(df).isCloseTo(5.956087889444186, within(1e-9));
        ForkComparison c = ForkComparison.of(pageblock("PAGE_LOCK", "100"), pageblock("NONE", "100"));
        assertThat(c.percent().estimate()).isCloseTo(44.78154582250158, within(1e-9));
        // delta method, t at that df from SciPy: 100·(r − 1 ± t·sqrt(av + ab)/mean(none))
        assertThat(c.percent().low()).isCloseTo(17.428867748565974, within(1e-5));
        assertThat(c.percent().high()).isCloseTo(72.13422389643718, within(1e-5));
        // and wider than Δ's interval scaled by the baseline mean alone, which ignores NONE's own error
        double k = 100 / mean(none);
        Interval scaled = new Interval(c.delta().estimate() * k, c.delta().low() * k, c.delta().high() * k);
        assertThat(c.percent().high() - c.percent().low()).isGreaterThan(scaled.high() - scaled.low());
    }

    @Test
    void eachSideIsItsOwnTIntervalOnForkMeans() {
        ForkComparison c = ForkComparison.of(pageblock("PAGE_LOCK", "100"), pageblock("NONE", "100"));
        double[] none = forkMeans(pageblock("NONE", "100"));
        double half = 3.182446305284263 * Math.sqrt(var(none) / 4); // t(0.975, 3)
        assertThat(c.baseline().estimate()).isCloseTo(mean(none), within(1e-12));
        assertThat(c.baseline().high() - c.baseline().estimate()).isCloseTo(half, within(1e-9));
    }

    @Test
    void theFloorIsTheControlIntervalsFarthestReachAndResolvedMeansBeyondIt() {
        // the control of the same run: PAGE_LOCK − NONE at 0% dirty, SciPy [1.0314076378085493, 1.9426859681618018]
        Interval control = ForkComparison.of(pageblock("PAGE_LOCK", "0"), pageblock("NONE", "0")).delta();
        assertThat(control.low()).isCloseTo(1.0314076378085493, within(1e-6));
        double f = ForkComparison.floor(control);
        assertThat(f).isCloseTo(1.9426859681618018, within(1e-6));
        assertThat(ForkComparison.floor(new Interval(0.2, -3, 1))).isEqualTo(3);
        // at 100% dirty the interval excludes 0 but reaches inside the floor: not resolved
        Interval d = ForkComparison.of(pageblock("PAGE_LOCK", "100"), pageblock("NONE", "100")).delta();
        assertThat(d.excludes(0)).isTrue();
        assertThat(ForkComparison.beyond(d, f)).isFalse();
        // beyond it on either side: resolved; touching it or no floor: not
        assertThat(ForkComparison.beyond(new Interval(3, f + 1e-9, 5), f)).isTrue();
        assertThat(ForkComparison.beyond(new Interval(-3, -5, -f - 1e-9), f)).isTrue();
        assertThat(ForkComparison.beyond(new Interval(3, f, 5), f)).isFalse();
        assertThat(ForkComparison.beyond(new Interval(3, 2, 5), Double.NaN)).isFalse();
    }

    @Test
    void withoutRawDataOnlyTheScoresAndNoBounds() {
        Metric a = new Metric(12, 1, Double.NaN, Double.NaN, "ns/op", java.util.Map.of(), List.of());
        Metric b = new Metric(10, 1, Double.NaN, Double.NaN, "ns/op", java.util.Map.of(), List.of());
        ForkComparison c = ForkComparison.of(a, b);
        assertThat(c.delta().estimate()).isEqualTo(2.0);
        assertThat(c.delta().hasBounds()).isFalse();
        assertThat(c.percent().estimate()).isCloseTo(20.0, within(1e-12));
    }
}
