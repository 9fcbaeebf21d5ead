package io.github.lrubench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The race outcome table: printed for a terminal, written as CSV and JSON, read back for the report. */
public final class RaceTable {
    static final String[] HEADER = {"check", "free", "windowNs", "trials", "dirtyPageChecks", "uafDetected",
        "skippedTrylock", "skippedInverted", "forbiddenSeen", "expectedSafe", "verdict"};

    private RaceTable() {
    }

    public static String format(List<RaceOutcome> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"check", "free", "window ns", "trials", "dirty checks", "UAF detected",
            "skipped (trylock)", "skipped (v4.16)", "verdict"});
        for (RaceOutcome r : rows) {
            cells.add(new String[] {r.check(), r.free(), Long.toString(r.windowNs()), Long.toString(r.trials()),
                Long.toString(r.dirtyPageChecks()), Long.toString(r.uafDetected()), Long.toString(r.skippedTrylock()),
                Long.toString(r.skippedInverted()), r.verdict()});
        }
        int[] w = new int[cells.get(0).length];
        cells.forEach(c -> {
            for (int i = 0; i < c.length; i++) {
                w[i] = Math.max(w[i], c[i].length());
            }
        });
        StringBuilder sb = new StringBuilder();
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) {
                sb.append(String.format(Locale.ROOT, i < 2 || i == c.length - 1 ? "%-" + w[i] + "s" : "%" + w[i] + "s", c[i]));
                sb.append(i == c.length - 1 ? "\n" : "  ");
            }
        }
        return sb.toString();
    }

    public static String markdown(List<RaceOutcome> rows) {
        StringBuilder sb = new StringBuilder("| check | free | window ns | trials | dirty checks | UAF detected | skipped (trylock) | skipped (v4.16) | verdict |\n");
        sb.append("|---|---|--:|--:|--:|--:|--:|--:|---|\n");
        for (RaceOutcome r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %d | %s |%n", r.check(), r.free(),
                    r.windowNs(), r.trials(), r.dirtyPageChecks(), r.uafDetected(), r.skippedTrylock(), r.skippedInverted(),
                    r.verdict()));
        }
        return sb.toString();
    }

    public static void writeCsv(List<RaceOutcome> rows, Path target) {
        StringBuilder sb = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (RaceOutcome r : rows) {
            sb.append(String.join(",", r.check(), r.free(), Long.toString(r.windowNs()), Long.toString(r.trials()),
                    Long.toString(r.dirtyPageChecks()), Long.toString(r.uafDetected()), Long.toString(r.skippedTrylock()),
                    Long.toString(r.skippedInverted()), Boolean.toString(r.forbiddenSeen()), Boolean.toString(r.expectedSafe()),
                    "\"" + r.verdict() + "\"")).append('\n');
        }
        AtomicFiles.writeString(target, sb.toString());
    }

    public static void writeJson(List<RaceOutcome> rows, Path target) {
        JmhJson.writeJson(target, rows);
    }

    public static List<RaceOutcome> readJson(Path file) {
        String text = ResultFiles.readText(file);
        try {
            List<RaceOutcome> rows = JmhJson.MAPPER.readValue(text, new TypeReference<List<RaceOutcome>>() { });
            if (rows.stream().anyMatch(r -> r.check() == null || r.free() == null)) {
                throw new BadInputException(file, "not a race table: a row lacks check or free");
            }
            return rows;
        } catch (JsonProcessingException e) {
            throw new BadInputException(file, "not a race table: " + e.getOriginalMessage());
        }
    }
}
