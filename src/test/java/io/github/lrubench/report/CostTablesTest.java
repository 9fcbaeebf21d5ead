package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.report.CheckTableSection.Question;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.Fixtures;
import io.github.lrubench.results.ForkComparison;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.JmhJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The cost sections' records on real runs: the floor, the model against it, each question's rows
 * (controls, floors, readings) and the forest plot drawn from the same rows. Expected figures of
 * run 20261128T090140Z-vm (fixture suite/default-run-20261128.json) were computed outside the
 * project with SciPy 1.17 from the file's rawData: fork means, {@code scipy.stats.t} intervals,
 * {@code ttest_ind(equal_var=False).confidence_interval(0.95)}, the percent by the delta method.
 */
class CostTablesTest {

    static List<BenchmarkResult> results(java.nio.file.Path fixture) {
        return JmhJson.read(fixture);
    }

    /** The report's inputs of results alone (no did.json, metadata, race or calibration). */
    static Report.Inputs inputs(List<BenchmarkResult> results) {
        return new Report.Inputs("t", results, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                Optional.empty());
    }

    static CostTables tables(java.nio.file.Path fixture) {
        return new CostTables(new SuiteResults(results(fixture)));
    }

    static CheckTableSection.CheckTable table(java.nio.file.Path fixture, Question q) {
        return new CheckTableSection(tables(fixture), q).compute(inputs(results(fixture)));
    }

    static FixRow row(List<FixRow> rows, IsolationCheck check, int dirty) {
        return rows.stream().filter(r -> r.variant().equals(check.name())
                        && String.valueOf(dirty).equals(r.others().get(SuiteParam.DIRTY_PERCENT.key())))
                .findFirst().orElseThrow();
    }

    static void assertInterval(Interval actual, double estimate, double low, double high, double tolerance) {
        assertThat(actual.estimate()).as("estimate").isCloseTo(estimate, within(tolerance));
        assertThat(actual.low()).as("low").isCloseTo(low, within(tolerance));
        assertThat(actual.high()).as("high").isCloseTo(high, within(tolerance));
    }

    @Test
    void theFloorIsEachPrimitivesMeanOverForks() {
        List<FloorSection.Primitive> floor = new FloorSection().compute(inputs(results(Fixtures.REAL_DEFAULT_RUN_20261128_JSON)));
        assertThat(floor).extracting(FloorSection.Primitive::benchmark)
                .containsExactly(SuiteBenchmark.COPY4K.shortName(), SuiteBenchmark.SCAN512.shortName(),
                        SuiteBenchmark.SCAN512_WITH_BIT_PAIR_ON_DIRTY.shortName(), SuiteBenchmark.TRYLOCK_UNLOCK_PAIR.shortName());
        assertThat(floor).extracting(FloorSection.Primitive::unit).containsOnly("ns/op");
        // SciPy: mean of the 4 fork means, t(3) interval
        assertInterval(floor.get(1).mean(), 0.5053186987475772, 0.4113360264205205, 0.5993013710746339, 1e-9);
        assertInterval(floor.get(3).mean(), 5.528246278872218, 5.214141413894482, 5.842351143849954, 1e-9);
        assertThat(new FloorSection().compute(inputs(results(Fixtures.SUITE_COMPACTION_JSON)))).as("no " + Suite.FLOOR.simpleName()).isEmpty();
    }

    /** Figures from the JMH scores of the file (jq), ratios by hand. */
    @Test
    void theModelIsHeldAgainstTheFloorsScores() {
        List<HarnessSection.Ratio> rs = new HarnessSection().compute(inputs(results(Fixtures.REAL_DEFAULT_RUN_20261128_JSON)));
        assertThat(rs).extracting(HarnessSection.Ratio::figure).containsExactly(HarnessSection.Figure.values());
        // isolateDirtyPage PAGE_LOCK − NONE against trylockUnlockPair
        assertThat(rs.get(0).model()).isCloseTo(8.10860028291764 - 3.0501784520661253, within(1e-12));
        assertThat(rs.get(0).floor()).isCloseTo(5.528246278872217, within(1e-12));
        assertThat(rs.get(0).ratio()).isCloseTo(0.9150138354334408, within(1e-9));
        // scanPageblock NONE at 50% against scan512
        assertThat(rs.get(1).ratio()).isCloseTo(11.246186206162486, within(1e-9));
        // (scanPageblock PAGE_LOCK − NONE at 50%) / 0.5 against the pair
        assertThat(rs.get(2).model()).isCloseTo(4.625309518257065, within(1e-9));
        assertThat(rs.get(2).ratio()).isCloseTo(0.8366684993637161, within(1e-9));
        assertThat(new HarnessSection().compute(inputs(results(Fixtures.SUITE_COMPACTION_JSON)))).as("no floor, no isolation check").isEmpty();
    }

