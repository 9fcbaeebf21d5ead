package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.Fixtures;
import io.github.lrubench.results.JmhCsv;
import io.github.lrubench.results.JmhJson;
import io.github.lrubench.results.Metric;
import io.github.lrubench.results.ResultFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixtures are real output of this suite, and the suite's names are the report's: a test on a
 * fixture whose names the suite no longer emits would pass against nothing. This fails when the
 * suite's names and the fixtures' names part ways (regenerate the fixtures: fixtures/README.md).
 */
class SuiteFixturesTest {

    @Test
    void everyNameInTheSuiteFixturesIsOneTheSuiteEmits() {
        Set<String> ids = Arrays.stream(SuiteBenchmark.values()).map(SuiteBenchmark::id).collect(Collectors.toSet());
        Set<String> params = Arrays.stream(SuiteParam.values()).map(SuiteParam::key).collect(Collectors.toSet());
        for (Path f : Fixtures.SUITE) {
            for (BenchmarkResult r : ResultFiles.read(f)) {
                assertThat(ids).as(f.getFileName() + ": benchmark").contains(r.benchmark());
                assertThat(params).as(f.getFileName() + ": params of " + r.benchmark()).containsAll(r.params().keySet());
                Suite s = Suite.ofBenchmark(r.benchmark());
                Set<String> metrics = Arrays.stream(SuiteMetric.values()).filter(m -> m.suite() == s).map(SuiteMetric::key)
                        .collect(Collectors.toSet());
                assertThat(metrics).as(f.getFileName() + ": secondary metrics of " + r.benchmark()).containsAll(r.secondary().keySet().stream()
                        .map(k -> k.replaceAll(":p\\d.*$", "")).toList()); // "scan:p0.99": a group member's percentile
            }
        }
    }

    @Test
    void theSuiteFixturesCoverEveryBenchmarkAndMetric() {
        List<BenchmarkResult> rs = JmhJson.read(Fixtures.SUITE_COMPACTION_JSON);
        rs = new java.util.ArrayList<>(rs);
        rs.addAll(JmhJson.read(Fixtures.SUITE_REST_JSON));
        Set<String> seen = rs.stream().map(BenchmarkResult::benchmark).collect(Collectors.toCollection(TreeSet::new));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(Arrays.stream(SuiteBenchmark.values()).map(SuiteBenchmark::id).toList());
        Set<String> metrics = rs.stream().flatMap(r -> r.secondary().keySet().stream()).collect(Collectors.toSet());
        assertThat(metrics).containsAll(Arrays.stream(SuiteMetric.values()).map(SuiteMetric::key).toList());
    }

    @Test
    void jsonOfTheSuiteHasNaNErrorsAndEventsCounters() {
        BenchmarkResult rcu = JmhJson.read(Fixtures.SUITE_REST_JSON).stream()
                .filter(r -> r.shortName().equals(SuiteBenchmark.FREE.shortName()) && "RCU_SCHED".equals(r.param(SuiteParam.FREE.key())))
                .findFirst().orElseThrow();
        Metric peak = rcu.secondary().get(SuiteMetric.PEAK_DEFERRED_INODES.key());
        assertThat(peak.unit()).isEqualTo("#");
        assertThat(peak.scoreError()).isNaN(); // "NaN" string in the file
        assertThat(peak.rawData()).hasSize(2).allSatisfy(fork -> assertThat(fork).hasSize(2));
    }

    @Test
    void germanCsvOfTheSuiteParsesWithDecimalCommas() throws Exception {
        List<BenchmarkResult> rs = JmhCsv.read(Fixtures.SUITE_CSV_DE);
        // The first data row's score, as JMH wrote it under de_DE, read back independently.
        List<String> lines = Files.readAllLines(Fixtures.SUITE_CSV_DE);
        String[] header = lines.get(0).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        String[] cells = lines.get(1).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        assertThat(cells[4]).as("a decimal comma in the score").contains(",");
        double expected = Double.parseDouble(cells[4].replace("\"", "").replace(',', '.'));
        BenchmarkResult first = rs.stream().filter(r -> r.benchmark().equals(cells[0].replace("\"", ""))).filter(r -> {
            for (int i = 7; i < header.length; i++) {
                String p = header[i].replace("\"", "").replace("Param: ", "");
                String v = cells[i].replace("\"", "");
                if (!v.isEmpty() && !v.equals(r.param(p))) {
                    return false;
                }
            }
            return true;
        }).findFirst().orElseThrow();
        assertThat(first.primary().score()).isEqualTo(expected);
        BenchmarkResult race = rs.stream().filter(r -> r.shortName().equals(SuiteBenchmark.RACE.shortName())).findFirst().orElseThrow();
        assertThat(race.secondary()).containsKeys(Arrays.stream(SuiteMetric.values())
                .filter(m -> m.suite() == Suite.CONTENDED_COMPACTION).map(SuiteMetric::key).toArray(String[]::new));
    }
}
