package io.github.lrubench.report;

import io.github.lrubench.run.PassDidObservation;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lrubench.bench.PassDid;
import io.github.lrubench.bench.PassDid.Cell;
import io.github.lrubench.bench.Profile;
import io.github.lrubench.results.BadInputException;
import io.github.lrubench.results.ForkStats;
import io.github.lrubench.results.JmhJson;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The pass DiD's arithmetic on a real did.json: by-round differences, the control, the DiD and its t interval. */
class PassDidAnalysisTest {
    static Path fixture() throws Exception {
        return Path.of(PassDidAnalysisTest.class.getClassLoader().getResource("fixtures/did/smoke-did.json").toURI());
    }

    static ArrayNode tree() throws Exception {
        return (ArrayNode) JmhJson.mapper().readTree(Files.readString(fixture()));
    }

    @Test
    void designRunsRoundsInAbbaOrder() {
        assertThat(PassDid.order(0)).containsExactly(Cell.NONE_CLEAN, Cell.LOCK_CLEAN, Cell.NONE_DIRTY, Cell.LOCK_DIRTY);
        assertThat(PassDid.order(1)).containsExactly(Cell.LOCK_DIRTY, Cell.NONE_DIRTY, Cell.LOCK_CLEAN, Cell.NONE_CLEAN);
        List<PassDid.Fork> forks = PassDid.forks(Profile.DEFAULT);
        assertThat(forks).hasSize(4 * Profile.DEFAULT.didRounds);
        // every cell is run equally often early and late: its mean position is the design's mean position
        double mid = (forks.size() - 1) / 2.0;
        for (Cell c : Cell.values()) {
            assertThat(forks.stream().filter(f -> f.cell() == c).mapToInt(PassDid.Fork::sequence).average().orElseThrow())
                    .isCloseTo(mid, within(1e-9));
        }
    }

    @Test
    void differenceInDifferencesByRound() throws Exception {
        List<PassDidObservation> obs = PassDidObservation.parse(fixture(), tree());
        assertThat(obs).hasSize(8);
        // Hand computation from the raw iterations: each fork's mean, then per round (LD − ND) − (LC − NC).
        double[] did = new double[2], control = new double[2];
        for (int r = 0; r < 2; r++) {
            int round = r;
            java.util.function.ToDoubleFunction<Cell> m = c -> obs.stream().filter(o -> o.round() == round && o.cell() == c)
                    .findFirst().orElseThrow().result().primary().rawData().get(0).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            control[r] = m.applyAsDouble(Cell.LOCK_CLEAN) - m.applyAsDouble(Cell.NONE_CLEAN);
            did[r] = m.applyAsDouble(Cell.LOCK_DIRTY) - m.applyAsDouble(Cell.NONE_DIRTY) - control[r];
        }
        PassDidAnalysis.Analysis a = PassDidAnalysis.analyse(obs);
        assertThat(a.rounds()).isEqualTo(2);
        assertThat(a.control().mean()).isCloseTo((control[0] + control[1]) / 2, within(1e-9));
        assertThat(a.did().mean()).isCloseTo((did[0] + did[1]) / 2, within(1e-9));
        // t interval over 2 rounds: 1 df, t = 12.706, se = |d0 − d1| / 2
        double half = 12.706 * Math.abs(did[0] - did[1]) / 2;
        assertThat(a.did().interval().high() - a.did().mean()).isCloseTo(half, within(half * 1e-3));
        // composed at the same point: c × pages isolated per pass (the counters give 31.27 in this model)
        assertThat(a.isolated()).isBetween(25.0, 40.0);
        CheckCost c = new CheckCost(new ForkStats.Estimate(5, 1, 10), null, "test");
        assertThat(PassDidAnalysis.composed(a, c).mean()).isCloseTo(5 * a.isolated(), within(1e-9));
    }

    @Test
    void theForestDrawsTheDirectControlApartFromTheDid() throws Exception {
        PassDidAnalysis.Analysis a = PassDidAnalysis.analyse(PassDidObservation.parse(fixture(), tree()));
        List<ForestSection.Point> points = new ForestSection(new CostTables(new SuiteResults(List.of()))).points(a);
        assertThat(points).extracting(ForestSection.Point::kind)
                .containsExactly(ForestSection.Kind.DIRECT_CONTROL, ForestSection.Kind.DIRECT_DID);
        assertThat(points.get(0).kind().control()).isTrue();
        assertThat(points.get(1).kind().control()).isFalse();
        assertThat(points.get(0).percent().estimate()).as("control").isCloseTo(a.controlPercent().mean(), within(1e-9));
        assertThat(points.get(1).percent().estimate()).as("DiD").isCloseTo(a.didPercent().mean(), within(1e-9));
        assertThat(points.get(1).delta()).isEqualTo(a.did().interval());
    }

