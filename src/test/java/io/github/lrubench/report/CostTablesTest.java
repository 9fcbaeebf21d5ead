package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.Fixtures;
import io.github.lrubench.results.ForkComparison;
import io.github.lrubench.results.JmhJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The cost tables' rows on real runs: controls, floors, readings, and the forest plot drawn from the same rows. */
class CostTablesTest {

    static CostTables tables(java.nio.file.Path fixture) {
        return new CostTables(new SuiteResults(JmhJson.read(fixture)));
    }

    static FixRow row(List<FixRow> rows, IsolationCheck check, int dirty) {
        return rows.stream().filter(r -> r.variant().equals(check.name())
                        && String.valueOf(dirty).equals(r.others().get(SuiteParam.DIRTY_PERCENT.key())))
                .findFirst().orElseThrow();
    }

    /**
     * Run 20261128T090140Z-vm: the page lock costs 3.65 ns per pfn at 100% dirty, [1.62, 5.68], which
     * excludes 0, but the same comparison at 0% dirty, where no check runs, already differs by
     * [1.03, 1.94]: the Δ reaches inside that floor and is not resolved.
     */
    @Test
    void aDeltaThatExcludesZeroButReachesInsideItsControlsFloorIsNotResolved() {
        List<FixRow> rows = tables(Fixtures.REAL_DEFAULT_RUN_20261128_JSON).rows(Suite.PAGEBLOCK_ISOLATION);
        FixRow control = row(rows, IsolationCheck.PAGE_LOCK, 0);
        FixRow full = row(rows, IsolationCheck.PAGE_LOCK, 100);
        assertThat(control.kind()).isEqualTo(FixRow.Kind.CONTROL);
        assertThat(control.reading()).isEqualTo(FixRow.Reading.CONTROL_EXCLUDES_ZERO);
        assertThat(full.kind()).isEqualTo(FixRow.Kind.CONTROLLED);
        assertThat(full.floor()).isEqualTo(ForkComparison.floor(control.delta())).isCloseTo(1.9426859681618018, within(1e-6));
        assertThat(full.delta().low()).isCloseTo(1.6204812939545885, within(1e-6));
        assertThat(full.delta().excludes(0)).isTrue();
        assertThat(full.reading()).isEqualTo(FixRow.Reading.NOT_RESOLVED);
        // each PAGE_LOCK_V4_16 row is judged against its own control, not PAGE_LOCK's
        assertThat(row(rows, IsolationCheck.PAGE_LOCK_V4_16, 100).floor())
                .isEqualTo(ForkComparison.floor(row(rows, IsolationCheck.PAGE_LOCK_V4_16, 0).delta()));
        String md = CostTables.overheadTable(rows);
        assertThat(md).contains("| dirtyPercent=0 **(control)** | PAGE_LOCK |", "| +3.652 [+1.620, +5.684] | +44.8% [+17.4, +72.1] | ±1.943 | no |");
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
        CostTables t = tables(Fixtures.REAL_DEFAULT_RUN_20261128_JSON);
        List<FixRow> rows = t.rows(Suite.ISOLATION_CHECK);
        assertThat(rows).hasSize(2).allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo(FixRow.Kind.UNCONTROLLED);
            assertThat(r.floor()).isNaN();
            assertThat(r.reading()).isEqualTo(FixRow.Reading.UNCONTROLLED_COSTLIER);
        });
        assertThat(t.checkSection("h", Suite.ISOLATION_CHECK, "w").markdown()).contains("yes†: costlier", "† No control in this table");
    }

    @Test
    void noTableOrMethodPrintsJmhsErrorBesideOurIntervals() {
        String md = Report.markdown(JmhJson.read(Fixtures.REAL_DEFAULT_RUN_20261128_JSON), null, null);
        assertThat(md).doesNotContain("± ").doesNotContain("CI excludes 1");
        assertThat(md).containsOnlyOnce("One confidence level throughout: 95%");
    }

    /** The forest plot draws exactly the tables' rows, in their order, controls as a series of their own. */
    @Test
    void theForestPlotIsTheTablesRowsWithControlsApart() {
        CostTables t = tables(Fixtures.REAL_DEFAULT_RUN_20261128_JSON);
        List<FixRow> rows = CostTables.FOREST.keySet().stream().flatMap(s -> t.rows(s).stream()).toList();
        Section s = t.forest(null);
        assertThat(s.markdown()).contains("charts/" + CostTables.FOREST_STEM + ".png");
        ChartSpec spec = s.charts().get(0);
        assertThat(spec.fileStem()).isEqualTo(CostTables.FOREST_STEM);
        assertThat(spec.categories()).hasSize(rows.size()).hasSize(2 + 8 + 12);
        ChartSpec.Series fix = spec.series().get(0), control = spec.series().get(1);
        assertThat(control.name()).contains("control");
        IntStream.range(0, rows.size()).forEach(i -> {
            FixRow r = rows.get(i);
            boolean isControl = r.kind() == FixRow.Kind.CONTROL;
            assertThat((isControl ? control : fix).y().get(i)).isEqualTo(r.cmp().percent().estimate());
            assertThat((isControl ? fix : control).y().get(i)).isNaN();
            assertThat((isControl ? control : fix).error().get(i))
                    .isCloseTo((r.cmp().percent().high() - r.cmp().percent().low()) / 2, within(1e-9));
        });
        assertThat(spec.categories().get(rows.indexOf(row(t.rows(Suite.PAGEBLOCK_ISOLATION), IsolationCheck.PAGE_LOCK, 100))))
                .isEqualTo("pfn PAGE_LOCK 100%: +3.65 ns");
    }

    @Test
    void theForestPlotRendersAsPoints(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        ChartSpec spec = tables(Fixtures.REAL_DEFAULT_RUN_20261128_JSON).forest(null).charts().get(0);
        java.nio.file.Path png = io.github.lrubench.results.ChartRenderer.render(spec, dir);
        assertThat(javax.imageio.ImageIO.read(png.toFile()).getHeight()).isGreaterThan(500);
        assertThat(dir.resolve(CostTables.FOREST_STEM + ".svg")).exists();
    }

}