    /**
     * The page lock costs 3.65 ns per pfn at 100% dirty, [1.62, 5.68], which excludes 0, but the same
     * comparison at 0% dirty, where no check runs, already differs by [1.03, 1.94]: the Δ reaches
     * inside that floor and is not resolved.
     */
    @Test
    void aDeltaThatExcludesZeroButReachesInsideItsControlsFloorIsNotResolved() {
        CheckTableSection.CheckTable t = table(Fixtures.REAL_DEFAULT_RUN_20261128_JSON, Question.PER_PFN);
        assertThat(t.ran()).isTrue();
        assertThat(t.question().whyNoControl).as("the 0% row is the control").isNull();
        List<FixRow> rows = t.rows();
        FixRow control = row(rows, IsolationCheck.PAGE_LOCK, 0);
        FixRow full = row(rows, IsolationCheck.PAGE_LOCK, 100);
        assertThat(control.kind()).isEqualTo(FixRow.Kind.CONTROL);
        assertThat(control.reading()).isEqualTo(FixRow.Reading.CONTROL_EXCLUDES_ZERO);
        assertThat(full.kind()).isEqualTo(FixRow.Kind.CONTROLLED);
        assertThat(full.baseline()).isEqualTo(IsolationCheck.NONE.name());
        // SciPy: Welch on the fork means of PAGE_LOCK and NONE at 100%, then the percent of NONE by the delta method
        assertInterval(full.delta(), 3.652068912523827, 1.6204812939545885, 5.683656531093066, 1e-9);
        assertInterval(full.cmp().percent(), 44.78154582250158, 17.428867748565978, 72.13422389643718, 1e-6);
        // the control's SciPy interval [1.0314076378085493, 1.9426859681618018]: its floor is the far bound
        assertThat(full.floor()).isEqualTo(ForkComparison.floor(control.delta())).isCloseTo(1.9426859681618018, within(1e-9));
        assertThat(full.delta().excludes(0)).isTrue();
        assertThat(full.reading()).isEqualTo(FixRow.Reading.NOT_RESOLVED);
        assertThat(full.reading().resolved()).isFalse();
        // each PAGE_LOCK_V4_16 row is judged against its own control, not PAGE_LOCK's
        assertThat(row(rows, IsolationCheck.PAGE_LOCK_V4_16, 100).floor())
                .isEqualTo(ForkComparison.floor(row(rows, IsolationCheck.PAGE_LOCK_V4_16, 0).delta()));
    }

    /**
     * Run 20261206T145340Z-vm: its 0% control, PAGE_LOCK − NONE, is [-0.538, +0.610] ns (floor 0.610) and the
     * 100% Δ, [+2.344, +3.355] ns, clears it (SciPy 1.17.1, {@code scipy.stats.ttest_ind(lock, none,
     * equal_var=False).confidence_interval(0.95)} on the fork means).
     */
    @Test
    void aDeltaBeyondItsControlsFloorIsResolved() {
        List<FixRow> rows = tables(Fixtures.REAL_DEFAULT_RUN_JSON).rows(Suite.PAGEBLOCK_ISOLATION);
        FixRow full = row(rows, IsolationCheck.PAGE_LOCK, 100);
        assertThat(full.floor()).isCloseTo(0.6101025742252739, within(1e-6));
        assertThat(full.delta().low()).isGreaterThan(full.floor());
        assertThat(full.reading()).isEqualTo(FixRow.Reading.COSTLIER);
    }

    /** A pass's control is the 0% row with the same x (and mode and free), not another x's. */
    @Test
    void passRowsAreJudgedAgainstTheControlOfTheirOwnX() {
        List<FixRow> rows = tables(Fixtures.REAL_DEFAULT_RUN_20261128_JSON).rows(Suite.COMPACTION_PASS);
        assertThat(rows).hasSize(12);
        for (FixRow r : rows) {
            FixRow control = rows.stream().filter(c -> c.kind() == FixRow.Kind.CONTROL && c.others().get(SuiteParam.MIGRATE_EXTRA_NS.key())
                    .equals(r.others().get(SuiteParam.MIGRATE_EXTRA_NS.key()))).findFirst().orElseThrow();
            assertThat(r.floor()).as(r.others().toString()).isEqualTo(ForkComparison.floor(control.delta()));
        }
        assertThat(rows.stream().filter(r -> r.kind() == FixRow.Kind.CONTROL)).hasSize(3);
    }