    /** Expected figures computed from the file with jq, outside the project. */
    @Test
    void driftAndWarmupProfileOfARealDefaultRun() throws Exception {
        Path f = Path.of(PassDidAnalysisTest.class.getClassLoader().getResource("fixtures/did/default-did.json").toURI());
        PassDidAnalysis.Analysis a = PassDidAnalysis.analyse(PassDidObservation.parse(f, (ArrayNode) JmhJson.mapper().readTree(Files.readString(f))));
        assertThat(a.rounds()).isEqualTo(16);
        // later 8 rounds against the first 8, rounds the unit: each round's level the mean over its four
        // forks of fork / cell's earlier-half mean; Welch over the 8 + 8 levels (SciPy: df 8.29)
        assertThat(a.drift().mean()).isCloseTo(15.068672, within(1e-5));
        assertThat(a.drift().interval().low()).isCloseTo(5.599864003879327, within(1e-6));
        assertThat(a.drift().interval().high()).isCloseTo(24.53748033181271, within(1e-6));
        // the first measured iteration, as % of its fork's mean, averaged over the 64 forks
        assertThat(a.byIteration()).hasSize(4);
        assertThat(a.byIteration().get(0)).isCloseTo(101.713471, within(1e-5));
        PassDidSection.Direct d = PassDidSection.compute(defaultRun(), null).orElseThrow();
        assertThat(d.warmup()).isEqualTo("5 warm-up iterations of 500 ms");
        assertThat(d.drifted()).as("15% later, beyond noise").isTrue();
        assertThat(d.composed()).as("no c, no composed estimate").isNull();
    }

    static List<PassDidObservation> defaultRun() throws Exception {
        Path f = Path.of(PassDidAnalysisTest.class.getClassLoader().getResource("fixtures/did/default-did.json").toURI());
        return PassDidObservation.parse(f, (ArrayNode) JmhJson.mapper().readTree(Files.readString(f)));
    }

    /**
     * The section's figures on the same file, computed with SciPy 1.17 outside the project: by round
     * (16, t with 15 df), percentages of the NONE_DIRTY cell by the delta method with
     * Welch–Satterthwaite df, the composed estimate for c = 5 ± 1 ns (10 df) times the counters'
     * 31.265 pages isolated per pass.
     */
    @Test
    void theDirectFiguresAndTheirReadingOfARealDefaultRun() throws Exception {
        PassDidSection.Direct d = PassDidSection.compute(defaultRun(), new CheckCost(new ForkStats.Estimate(5, 1, 10), null, "test"))
                .orElseThrow();
        PassDidAnalysis.Analysis a = d.analysis();
        CostTablesTest.assertInterval(a.control().interval(), 106.12971477184382, -293.45715292344005, 505.71658246712775, 1e-6);
        assertThat(d.controlExcludesZero()).isFalse();
        CostTablesTest.assertInterval(a.did().interval(), 207.2862852926751, -274.03138019132086, 688.6039507766711, 1e-6);
        CostTablesTest.assertInterval(a.didPercent().interval(), 4.412194075035676, -5.835759702646123, 14.660147852717476, 1e-9);
        assertThat(d.didHalfWidth()).isCloseTo(10.247953777681799, within(1e-9));
        CostTablesTest.assertInterval(d.effectPercent().interval(), 6.671219065716535, -4.0118196074101995, 17.35425773884327, 1e-9);
        assertThat(d.forks()).isEqualTo(64);
        // the first measured iteration against the rest of its fork, % over the 64 forks: [0.12, 4.91] excludes 0
        CostTablesTest.assertInterval(a.warmup().interval(), 2.5127393115665053, 0.12043274990479658, 4.9050458732282145, 1e-9);
        assertThat(d.warmupOutlier()).isTrue();
        PassDidSection.Composed c = d.composed();
        assertThat(c.pagesChecked()).isCloseTo(31.26531111136505, within(1e-9));
        CostTablesTest.assertInterval(c.delta().interval(), 156.32655555682527, 86.66310115015465, 225.99000996349588, 1e-9);
        CostTablesTest.assertInterval(c.percent().interval(), 3.32749029307311, 1.8357599782821192, 4.8192206078641, 1e-9);
        CostTablesTest.assertInterval(c.directMinusComposed().interval(), 1.084703781962566, -9.229653009765435, 11.399060573690566, 1e-9);
        // the difference contains 0 and the direct interval is ±10 points: they agree, but it cannot tell them apart
        assertThat(c.agreement()).isEqualTo(PassDidSection.Agreement.AGREE_WIDE);
        assertThat(d.chart().fileStem()).isEqualTo(PassDidSection.CHART);
        assertThat(PassDidSection.compute(null, null)).as("no did.json").isEmpty();
    }

    @Test
    void incompleteRoundsAreLeftOut() throws Exception {
        List<PassDidObservation> obs = PassDidObservation.parse(fixture(), tree());
        List<PassDidObservation> oneMissing = obs.stream().filter(o -> !(o.round() == 1 && o.cell() == Cell.NONE_CLEAN)).toList();
        assertThat(PassDidAnalysis.analyse(oneMissing)).as("one complete round is not enough for an interval").isNull();
    }

    @Test
    void mislabelledEntryIsRefusedInOneLine() throws Exception {
        ArrayNode t = tree();
        ((ObjectNode) t.get(0)).put("cell", Cell.LOCK_DIRTY.name());
        assertThatThrownBy(() -> PassDidObservation.parse(fixture(), t)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("labelled LOCK_DIRTY").hasMessageNotContaining("\n");
        ((ObjectNode) t.get(0)).put("cell", "SIDEWAYS");
        assertThatThrownBy(() -> PassDidObservation.parse(fixture(), t)).isInstanceOf(BadInputException.class).hasMessageContaining("unknown cell SIDEWAYS");
    }
}
