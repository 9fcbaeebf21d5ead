package io.github.lrubench.report;

import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.JmhJson;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

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
        String md = ModelVerdict.of(new SuiteResults(run()), null).markdown();
        // 100% dirty, x = 0: c · (I/M) / t = 2.165022 · 1.000 / 202.5654 = 1.0688%
        assertThat(md).contains("| DIRECT_ASYNC_ORDER9 | 100 | 0 | 0.000 | 202.6 [150.1, 255.1] | 1.000 | 1.069 [");
        // x_r is measured, not the nominal 4000: t(4000) − t(0) at 100% dirty
        assertThat(md).contains("| DIRECT_ASYNC_ORDER9 | 100 | 4000 | 4771.4 |");
        // the break-even is c·p·I/M / 1%, with c's interval
        assertThat(md).contains("| DIRECT_ASYNC_ORDER9 | 100 | 2.17 [0.14, 4.19] | 217 [14, 419] |");
        assertThat(md).doesNotContain("~43 ns");
        assertThat(md).contains("did.json: not in this run");
    }
}