    @Test
    void theIsolationCheckHasNoControlAndSaysSo() {
        CheckTableSection.CheckTable t = table(Fixtures.REAL_DEFAULT_RUN_20261128_JSON, Question.PER_DIRTY_PAGE);
        assertThat(t.question().whyNoControl).isNotNull();
        assertThat(t.rows()).hasSize(2).allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo(FixRow.Kind.UNCONTROLLED);
            assertThat(r.floor()).isNaN();
            assertThat(r.reading()).isEqualTo(FixRow.Reading.UNCONTROLLED_COSTLIER);
        });
    }

    @Test
    void aQuestionWhoseBenchmarkDidNotRunHasNoRows() {
        CheckTableSection.CheckTable t = table(Fixtures.SUITE_COMPACTION_JSON, Question.PER_PFN);
        assertThat(t.ran()).isFalse();
        assertThat(t.rows()).isEmpty();
    }

    @Test
    void noTableOrMethodPrintsJmhsErrorBesideOurIntervals() {
        String md = Report.markdown(JmhJson.read(Fixtures.REAL_DEFAULT_RUN_20261128_JSON), null, null);
        assertThat(md).doesNotContain("± ").doesNotContain("CI excludes 1");
        assertThat(md).containsOnlyOnce("One confidence level throughout: 95%");
    }

    /** The forest's points are exactly the tables' rows, in their order, controls apart. */
    @Test
    void theForestIsTheTablesRowsWithControlsApart() {
        CostTables t = tables(Fixtures.REAL_DEFAULT_RUN_20261128_JSON);
        List<FixRow> rows = List.of(Question.values()).stream().flatMap(q -> t.rows(q.suite).stream()).toList();
        List<ForestSection.Point> points = new ForestSection(t).compute(inputs(results(Fixtures.REAL_DEFAULT_RUN_20261128_JSON)));
        assertThat(points).hasSize(rows.size()).hasSize(2 + 8 + 12);
        IntStream.range(0, rows.size()).forEach(i -> {
            FixRow r = rows.get(i);
            ForestSection.Point p = points.get(i);
            assertThat(p.kind().control()).isEqualTo(r.kind() == FixRow.Kind.CONTROL);
            assertThat(p.percent()).isEqualTo(r.cmp().percent());
            assertThat(p.delta()).isEqualTo(r.delta());
        });
        ForestSection.Point full = points.get(rows.indexOf(row(t.rows(Suite.PAGEBLOCK_ISOLATION), IsolationCheck.PAGE_LOCK, 100)));
        assertThat(full.name()).isEqualTo("pfn PAGE_LOCK 100%");
        assertThat(full.delta().estimate()).isCloseTo(3.652068912523827, within(1e-9)); // SciPy, as above
    }

    /** The chart is not in REPORT.md, so no golden file guards it: each point in its series, labelled with its Δ. */
    @Test
    void theForestChartDrawsEachPointInItsSeries() {
        CostTables t = tables(Fixtures.REAL_DEFAULT_RUN_20261128_JSON);
        ForestSection s = new ForestSection(t);
        List<ForestSection.Point> points = s.compute(inputs(results(Fixtures.REAL_DEFAULT_RUN_20261128_JSON)));
        ChartSpec spec = s.charts(points).get(0);
        assertThat(spec.fileStem()).isEqualTo(ForestSection.STEM);
        ChartSpec.Series fix = spec.series().get(0), control = spec.series().get(1);
        assertThat(control.name()).contains("control");
        IntStream.range(0, points.size()).forEach(i -> {
            ForestSection.Point p = points.get(i);
            assertThat((p.kind().control() ? control : fix).y().get(i)).isEqualTo(p.percent().estimate());
            assertThat((p.kind().control() ? fix : control).y().get(i)).isNaN();
            assertThat((p.kind().control() ? control : fix).error().get(i))
                    .isCloseTo((p.percent().high() - p.percent().low()) / 2, within(1e-9));
        });
        assertThat(spec.categories()).contains("pfn PAGE_LOCK 100%: +3.7 ns"); // rounded to its interval, [+2.9, +4.4]
    }

    @Test
    void theForestPlotRendersAsPoints(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        ForestSection s = new ForestSection(tables(Fixtures.REAL_DEFAULT_RUN_20261128_JSON));
        ChartSpec spec = s.charts(s.points(null)).get(0);
        java.nio.file.Path png = io.github.lrubench.results.ChartRenderer.render(spec, dir);
        assertThat(javax.imageio.ImageIO.read(png.toFile()).getHeight()).isGreaterThan(500);
        assertThat(dir.resolve(ForestSection.STEM + ".svg")).exists();
    }
}
