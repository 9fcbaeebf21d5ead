package io.github.lrubench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lrubench.race.CombinationRunner;
import io.github.lrubench.race.RaceOutcome;
import io.github.lrubench.race.RaceTable;
import io.github.lrubench.race.RaceTableRun;
import io.github.lrubench.results.AtomicFiles;
import io.github.lrubench.results.BadInputException;
import io.github.lrubench.results.JmhCsv;
import io.github.lrubench.results.JmhJson;
import io.github.lrubench.results.Report;
import io.github.lrubench.results.ResultFiles;
import io.github.lrubench.results.RunMetadata;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs a profile class by class into a run directory. Each class's JSON lands in
 * {@code parts/<Class>.json} by rename as soon as it finishes, so an interrupt keeps every
 * finished class and {@code --resume} runs only the missing ones. The merged results, CSV,
 * race table, charts and REPORT.md are derived from the parts at the end.
 */
public final class BenchRunner {
    private final BenchmarkExecutor executor;
    private final Optional<CombinationRunner> race;
    private final PrintStream out;

    public BenchRunner(BenchmarkExecutor executor, Optional<CombinationRunner> race, PrintStream out) {
        this.executor = executor;
        this.race = race;
        this.out = out;
    }

    public static Path partJson(Path runDir, String cls) {
        return runDir.resolve("parts").resolve(cls + ".json");
    }

    /** A part counts as done only if it is complete, valid JMH JSON. */
    static boolean done(Path runDir, String cls) {
        Path p = partJson(runDir, cls);
        if (!Files.exists(p)) {
            return false;
        }
        try {
            JmhJson.readTree(p);
            return true;
        } catch (BadInputException e) {
            return false;
        }
    }

    public void run(Path runDir, Profile profile, List<String> classes, Path repoDir) throws Exception {
        Files.createDirectories(runDir.resolve("parts"));
        ObjectNode meta = Files.exists(runDir.resolve("metadata.json"))
                ? (ObjectNode) RunMetadata.read(runDir.resolve("metadata.json")) : RunMetadata.collect(repoDir);
        if (!meta.has("startTime")) {
            meta.put("startTime", RunMetadata.now());
        }
        meta.put("profile", profile.name().toLowerCase(Locale.ROOT));
        meta.putPOJO("forkJvmArgs", Profile.FORK_JVM_ARGS);
        meta.put("forks", profile.forks);
        meta.put("warmup", profile.warmupIterations + " x " + profile.warmupMillis + " ms");
        meta.put("measurement", profile.measurementIterations + " x " + profile.measurementMillis + " ms");
        meta.put("status", "running");
        meta.remove("endTime");
        JmhJson.writeJson(runDir.resolve("metadata.json"), meta);
        // On Ctrl-C the JVM runs this: finished parts are already in place, record how it ended.
        Thread hook = new Thread(() -> finishMeta(runDir, meta, "interrupted"));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            runClasses(runDir, profile, classes, meta);
        } catch (Exception | Error e) {
            finishMeta(runDir, meta, "failed");
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: it recorded the end
            }
        }
        Path report = Report.write(runDir, null);
        out.println("wrote " + report);
    }

    private void runClasses(Path runDir, Profile profile, List<String> classes, ObjectNode meta) throws Exception {

        List<String> todo = new ArrayList<>();
        for (String c : classes) {
            if (done(runDir, c)) {
                out.println("skip " + c + ": already in " + partJson(runDir, c));
            } else if (executor.combinations(c, profile) == 0) {
                out.println("skip " + c + ": not in this jar");
            } else {
                todo.add(c);
            }
        }
        double estimate = 0;
        for (String c : todo) {
            estimate += executor.combinations(c, profile) * profile.forks * profile.secondsPerFork();
        }
        out.printf(Locale.ROOT, "profile %s: %d benchmark classes to run, estimated %s%n",
                profile.name().toLowerCase(Locale.ROOT), todo.size(), clock(estimate));
        long t0 = System.nanoTime();
        double spentEstimate = 0;
        for (int k = 0; k < todo.size(); k++) {
            String c = todo.get(k);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            // Scale the remaining estimate by how far off the estimate was so far.
            double remaining = estimate - spentEstimate;
            double eta = spentEstimate > 0 ? remaining * elapsed / spentEstimate : remaining;
            out.printf(Locale.ROOT, "[%d/%d] %s  elapsed %s  ETA %s%n", k + 1, todo.size(), c, clock(elapsed), clock(eta));
            Path tmpJson = runDir.resolve("parts").resolve("." + c + ".json.tmp");
            Path log = runDir.resolve("parts").resolve(c + ".log");
            Files.deleteIfExists(tmpJson);
            executor.run(c, profile, tmpJson, log);
            JmhJson.readTree(tmpJson); // a part that is not valid JMH JSON is not finished
            AtomicFiles.move(tmpJson, partJson(runDir, c));
            spentEstimate += executor.combinations(c, profile) * profile.forks * profile.secondsPerFork();
            concatLogs(runDir, classes);
        }
        List<Path> parts = new ArrayList<>();
        for (String c : classes) {
            if (Files.exists(partJson(runDir, c))) {
                parts.add(partJson(runDir, c));
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalStateException("no benchmark produced results: the jar has none of "
                    + Profile.PACKAGE + Profile.CLASSES + " (is the benchmark suite built in?)");
        }
        JmhJson.merge(parts, runDir.resolve("results.json"));
        JmhCsv.write(ResultFiles.read(runDir.resolve("results.json")), runDir.resolve("results.csv"));
        raceStep(runDir, profile);
        finishMeta(runDir, meta, "complete");
    }

    private void raceStep(Path runDir, Profile profile) {
        if (Files.exists(runDir.resolve("race.json"))) {
            out.println("race: already in " + runDir.resolve("race.json"));
            return;
        }
        if (race.isEmpty()) {
            out.println("race: skipped, no race runner given");
            return;
        }
        List<RaceOutcome> rows = RaceTableRun.withinTotal(RaceTableRun.ALL_CHECKS, RaceTableRun.ALL_FREES,
                RaceTableRun.DEFAULT_WINDOW_NS, Duration.ofNanos((long) (profile.raceSeconds * 1e9))).run(race.get());
        out.print(RaceTable.format(rows));
        RaceTable.writeCsv(rows, runDir.resolve("race.csv"));
        RaceTable.writeJson(rows, runDir.resolve("race.json"));
    }

    private static synchronized void finishMeta(Path runDir, ObjectNode meta, String status) {
        if ("complete".equals(meta.path("status").asText())) {
            return;
        }
        meta.put("status", status);
        meta.put("endTime", RunMetadata.now());
        try {
            JmhJson.writeJson(runDir.resolve("metadata.json"), meta);
        } catch (RuntimeException e) {
            // shutting down: nothing more to do
        }
    }

    /** console.log is the finished classes' JMH output in run order. */
    static void concatLogs(Path runDir, List<String> classes) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String c : classes) {
            Path log = runDir.resolve("parts").resolve(c + ".log");
            if (Files.exists(log) && Files.exists(partJson(runDir, c))) {
                sb.append(Files.readString(log));
            }
        }
        AtomicFiles.writeString(runDir.resolve("console.log"), sb.toString());
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
