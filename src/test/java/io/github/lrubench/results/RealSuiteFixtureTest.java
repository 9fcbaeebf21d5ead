package io.github.lrubench.results;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Parses real output of this project's suite and checks the report against figures computed here. */
class RealSuiteFixtureTest {

    @Test
    void jsonOfTheSuiteParsesWithNaNErrorsAndEventsCounters() {
        List<BenchmarkResult> rs = JmhJson.read(Fixtures.REAL_SUITE_JSON);
        assertThat(rs).hasSize(10); // 4 floors + 3 checks + 3 free policies
        BenchmarkResult rcu = rs.stream().filter(r -> r.shortName().equals("InodeFreeBenchmark.free")
                && "RCU_SCHED".equals(r.param("free"))).findFirst().orElseThrow();
        Metric peak = rcu.secondary().get("peakDeferredInodes");
        assertThat(peak.unit()).isEqualTo("#");
        assertThat(peak.scoreError()).isNaN(); // "NaN" string in the file
        assertThat(peak.rawData()).hasSize(1).allSatisfy(fork -> assertThat(fork).hasSize(2));
        assertThat(rcu.secondary()).containsKeys("truncate", "isolate", "peakDeferredBytes");
    }

    @Test
    void germanCsvOfTheSuiteParsesWithDecimalCommas() throws Exception {
        List<BenchmarkResult> rs = JmhCsv.read(Fixtures.REAL_SUITE_CSV_DE);
        assertThat(rs).hasSize(10);
        // The first data row's score, as JMH wrote it under de_DE, read back independently.
        String row = Files.readAllLines(Fixtures.REAL_SUITE_CSV_DE).get(1);
        String[] cells = row.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        double expected = Double.parseDouble(cells[4].replace("\"", "").replace(',', '.'));
        BenchmarkResult first = rs.stream().filter(r -> r.benchmark().equals(cells[0].replace("\"", ""))
                && cells[8].equals(r.param("free"))).findFirst().orElseThrow();
        assertThat(first.primary().score()).isEqualTo(expected);
        assertThat(first.secondary()).containsKeys("peakDeferredInodes", "peakDeferredBytes");
    }

    @Test
    void reportComparesTheCheckWithTheFloorPair() {
        List<BenchmarkResult> rs = JmhJson.read(Fixtures.REAL_SUITE_JSON);
        double pair = score(rs, "FloorBenchmark.trylockUnlockPair", null);
        double added = score(rs, "IsolationCheckBenchmark.isolateDirtyPage", "PAGE_LOCK")
                - score(rs, "IsolationCheckBenchmark.isolateDirtyPage", "NONE");
        String md = Report.markdown(rs, null, null);
        assertThat(md).contains("## Model against the floor")
                .contains("| " + Report.fmt(added) + " | " + Report.fmt(pair) + " | "
                        + String.format(Locale.ROOT, "%.2f", added / pair) + " |");
    }

    private static double score(List<BenchmarkResult> rs, String name, String check) {
        return rs.stream().filter(r -> r.shortName().equals(name) && (check == null || check.equals(r.param("check"))))
                .findFirst().orElseThrow().primary().score();
    }
}
