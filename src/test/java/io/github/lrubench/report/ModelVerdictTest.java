package io.github.lrubench.report;

import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.JmhJson;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The composed verdict's arithmetic on the committed default run 20261128T090140Z-vm (fixture
 * suite/default-run-20261128.json). Expected values were computed outside the project from the
 * file's rawData with jq and awk (fork means, Welch–Satterthwaite), not by the code under test.
 */
class ModelVerdictTest {
    static List<BenchmarkResult> run() throws Exception {
        return JmhJson.read(Path.of(ModelVerdictTest.class.getClassLoader().getResource("fixtures/suite/default-run-20261128.json").toURI()));
    }

    @Test
    void checkCostIsTheDifferenceInDifferencesOfThePageblockCells() throws Exception {
        CheckCost c = CheckCost.of(new SuiteResults(run()));
        // fork means of NONE/PAGE_LOCK at 0 and 100% dirty: c = (L100 − N100) − (L0 − N0)
        assertThat(c.ns()).isCloseTo(2.165022, within(1e-6));
        assertThat(c.cost().se()).isCloseTo(0.815384, within(1e-6));
        assertThat(c.cost().df()).isCloseTo(5.6344, within(1e-4));
        // the control: PAGE_LOCK − NONE where no check runs
        assertThat(c.control().mean()).isCloseTo(1.487047, within(1e-6));
        assertThat(c.control().interval().excludes(0)).as("this run's control is not clean: why c subtracts it").isTrue();
    }

    @Test
    void composedOverheadUsesTheCountersAndTheMeasuredCostPerMigratedPage() throws Exception {
        ModelVerdict.Figures f = new ModelVerdict().compute(new Report.Inputs(".", run(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty()));
        ModelVerdict.ComposedRow full = row(f, 100, "0");
        // 100% dirty, x = 0: c · (I/M) / t = 2.165022 · 1.000 / 202.5654 = 1.0688%
        assertThat(full.t().estimate()).isCloseTo(202.5654, within(1e-4));
        assertThat(full.t().low()).isCloseTo(150.1, within(0.05));
        assertThat(full.isolatedPerMigrated()).isCloseTo(1.000, within(5e-4));
        assertThat(full.overheadPercent().estimate()).isCloseTo(100 * 2.165022 * full.isolatedPerMigrated() / 202.5654, within(1e-4));
        assertThat(full.xRealized()).isZero();
        // x_r is measured, not the nominal 4000: t(4000) − t(0) at 100% dirty
        ModelVerdict.ComposedRow x4000 = row(f, 100, "4000");
        assertThat(x4000.xRealized()).isCloseTo(x4000.t().estimate() - full.t().estimate(), within(1e-9)).isCloseTo(4771.4, within(0.05));
        assertThat(x4000.breakEvenRow()).isFalse();
        // the break-even is c·p·I/M / 1%, with c's interval
        assertThat(full.breakEvenRow()).isTrue();
        assertThat(full.checkPerPage().estimate()).isCloseTo(2.165022 * full.isolatedPerMigrated(), within(1e-6));
        assertThat(full.breakEven().estimate()).isCloseTo(100 * full.checkPerPage().estimate(), within(1e-6));
        assertThat(full.breakEven().low()).isCloseTo(100 * full.checkPerPage().low(), within(1e-6)).isCloseTo(14, within(0.5));
        assertThat(row(f, 0, "0").overheadPercent()).as("no dirty page, no overhead").isNull();
    }

    static ModelVerdict.ComposedRow row(ModelVerdict.Figures f, int dirty, String x) {
        return f.rows().stream().filter(r -> r.dirtyPercent() == dirty && r.xAsked().equals(x)).findFirst().orElseThrow();
    }
}
