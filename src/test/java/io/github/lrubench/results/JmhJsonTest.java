package io.github.lrubench.results;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JmhJsonTest {

    @Test
    void foreignJsonParsesToWhatTheFileHolds() throws Exception {
        List<BenchmarkResult> rs = JmhJson.read(Fixtures.FOREIGN_JSON);
        JsonNode tree = JmhJson.MAPPER.readTree(Fixtures.FOREIGN_JSON.toFile());
        assertThat(rs).hasSize(tree.size());
        for (int i = 0; i < rs.size(); i++) {
            BenchmarkResult r = rs.get(i);
            JsonNode n = tree.get(i);
            assertThat(r.benchmark()).isEqualTo(n.get("benchmark").asText());
            assertThat(r.primary().score()).isEqualTo(n.at("/primaryMetric/score").asDouble());
            assertThat(r.primary().rawData()).hasSize(n.at("/primaryMetric/rawData").size());
            List<String> keys = new java.util.ArrayList<>();
            n.get("secondaryMetrics").fieldNames().forEachRemaining(keys::add);
            if (r.mode().equals("sample")) {
                keys.removeIf(k -> k.matches("p\\d.*")); // duplicates of scorePercentiles
            }
            assertThat(r.secondary().keySet()).containsExactlyElementsOf(keys);
        }
        BenchmarkResult seti = rs.stream().filter(r -> r.benchmark().endsWith("AuxCounters.runSETI")).findFirst().orElseThrow();
        assertThat(seti.primary().score()).isEqualTo(7.210213503948407E7);
        assertThat(seti.primary().rawData()).hasSize(2).allSatisfy(f -> assertThat(f).hasSize(3));
        assertThat(seti.secondary().get("wows").scoreError()).isNaN(); // "NaN" string in the file
        BenchmarkResult group = rs.stream().filter(r -> r.benchmark().endsWith("Asymmetric.g")).findFirst().orElseThrow();
        assertThat(group.secondary()).containsKeys("get", "inc");
        BenchmarkResult sample = rs.stream().filter(r -> r.mode().equals("sample")).findFirst().orElseThrow();
        assertThat(sample.primary().percentiles()).containsKeys(0.0, 50.0, 99.0, 100.0);
        assertThat(rs.stream().filter(r -> r.benchmark().endsWith("Params.bench"))).hasSize(4)
                .anySatisfy(r -> assertThat(r.params()).containsEntry("arg", "41").containsEntry("certainty", "8"));
    }

    @Test
    void mergeKeepsEveryResult() throws Exception {
        Path out = java.nio.file.Files.createTempDirectory("merge").resolve("all.json");
        JmhJson.writeJson(out, JmhJson.merge(List.of(Fixtures.SUITE_COMPACTION_JSON, Fixtures.SUITE_REST_JSON)));
        assertThat(JmhJson.read(out)).hasSize(JmhJson.read(Fixtures.SUITE_COMPACTION_JSON).size() + JmhJson.read(Fixtures.SUITE_REST_JSON).size());
    }

    /** JMH writes "+INF" for an OPERATIONS counter that counted nothing in AverageTime mode (time / 0); it reads as infinity. */
    @Test
    void jmhsInfinityStringsReadAsInfinity() {
        java.nio.file.Path f = java.nio.file.Path.of("x.json");
        assertThat(JmhJson.number(f, "w", com.fasterxml.jackson.databind.node.TextNode.valueOf("+INF"))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(JmhJson.number(f, "w", com.fasterxml.jackson.databind.node.TextNode.valueOf("-INF"))).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
