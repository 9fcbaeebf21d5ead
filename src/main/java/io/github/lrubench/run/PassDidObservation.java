package io.github.lrubench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lrubench.bench.PassDid;
import io.github.lrubench.bench.PassDid.Cell;
import io.github.lrubench.results.BadInputException;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.JmhJson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One fork of the pass DiD ({@link PassDid}) as it ran, as did.json stores it: its round, its place in the
 * run order, its cell, JMH's result and the warm-up it had. did.json's fields are spelled here alone.
 */
public record PassDidObservation(int round, int sequence, Cell cell, BenchmarkResult result, String warmup) {
    private static final String ROUND = "round", SEQUENCE = "sequence", CELL = "cell", RESULT = "result";

    /** The fork's measured iterations, ns per pass. */
    public List<Double> iterations() {
        List<List<Double>> raw = result.primary().rawData();
        return raw.isEmpty() ? List.of(result.primary().score()) : raw.get(0);
    }

    /** The fork's mean, ns per pass: the unit of analysis. */
    public double mean() {
        return iterations().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** did.json's entry of a finished fork whose JMH JSON is {@code jmh} (an array of one result). */
    static void append(ArrayNode merged, PassDid.Fork f, JsonNode jmh) {
        ObjectNode o = merged.addObject();
        o.put(ROUND, f.round()).put(SEQUENCE, f.sequence()).put(CELL, f.cell().name());
        o.set(RESULT, jmh.get(0));
    }

    /** did.json's entries: {round, sequence, cell, result}, the result a JMH result object of the cell's parameters. */
    public static List<PassDidObservation> parse(Path source, ArrayNode tree) {
        List<PassDidObservation> out = new ArrayList<>();
        for (JsonNode n : tree) {
            JsonNode result = n.get(RESULT);
            if (!n.hasNonNull(ROUND) || !n.hasNonNull(SEQUENCE) || !n.hasNonNull(CELL) || result == null) {
                throw new BadInputException(source, "a pass DiD entry needs " + ROUND + ", " + SEQUENCE + ", " + CELL + " and " + RESULT);
            }
            Cell cell;
            try {
                cell = Cell.valueOf(n.get(CELL).asText());
            } catch (IllegalArgumentException e) {
                throw new BadInputException(source, "unknown cell " + n.get(CELL).asText());
            }
            ArrayNode one = JmhJson.mapper().createArrayNode().add(result);
            BenchmarkResult r = JmhJson.results(source, one).get(0);
            if (r.primary().rawData().isEmpty() || r.primary().rawData().get(0).isEmpty()
                    || r.primary().rawData().get(0).stream().anyMatch(v -> !(v > 0) || v.isInfinite())) {
                throw new BadInputException(source, "entry " + n.get(SEQUENCE).asInt() + " (" + cell + "): primaryMetric.rawData must hold "
                        + "the fork's measured iterations, each a positive ns per pass");
            }
            if (Cell.of(r.params()) != cell) {
                throw new BadInputException(source, "entry " + n.get(SEQUENCE).asInt() + " is labelled " + cell
                        + " but its parameters are " + r.params());
            }
            out.add(new PassDidObservation(n.get(ROUND).asInt(), n.get(SEQUENCE).asInt(), cell, r,
                    result.path("warmupIterations").asInt() + " warm-up iterations of " + result.path("warmupTime").asText("?")));
        }
        return out;
    }
}
