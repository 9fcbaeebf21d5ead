package io.github.lrubench.results;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * JMH's CSV result format (-rf csv), read and written. JMH formats numbers in the host JVM's
 * locale, so a German machine writes "1,477021" and even "Score Error (99,9%)" in the header; the
 * reader accepts both. Secondary metrics are rows named "benchmark:label"; in sample mode the
 * labels "p0.50" etc. are the percentiles of the primary metric. The CSV has no per-fork raw
 * data, so a ratio interval needs the JSON.
 */
public final class JmhCsv {
    private static final List<String> FIXED = List.of("Benchmark", "Mode", "Threads", "Samples", "Score");
    static final Pattern PERCENTILE = Pattern.compile("p(\\d+(?:\\.\\d+)?)");

    private JmhCsv() {
    }

    public static List<BenchmarkResult> read(Path file) {
        return parse(file, ResultFiles.readText(file));
    }

    /** The results in {@code text}, already read from {@code file} (which names it in errors). */
    static List<BenchmarkResult> parse(Path file, String text) {
        List<List<String>> rows = split(file, text);
        if (rows.isEmpty()) {
            throw new BadInputException(file, "empty file");
        }
        List<String> header = rows.get(0);
        if (header.size() < 7 || !header.subList(0, 5).equals(FIXED)
                || !header.get(5).startsWith("Score Error") || !header.get(6).equals("Unit")) {
            throw new BadInputException(file, "not JMH CSV: header does not start with "
                    + "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\"");
        }
        List<String> paramNames = new ArrayList<>();
        for (int c = 7; c < header.size(); c++) {
            String h = header.get(c);
            if (!h.startsWith("Param: ")) {
                throw new BadInputException(file, "not JMH CSV: column " + (c + 1) + " '" + h + "' is not a 'Param: x' column");
            }
            paramNames.add(h.substring("Param: ".length()));
        }
        // Primary rows in file order; secondary rows attach to the primary row with equal key.
        Map<String, Builder> byKey = new LinkedHashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue; // trailing blank line
            }
            String where = "line " + (r + 1);
            if (row.size() != header.size()) {
                throw new BadInputException(file, where + " has " + row.size() + " fields, header has " + header.size()
                        + (r == rows.size() - 1 ? " (truncated?)" : ""));
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int c = 0; c < paramNames.size(); c++) {
                String v = row.get(7 + c);
                if (!v.isEmpty()) {
                    params.put(paramNames.get(c), v);
                }
            }
            String name = row.get(0);
            String mode = row.get(1);
            int colon = name.indexOf(':');
            String bench = colon < 0 ? name : name.substring(0, colon);
            String key = bench + "|" + mode + "|" + new TreeMap<>(params);
            double score = num(file, where, row.get(4));
            double err = num(file, where, row.get(5));
            String unit = row.get(6);
            if (colon < 0) {
                Builder b = new Builder(bench, mode, (int) num(file, where, row.get(2)), params,
                        score, err, unit);
                if (byKey.put(key, b) != null) {
                    throw new BadInputException(file, where + " repeats an earlier row (" + bench + " [" + mode + "] "
                            + new TreeMap<>(params) + "); give each run its own file");
                }
            } else {
                Builder b = byKey.get(key);
                if (b == null) {
                    throw new BadInputException(file, where + ": secondary row '" + name + "' has no primary row before it");
                }
                String label = name.substring(colon + 1);
                var pm = PERCENTILE.matcher(label);
                if (mode.equals("sample") && pm.matches()) {
                    b.percentiles.put(Double.parseDouble(pm.group(1)) * 100.0, score);
                } else {
                    b.secondary.put(label, new Metric(score, err, Double.NaN, Double.NaN, unit, Map.of(), List.of()));
                }
            }
        }
        if (byKey.isEmpty()) {
            throw new BadInputException(file, "no benchmark results (header only)");
        }
        return byKey.values().stream().map(Builder::build).toList();
    }

    private static final class Builder {
        final String bench, mode, unit;
        final int threads;
        final Map<String, String> params;
        final double score, err;
        final Map<Double, Double> percentiles = new TreeMap<>();
        final Map<String, Metric> secondary = new LinkedHashMap<>();

        Builder(String bench, String mode, int threads, Map<String, String> params, double score, double err, String unit) {
            this.bench = bench;
            this.mode = mode;
            this.threads = threads;
            this.params = params;
            this.score = score;
            this.err = err;
            this.unit = unit;
        }

        BenchmarkResult build() {
            Metric primary = new Metric(score, err, Double.NaN, Double.NaN, unit, percentiles, List.of());
            return new BenchmarkResult(bench, mode, threads, 0, params, primary, secondary);
        }
    }

    /** A JMH number: "1.5", "1,5" (decimal comma), "NaN", "Infinity", "∞"; grouping is never used by JMH's CSV. */
    static double num(Path file, String where, String s) {
        String t = s.strip();
        switch (t) {
            case "NaN", "\uFFFD": return Double.NaN;
            case "Infinity", "\u221E": return Double.POSITIVE_INFINITY;
            case "-Infinity", "-\u221E": return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(t.replace(',', '.'));
                } catch (NumberFormatException e) {
                    throw new BadInputException(file, where + ": '" + s + "' is not a number");
                }
        }
    }

    /** RFC 4180 fields: quotes, doubled quotes inside quotes, CRLF or LF line ends. */
    static List<List<String>> split(Path file, String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                row.add(f.toString());
                f.setLength(0);
                any = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(f.toString());
                rows.add(row);
                row = new ArrayList<>();
                f.setLength(0);
                any = false;
            } else {
                f.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new BadInputException(file, "truncated CSV: unterminated quoted field");
        }
        if (any || f.length() > 0) {
            row.add(f.toString());
            rows.add(row);
        }
        return rows;
    }

    /** Writes results in JMH's CSV layout, numbers in Locale.ROOT whatever the machine's locale. */
    public static void write(List<BenchmarkResult> results, Path target) {
        List<String> paramNames = new ArrayList<>();
        for (BenchmarkResult r : results) {
            r.params().keySet().stream().filter(p -> !paramNames.contains(p)).forEach(paramNames::add);
        }
        AtomicFiles.write(target, tmp -> {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write("\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\"");
                for (String p : paramNames) {
                    w.write(",\"Param: " + p + "\"");
                }
                w.write("\n");
                for (BenchmarkResult r : results) {
                    row(w, r, r.benchmark(), r.primary(), r.primary().samples(), paramNames);
                    if (r.mode().equals("sample")) {
                        for (var e : r.primary().percentiles().entrySet()) {
                            Metric p = new Metric(e.getValue(), Double.NaN, Double.NaN, Double.NaN, r.primary().unit(), Map.of(), List.of());
                            row(w, r, r.benchmark() + ":p" + fmtPct(e.getKey() / 100.0), p, 1, paramNames);
                        }
                    }
                    for (var e : r.secondary().entrySet()) {
                        row(w, r, r.benchmark() + ":" + e.getKey(), e.getValue(), e.getValue().samples(), paramNames);
                    }
                }
            }
        });
    }

    private static String fmtPct(double p) {
        String s = String.format(Locale.ROOT, "%.6f", p).replaceAll("0+$", "");
        return s.endsWith(".") ? s + "00" : (s.indexOf('.') == s.length() - 2 ? s + "0" : s);
    }

    private static void row(Writer w, BenchmarkResult r, String name, Metric m, int samples, List<String> paramNames) throws IOException {
        w.write(q(name) + "," + q(r.mode()) + "," + r.threads() + "," + samples + "," + n(m.score()) + "," + n(m.scoreError()) + "," + q(m.unit()));
        for (String p : paramNames) {
            String v = r.params().get(p);
            w.write("," + (v == null ? "" : q(v)));
        }
        w.write("\n");
    }

    private static String q(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String n(double d) {
        return Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
                : "\"" + String.format(Locale.ROOT, "%.6f", d) + "\"";
    }
}
