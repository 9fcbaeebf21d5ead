package io.github.lrubench.race;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.results.BadInputException;
import io.github.lrubench.results.JmhJson;
import io.github.lrubench.results.ResultFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The race outcome table: printed for a terminal, written as CSV and JSON, read back for the
 * report. Both files carry the derived flags forbiddenSeen, expectedSafe and safety (and the CSV
 * the verdict text) for readers of the file; reading ignores them and derives them again.
 *
 * <p>The printed tables label IMMEDIATE "(hypothetical)"; the files keep the enum names.
 *
 * <p>The {@code race} column (JSON and CSV {@code safety}) says on what the answer rests:
 * "closed by contract" (the page lock, or RCU-sched's IRQ-off readers), "closed in practice (v4.15
 * implementation)" (preemptible RCU's grace periods wait for ticks an IRQ-off CPU does not take),
 * or "open".
 *
 * <p>A race.json without {@code safety} fields was written before the model had a scheduler tick,
 * when {@code PREEMPT_RCU} stood for preemptible RCU's contract only: its rows are read with that
 * free as {@link InodeFreePolicy#PREEMPT_RCU_CONTRACT}, the model that produced them.
 */
public final class RaceTable {
    static final String[] HEADER = {"check", "free", "windowNs", "trials", "dirtyPageChecks", "racedChecks", "uafDetected",
        "skippedTrylock", "skippedInverted", "racedEvictions", "forbiddenSeen", "expectedSafe", "safety", "upperBoundPerCheck",
        "upperBoundPerRacedCheck", "upperBoundPerRacedEviction", "verdict"};
    /** The counts, in file order after check and free. */
    private static final String[] COUNTS = Arrays.copyOfRange(HEADER, 2, 10);
    /** Counts a file may lack: written before the stress counted them. */
    private static final Set<String> OPTIONAL_COUNTS = Set.of("racedChecks", "racedEvictions");
    /** The JSON fields: the CSV's but the verdict; the derived ones are ignored on read. */
    private static final Set<String> JSON_FIELDS = Set.of(Arrays.copyOfRange(HEADER, 0, HEADER.length - 1));
    /**
     * The column titles of the printed and Markdown tables: the files' counts less those that repeat
     * others (trials are the dirty checks; the window is the table's, said above it) and less the
     * bound per check, which the bound per raced check makes redundant.
     */
    private static final String[] TITLES = {"check", "free", "dirty checks", "raced checks", "raced evictions",
        "UAF detected", "skipped (trylock)", "skipped (v4.16)", "95% bound per raced check / sensitivity", "per raced eviction",
        "race", "verdict"};

    private RaceTable() {
    }

    public static String format(List<RaceOutcome> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(TITLES);
        double q = sensitivity(rows);
        for (RaceOutcome r : rows) {
            cells.add(cells(r, r.free().label(), q));
        }
        int[] w = new int[TITLES.length];
        cells.forEach(c -> {
            for (int i = 0; i < c.length; i++) {
                w[i] = Math.max(w[i], c[i].length());
            }
        });
        StringBuilder sb = new StringBuilder();
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) {
                sb.append(String.format(Locale.ROOT, i < 2 || i >= c.length - 2 ? "%-" + w[i] + "s" : "%" + w[i] + "s", c[i]));
                sb.append(i == c.length - 1 ? "\n" : "  ");
            }
        }
        return sb.toString();
    }

    public static String markdown(List<RaceOutcome> rows) {
        StringBuilder sb = new StringBuilder("| " + String.join(" | ", TITLES) + " |\n");
        sb.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|\n");
        double q = sensitivity(rows);
        for (RaceOutcome r : rows) {
            sb.append("| ").append(String.join(" | ", cells(r, r.free().label(), q))).append(" |\n");
        }
        return sb.toString();
    }

    /** One row's cells under {@link #TITLES}; {@code q} the table's detection sensitivity ({@link #sensitivity}). */
    private static String[] cells(RaceOutcome r, String free, double q) {
        return new String[] {r.check().name(), free, Long.toString(r.dirtyPageChecks()),
            r.racedCounted() ? Long.toString(r.racedChecks()) : "–", r.evictionsCounted() ? Long.toString(r.racedEvictions()) : "–",
            Long.toString(r.uafDetected()), Long.toString(r.skippedTrylock()), Long.toString(r.skippedInverted()),
            bound(Double.isNaN(q) ? r.upperBoundPerRacedCheck() : r.upperBoundPerRacedCheck(q)), bound(r.upperBoundPerRacedEviction()),
            r.safety().text(), r.verdict().text()};
    }

    /**
     * The stress's detection sensitivity: the smallest share of raced checks that showed the
     * outcome among the rows where the race is open and was seen (a failure that happens is caught
     * only that often), capped at 1; NaN when no open row saw it, and the bounds are then unadjusted.
     */
    public static double sensitivity(List<RaceOutcome> rows) {
        return rows.stream().filter(r -> !r.expectedSafe() && r.forbiddenSeen()).mapToDouble(RaceOutcome::sensitivity)
                .filter(Double::isFinite).map(v -> Math.min(1, v)).min().orElse(Double.NaN);
    }

    /**
     * "< 0.75%", "< 2.6 per million": two significant digits, rounded <em>up</em> (an upper bound
     * printed rounded down would claim more than was shown), as a percent from one in ten thousand
     * and per million below; "–" where there is no bound (the outcome was seen, or nothing counted).
     */
    public static String bound(double b) {
        if (Double.isNaN(b)) {
            return "–";
        }
        java.math.BigDecimal up = new java.math.BigDecimal(b).round(new java.math.MathContext(2, java.math.RoundingMode.CEILING));
        return up.doubleValue() >= 1e-4 ? "< " + up.movePointRight(2).stripTrailingZeros().toPlainString() + "%"
                : "< " + up.movePointRight(6).stripTrailingZeros().toPlainString() + " per million";
    }

    /** race.csv's text (RunDirectory writes it and race.json together). */
    public static String csv(List<RaceOutcome> rows) {
        StringBuilder sb = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (RaceOutcome r : rows) {
            List<String> f = new ArrayList<>(List.of(r.check().name(), r.free().name()));
            long[] counts = counts(r);
            for (int i = 0; i < COUNTS.length; i++) {
                boolean missing = counts[i] == RaceOutcome.NOT_COUNTED && OPTIONAL_COUNTS.contains(COUNTS[i]);
                f.add(missing ? "" : Long.toString(counts[i]));
            }
            f.addAll(List.of(Boolean.toString(r.forbiddenSeen()), Boolean.toString(r.expectedSafe()),
                    "\"" + r.safety().text() + "\"", csvNumber(r.upperBoundPerCheck()), csvNumber(r.upperBoundPerRacedCheck()),
                    csvNumber(r.upperBoundPerRacedEviction()), "\"" + r.verdict().text() + "\""));
            sb.append(String.join(",", f)).append('\n');
        }
        return sb.toString();
    }

    /** A derived number in the CSV: empty where it is undefined. */
    private static String csvNumber(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /**
     * race.json's text, as {@link JmhJson#writeJson} would write the same rows: an array of objects
     * with the CSV's fields but the verdict, in the same order; undefined bounds are null.
     */
    public static String json(List<RaceOutcome> rows) {
        ArrayNode array = JmhJson.mapper().createArrayNode();
        for (RaceOutcome r : rows) {
            ObjectNode o = array.addObject();
            o.put("check", r.check().name());
            o.put("free", r.free().name());
            long[] counts = counts(r);
            for (int i = 0; i < COUNTS.length; i++) {
                if (counts[i] == RaceOutcome.NOT_COUNTED && OPTIONAL_COUNTS.contains(COUNTS[i])) {
                    o.putNull(COUNTS[i]); // a table read from a file that lacked it
                } else {
                    o.put(COUNTS[i], counts[i]);
                }
            }
            o.put("forbiddenSeen", r.forbiddenSeen());
            o.put("expectedSafe", r.expectedSafe());
            o.put("safety", r.safety().name());
            jsonNumber(o, "upperBoundPerCheck", r.upperBoundPerCheck());
            jsonNumber(o, "upperBoundPerRacedCheck", r.upperBoundPerRacedCheck());
            jsonNumber(o, "upperBoundPerRacedEviction", r.upperBoundPerRacedEviction());
        }
        try {
            return JmhJson.mapper().writeValueAsString(array);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    private static void jsonNumber(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }

    private static long[] counts(RaceOutcome r) {
        return new long[] {r.windowNs(), r.trials(), r.dirtyPageChecks(), r.racedChecks(), r.uafDetected(),
            r.skippedTrylock(), r.skippedInverted(), r.racedEvictions()};
    }

    /** Reads what {@link #writeJson} wrote; anything else is a one-line BadInputException naming the file. */
    public static List<RaceOutcome> readJson(Path file) {
        String text = ResultFiles.readText(file);
        JsonNode root;
        try {
            root = JmhJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException(file, "not a race table: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new BadInputException(file, "not a race table: expected a JSON array of rows");
        }
        List<RaceOutcome> rows = new ArrayList<>();
        boolean legacy = true;
        for (int i = 0; i < root.size(); i++) {
            legacy &= root.get(i).isObject() && !root.get(i).has("safety");
        }
        for (int i = 0; i < root.size(); i++) {
            RaceOutcome r = row(file, "row " + (i + 1), root.get(i));
            if (legacy && r.free() == InodeFreePolicy.PREEMPT_RCU) {
                r = new RaceOutcome(r.check(), InodeFreePolicy.PREEMPT_RCU_CONTRACT, r.windowNs(), r.trials(),
                        r.dirtyPageChecks(), r.racedChecks(), r.uafDetected(), r.skippedTrylock(), r.skippedInverted(), r.racedEvictions());
            }
            rows.add(r);
        }
        return rows;
    }

    private static RaceOutcome row(Path file, String where, JsonNode n) {
        if (!n.isObject()) {
            throw new BadInputException(file, "not a race table: " + where + " is not an object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!JSON_FIELDS.contains(f)) {
                throw new BadInputException(file, "not a race table: " + where + " has an unknown field '" + f + "'");
            }
        }
        IsolationCheck check = constant(file, where, n, "check", IsolationCheck.class);
        InodeFreePolicy free = constant(file, where, n, "free", InodeFreePolicy.class);
        long[] c = new long[COUNTS.length];
        for (int i = 0; i < c.length; i++) {
            JsonNode v = n.get(COUNTS[i]);
            if ((v == null || v.isNull()) && OPTIONAL_COUNTS.contains(COUNTS[i])) {
                c[i] = RaceOutcome.NOT_COUNTED;
                continue;
            }
            if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new BadInputException(file, "not a race table: " + where + " lacks a non-negative integer " + COUNTS[i]);
            }
            c[i] = v.longValue();
        }
        // counts that contradict each other are a corrupt file, not a rate above 1 (Clopper-Pearson failed on them)
        long dirty = c[2], raced = c[3], uaf = c[4], evictions = c[7];
        if (uaf > dirty || (raced != RaceOutcome.NOT_COUNTED && (raced > dirty || uaf > raced))
                || (evictions != RaceOutcome.NOT_COUNTED && raced != RaceOutcome.NOT_COUNTED && evictions > raced)) {
            throw new BadInputException(file, "not a race table: " + where + " (" + check + " x " + free + ") counts more uafDetected ("
                    + uaf + "), racedChecks (" + raced + ") or racedEvictions (" + evictions + ") than the checks they are part of ("
                    + dirty + " dirtyPageChecks)");
        }
        return new RaceOutcome(check, free, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
    }

    private static <E extends Enum<E>> E constant(Path file, String where, JsonNode n, String field, Class<E> type) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new BadInputException(file, "not a race table: " + where + " lacks " + field);
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v.textValue())) {
                return e;
            }
        }
        throw new BadInputException(file, "not a race table: " + where + " has unknown " + field + " '" + v.textValue()
                + "', expected one of " + Arrays.toString(type.getEnumConstants()));
    }
}
