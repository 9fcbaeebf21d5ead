package io.github.lrubench.report;

import io.github.lrubench.race.RaceOutcome;
import io.github.lrubench.race.RaceTable;
import io.github.lrubench.results.Format;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.RatioStats;
import io.github.lrubench.results.RunComparisonMarkdown;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints {@link RunsCompared.Tables} as Markdown: the calibration with runs as columns (compare-kernels'
 * layout), the race table with one line per run under each combination (five figures per run do not
 * fit side by side). The runs are named by {@link RunComparisonMarkdown#letter}, as in the results table.
 */
public final class RunsComparedMarkdown {
    private static final String ABSENT = RunComparisonMarkdown.ABSENT;
    private static final long LEVEL = Math.round(RatioStats.LEVEL * 100);

    private RunsComparedMarkdown() {
    }

    /** Both sections; empty when no run is a run directory (result files hold neither file). */
    public static String markdown(RunsCompared.Tables t) {
        if (t.calibrationSources().stream().allMatch(s -> s == RunsCompared.CalibrationSource.RESULT_FILE)) {
            return "";
        }
        return calibration(t) + race(t);
    }

    static String calibration(RunsCompared.Tables t) {
        StringBuilder sb = new StringBuilder("## Host kernel calibration (calibration.json)\n\n");
        if (t.calibration().isEmpty()) {
            sb.append("No run has a measured calibration.json.\n\n");
        } else {
            sb.append("Each run's figures as its calibration.json states them: by compaction mode, medians over the counted trials "
                    + "(each trial's compaction time over its count) with their distribution-free ").append(LEVEL)
              .append("% intervals; the check's overheads are c over those times with c's interval carried, c being the one that run's "
                    + "calibration was given. Rounded to each interval by the Particle Data Group's rule (the half-width's leading digits 100-354 keep two significant digits, 355-949 one, 950-999 round up to two). `")
              .append(ABSENT).append("`: no figure (see below).\n\n");
            StringBuilder head = new StringBuilder("| mode | figure | unit |"), rule = new StringBuilder("|---|---|---|");
            for (int i = 0; i < t.runs().size(); i++) {
                head.append(' ').append(RunComparisonMarkdown.letter(i)).append(" |");
                rule.append("--:|");
            }
            sb.append(head).append('\n').append(rule).append('\n');
            String mode = null;
            for (RunsCompared.CalibrationRow r : t.calibration()) {
                sb.append("| ").append(r.mode().equals(mode) ? "" : r.mode()).append(" | ").append(r.figure()).append(" | ")
                  .append(r.unit()).append(" |");
                r.cells().forEach(c -> sb.append(' ').append(cell(c)).append(" |"));
                sb.append('\n');
                mode = r.mode();
            }
            sb.append('\n');
        }
        List<String> why = new ArrayList<>();
        for (int i = 0; i < t.runs().size(); i++) {
            why.add(switch (t.calibrationSources().get(i)) {
                case RESULT_FILE -> "a result file, not a run directory: no calibration.json";
                case NO_FILE -> "no calibration.json (made before the calibration step, or with `--no-calibrate`)";
                case NOT_MEASURED -> "the host kernel was not measured: " + t.notMeasured().get(i);
                case BEFORE_MODES -> "its calibration.json predates the measurement by mode: `compact_memory` (MIGRATE_SYNC, "
                        + "which runs no check) alone";
                case BY_MODE -> "";
            });
        }
        sb.append(notes(why));
        return sb.toString();
    }

    private static String cell(RunsCompared.Cell c) {
        if (c instanceof RunsCompared.Value v) {
            return Format.interval(v.value(), false);
        }
        if (c instanceof RunsCompared.Count n) {
            return n.counted() + "/" + n.of();
        }
        if (c instanceof RunsCompared.NotMeasured n) {
            return "not measured: " + n.reason().replace("|", "/");
        }
        return ABSENT;
    }

    static String race(RunsCompared.Tables t) {
        StringBuilder sb = new StringBuilder("## Race table (race.json)\n\n");
        if (t.race().isEmpty()) {
            sb.append("No run has a race.json.\n\n");
            return sb.toString();
        }
        sb.append("Each check × free combination, one line per run: the verdict (was the forbidden outcome, a use after free of "
                + "the inode, seen, against what the design says of the combination), the dirty-page checks and the raced checks "
                + "(those whose window a truncation overlapped), the uses after free detected, and the forbidden outcome's rate: "
                + "where seen, detections per check with the exact (Clopper–Pearson) ").append(LEVEL)
          .append("% interval; where not, the rule-of-three ").append(LEVEL).append("% upper bound, rounded up. `").append(ABSENT)
          .append("`: the run lacks the combination.\n\n");
        sb.append("| check | free | run | window ns | verdict | dirty checks | raced checks | UAF | rate per check | per raced check |\n")
          .append("|---|---|---|--:|---|--:|--:|--:|--:|--:|\n");
        for (RunsCompared.RaceRow r : t.race()) {
            boolean first = true;
            for (int i = 0; i < r.outcomes().size(); i++) {
                String lead = first ? "| " + r.check().name() + " | " + r.free().label() + " | " : "| | | ";
                String run = RunComparisonMarkdown.letter(i);
                if (r.outcomes().get(i).isEmpty()) {
                    sb.append(lead).append(run).append((" | " + ABSENT).repeat(7)).append(" |\n");
                }
                for (RaceOutcome o : r.outcomes().get(i)) {
                    sb.append(lead).append(run).append(" | ").append(o.windowNs()).append(" | ").append(o.verdict().text()).append(" | ")
                      .append(o.dirtyPageChecks()).append(" | ").append(o.racedCounted() ? Long.toString(o.racedChecks()) : "not counted")
                      .append(" | ").append(o.uafDetected()).append(" | ").append(rate(o, o.dirtyPageChecks(), o.upperBoundPerCheck()))
                      .append(" | ").append(o.racedCounted() ? rate(o, o.racedChecks(), o.upperBoundPerRacedCheck()) : ABSENT).append(" |\n");
                    lead = "| | | ";
                }
                first = false;
            }
        }
        sb.append('\n');
        sb.append(notes(t.raceSources().stream().map(src -> switch (src) {
            case RESULT_FILE -> "a result file, not a run directory: no race.json";
            case NO_FILE -> "no race.json";
            case PRESENT -> "";
        }).toList()));
        return sb.toString();
    }

    /** Seen: detections per check [Clopper–Pearson]; not seen: the rule-of-three bound, rounded up. */
    private static String rate(RaceOutcome o, long n, double bound) {
        if (!o.forbiddenSeen()) {
            return RaceTable.bound(bound);
        }
        Interval r = RaceChart.rate(o.uafDetected(), n);
        return Format.interval(r, false);
    }

    /** "B: no race.json. C: ...", one sentence per run with something to say (a blank says nothing), then a blank line. */
    private static String notes(List<String> whyPerRun) {
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < whyPerRun.size(); i++) {
            if (!whyPerRun.get(i).isEmpty()) {
                String why = whyPerRun.get(i);
                notes.add(RunComparisonMarkdown.letter(i) + ": " + why + (why.endsWith(".") ? "" : "."));
            }
        }
        return notes.isEmpty() ? "" : String.join(" ", notes) + "\n\n";
    }
}
