package io.github.lrubench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads JMH's JSON result format (-rf json) with Jackson's tree model. Numbers may be JSON numbers
 * or the strings "NaN", "Infinity", "-Infinity", "+INF", "-INF", which is how JMH writes non-finite values.
 */
public final class JmhJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JmhJson() {
    }

    public static List<BenchmarkResult> read(Path file) {
        return parse(file, ResultFiles.readText(file));
    }

    /** The results in {@code text}, already read from {@code file} (which names it in errors). */
    static List<BenchmarkResult> parse(Path file, String text) {
        return parse(file, tree(file, text));
    }

    /** The validated JSON array, for merging without losing fields this reader ignores. */
    public static ArrayNode readTree(Path file) {
        ArrayNode root = tree(file, ResultFiles.readText(file));
        parse(file, root); // validates every element
        return root;
    }

    private static ArrayNode tree(Path file, String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
            String what = e.getOriginalMessage().contains("end-of-input") ? "truncated JSON" : "malformed JSON";
            throw new BadInputException(file, what + where);
        }
        if (root == null || !root.isArray()) {
            throw new BadInputException(file, "not JMH JSON: top level is not an array of results");
        }
        if (root.isEmpty()) {
            throw new BadInputException(file, "no benchmark results (empty JSON array)");
        }
        return (ArrayNode) root;
    }

    static List<BenchmarkResult> parse(Path file, JsonNode root) {
        List<BenchmarkResult> out = new ArrayList<>();
        int i = 0;
        for (JsonNode n : root) {
            String where = "result " + i++;
            if (!n.isObject() || !n.path("benchmark").isTextual() || !n.path("primaryMetric").isObject()) {
                throw new BadInputException(file, "not JMH JSON: " + where + " lacks \"benchmark\" or \"primaryMetric\"");
            }
            Map<String, String> params = new LinkedHashMap<>();
            n.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            Metric primary = metric(file, where, n.get("primaryMetric"));
            Map<String, Metric> secondary = new LinkedHashMap<>();
            String mode = n.path("mode").asText("?");
            // Sample mode repeats scorePercentiles as secondaries "p0.50" etc.; keep them only as percentiles.
            n.path("secondaryMetrics").fields().forEachRemaining(e -> {
                if (!(mode.equals("sample") && JmhCsv.PERCENTILE.matcher(e.getKey()).matches())) {
                    secondary.put(e.getKey(), metric(file, where + " secondary " + e.getKey(), e.getValue()));
                }
            });
            out.add(new BenchmarkResult(n.get("benchmark").asText(), mode,
                    n.path("threads").asInt(1), n.path("forks").asInt(0), params, primary, secondary));
        }
        return out;
    }

    private static Metric metric(Path file, String where, JsonNode m) {
        if (!m.has("score") || !m.path("scoreUnit").isTextual()) {
            throw new BadInputException(file, "not JMH JSON: " + where + " has no score or scoreUnit");
        }
        double score = number(file, where, m.get("score"));
        double err = m.has("scoreError") ? number(file, where, m.get("scoreError")) : Double.NaN;
        JsonNode conf = m.path("scoreConfidence");
        double lo = conf.size() == 2 ? number(file, where, conf.get(0)) : Double.NaN;
        double hi = conf.size() == 2 ? number(file, where, conf.get(1)) : Double.NaN;
        Map<Double, Double> pct = new TreeMap<>();
        m.path("scorePercentiles").fields().forEachRemaining(e -> {
            try {
                pct.put(Double.parseDouble(e.getKey()), number(file, where, e.getValue()));
            } catch (NumberFormatException ex) {
                throw new BadInputException(file, where + ": percentile key '" + e.getKey() + "' is not a number");
            }
        });
        List<List<Double>> raw = new ArrayList<>();
        for (JsonNode fork : m.path("rawData")) {
            List<Double> it = new ArrayList<>();
            for (JsonNode v : fork) {
                it.add(number(file, where, v));
            }
            raw.add(it);
        }
        return new Metric(score, err, lo, hi, m.get("scoreUnit").asText(), pct, raw);
    }

    static double number(Path file, String where, JsonNode v) {
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            switch (v.asText()) {
                case "NaN": return Double.NaN;
                case "Infinity", "+INF": return Double.POSITIVE_INFINITY; // "+INF": JMH's JSON for an OPERATIONS counter that counted nothing
                case "-Infinity", "-INF": return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(v.asText());
                    } catch (NumberFormatException e) {
                        // fall through to the error below
                    }
            }
        }
        throw new BadInputException(file, where + ": '" + v.asText() + "' is not a number");
    }

    /** Concatenates validated JMH JSON files into one array, every field kept. */
    public static ArrayNode merge(List<Path> parts) {
        ArrayNode all = MAPPER.createArrayNode();
        for (Path p : parts) {
            all.addAll(readTree(p));
        }
        return all;
    }

    /** The results of a validated array (from {@link #merge} or {@link #readTree}); {@code source} names it in errors. */
    public static List<BenchmarkResult> results(Path source, ArrayNode tree) {
        return parse(source, tree);
    }

    /** Writes any JSON value atomically (metadata, race outcomes). */
    public static void writeJson(Path target, Object value) {
        AtomicFiles.write(target, tmp -> MAPPER.writeValue(tmp.toFile(), value));
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
