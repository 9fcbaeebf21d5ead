package io.github.lrubench.results;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JmhCsvTest {

    @Test
    void germanCsvFromAForeignProject() {
        List<BenchmarkResult> rs = JmhCsv.read(Fixtures.FOREIGN_CSV_DE);
        assertThat(rs).hasSize(8);
        BenchmarkResult split = find(rs, "AuxCounters.splitBranch");
        assertThat(split.primary().score()).isEqualTo(64064655.746490);
        assertThat(split.primary().scoreError()).isNaN();
        assertThat(split.secondary().get("case1").score()).isEqualTo(6407047.188822);
        assertThat(split.secondary()).containsOnlyKeys("case1", "case2", "total");
        assertThat(rs.stream().filter(r -> r.benchmark().endsWith("Params.bench")
                && r.params().equals(java.util.Map.of("arg", "41", "certainty", "8"))).findFirst().orElseThrow()
                .primary().score()).isEqualTo(14478.007282);
        BenchmarkResult sample = find(rs, "measureSamples");
        assertThat(sample.primary().scoreError()).isEqualTo(0.0);
        assertThat(sample.primary().percentiles()).containsEntry(50.0, 100139.008).hasSize(8);
        assertThat(sample.secondary()).isEmpty();
        assertThat(find(rs, "AuxCounters.runSETI").params()).isEmpty(); // empty Param cells
    }

    @Test
    void crlfGivesTheSameResults() throws Exception {
        Path crlf = Files.createTempFile("crlf", ".csv");
        Files.writeString(crlf, Files.readString(Fixtures.FOREIGN_CSV_DE).replace("\n", "\r\n"));
        assertThat(JmhCsv.read(crlf)).isEqualTo(JmhCsv.read(Fixtures.FOREIGN_CSV_DE));
    }

    @Test
    void writtenCsvReadsBackInLocaleRoot() throws Exception {
        List<BenchmarkResult> json = JmhJson.read(Fixtures.FOREIGN_JSON);
        Path out = Files.createTempDirectory("csv").resolve("r.csv");
        JmhCsv.write(json, out);
        assertThat(Files.readString(out)).startsWith("\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\"");
        List<BenchmarkResult> back = JmhCsv.read(out);
        assertThat(back).hasSize(json.size());
        for (int i = 0; i < json.size(); i++) {
            assertThat(back.get(i).key()).isEqualTo(json.get(i).key());
            assertThat(back.get(i).primary().score()).isCloseTo(json.get(i).primary().score(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(back.get(i).secondary().keySet()).isEqualTo(json.get(i).secondary().keySet());
        }
    }

    static BenchmarkResult find(List<BenchmarkResult> rs, String suffix) {
        return rs.stream().filter(r -> r.benchmark().endsWith(suffix)).findFirst().orElseThrow();
    }
}
