package io.github.lrubench.cli;

import io.github.lrubench.run.RunDirectory;
import io.github.lrubench.hostkernel.Calibration;
import io.github.lrubench.hostkernel.Calibrator;
import io.github.lrubench.hostkernel.Preflight;
import io.github.lrubench.hostkernel.CompactionMode;
import io.github.lrubench.results.ForkStats;
import io.github.lrubench.results.Interval;
import io.github.lrubench.hostkernel.PageType;
import io.github.lrubench.hostkernel.ProcFs;
import io.github.lrubench.results.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Measure this machine's kernel compacting, per mode. The check runs where compaction is not "
                + "MIGRATE_SYNC: direct async compaction (THP faults into memory filled with dirty page cache, every other page "
                + "freed) and kcompactd's sync-light proactive compaction, each timed and counted from a private ftrace instance, "
                + "so the check's overhead is c x checks / compaction time. MIGRATE_SYNC (a write to /proc/sys/vm/compact_memory, "
                + "per migrated page and page type) runs no check and stays as the reference. "
                + "Needs Linux and root; restores every setting it changes; writes calibration.json into --out.",
                "Exit codes: 0 measured, 2 refused or bad options (one line saying why), 1 failure."})
public final class CalibrateCommand implements Callable<Integer> {
    /** Bytes ("4096", "4096b") or K, M, G with an optional "b" or "ib" ("1G", "1GiB"); "ib" alone ("1ib") is not a unit. */
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(?:([kmg])(?:i?b)?|b)?", Pattern.CASE_INSENSITIVE);

    @Spec CommandSpec spec;

    @Option(names = "--dir", description = "Where the page-cache files go, in a private lru-calibrate-* directory that is "
            + "removed afterwards (default /dev/shm; a disk file system adds PAGE_CACHE_CLEAN).")
    Path dir;

    @Option(names = "--size", description = "Memory each trial fragments: bytes, or with K, M, G (binary) "
            + "(default min(1 GiB, 25%% of MemAvailable); at most 50%% of MemAvailable).")
    String size;

    @Option(names = "--trials", defaultValue = "" + Calibrator.DEFAULT_TRIALS,
            description = "Trials per page type, the first a warm-up (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--type", arity = "1..*", description = "Page types: ${COMPLETION-CANDIDATES} (default all that --dir's file system allows).")
    List<PageType> types;

    @Option(names = "--mode", arity = "1..*", description = "Compaction modes: ${COMPLETION-CANDIDATES} (default all). SYNC is "
            + "compact_memory (MIGRATE_SYNC, runs no check: the reference); DIRECT_ASYNC faults THPs into fragmented memory; "
            + "SYNC_LIGHT wakes kcompactd's proactive compaction.")
    List<CompactionMode> modes;

    @Option(names = "--mode-trials", defaultValue = "" + Calibrator.DEFAULT_MODE_TRIALS,
            description = "Trials per check-running mode, the first a warm-up (default ${DEFAULT-VALUE}).")
    int modeTrials;

    @Option(names = "--fill", description = "Memory the check-running modes fill with dirty page cache, half of it then freed "
            + "page by page (default min(MemAvailable, the cgroup's room) less max(1 GiB, 8%% of MemTotal)).")
    String fill;

    @Option(names = "--check-ns", description = "The check's cost c per dirty page, ns, as C or C:LOW:HIGH (a 95%% interval), "
            + "to state the overhead with (a bench run's report uses that run's own c); without it only the break-even c is printed.")
    String checkNs;

    @Option(names = "--out", defaultValue = ".", description = "Directory to write calibration.json into (default the current one).")
    Path out;

    /** The host; tests inject a fake root. */
    ProcFs proc = ProcFs.host();

    @Override
    public Integer call() {
        UsageChecks.outDirectory(spec.commandLine(), out, UsageChecks.CALIBRATION_BYTES);
        long bytes = size == null ? Calibrator.defaultSize(proc) : parseSize(size);
        Calibrator.Options o;
        try {
            o = new Calibrator.Options(dir == null ? Calibrator.DEFAULT_DIR : dir, bytes, trials, types == null ? List.of() : types)
                    .withModes(modes == null ? List.of(CompactionMode.values()) : modes, modeTrials, fill == null ? 0 : parseSize(fill));
            if (checkNs != null) {
                Interval c = parseCheckNs(checkNs);
                o = o.withCheckCost(ForkStats.Estimate.fromInterval(c));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Optional<String> refused = Preflight.refusal(proc, o);
        if (refused.isPresent()) {
            throw new BadInputException("calibrate: not measured: " + refused.get());
        }
        PrintWriter w = spec.commandLine().getOut();
        Calibration c = Calibrator.run(proc, o, new PrintStream(new LineForwarder(w), true, StandardCharsets.UTF_8));
        RunDirectory run = RunDirectory.at(out);
        run.writeCalibration(c);
        w.println("wrote " + run.calibrationFile());
        w.flush();
        return LruBench.OK;
    }

    Interval parseCheckNs(String s) {
        String[] f = s.split(":");
        try {
            double[] v = java.util.Arrays.stream(f).mapToDouble(x -> Double.parseDouble(x.strip())).toArray();
            if ((v.length != 1 && v.length != 3) || java.util.Arrays.stream(v).anyMatch(x -> !Double.isFinite(x))
                    || (v.length == 3 && !(v[1] <= v[0] && v[0] <= v[2]))) {
                throw new NumberFormatException();
            }
            return v.length == 1 ? new Interval(v[0], Double.NaN, Double.NaN) : new Interval(v[0], v[1], v[2]);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--check-ns: expected C or C:LOW:HIGH in ns with LOW <= C <= HIGH, got \"" + s + "\"");
        }
    }

    long parseSize(String s) {
        Matcher m = SIZE.matcher(s.strip());
        if (!m.matches()) {
            throw new ParameterException(spec.commandLine(), "--size: expected bytes or a number with K, M or G, got \"" + s + "\"");
        }
        int shift = switch (m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        try {
            long n = Long.parseLong(m.group(1));
            if (n > Long.MAX_VALUE >> shift) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--size: too large: \"" + s + "\"");
        }
    }

    /** Feeds picocli's PrintWriter (which tests capture) from the PrintStream the calibrator prints to, line by line. */
    private static final class LineForwarder extends OutputStream {
        private final PrintWriter w;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LineForwarder(PrintWriter w) {
            this.w = w;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public void flush() {
            w.print(line.toString(StandardCharsets.UTF_8));
            w.flush();
            line.reset();
        }
    }
}
