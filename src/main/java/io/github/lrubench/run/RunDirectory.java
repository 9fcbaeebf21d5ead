package io.github.lrubench.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.lrubench.bench.PassDid;
import io.github.lrubench.bench.Suite;
import io.github.lrubench.hostkernel.Calibration;
import io.github.lrubench.results.AtomicFiles;
import io.github.lrubench.results.BadInputException;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ChartRenderer;
import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.DiskSpace;
import io.github.lrubench.results.FileLocks;
import io.github.lrubench.results.JmhCsv;
import io.github.lrubench.results.JmhJson;
import io.github.lrubench.results.ResultFiles;
import io.github.lrubench.race.RaceOutcome;
import io.github.lrubench.race.RaceTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run's directory, the one type that knows its layout. Data flows one way: the benchmark stage
 * writes {@code parts/}, the merge writes {@code results.json} and {@code results.csv}, the race
 * stage {@code race.json} and {@code race.csv}, the report {@code charts/} and {@code REPORT.md};
 * {@code metadata.json} records how the run was made and how it ended.
 *
 * <pre>
 * results/&lt;run-id&gt;/
 *   parts/&lt;Class&gt;.json, parts/&lt;Class&gt;.log   one per benchmark class, renamed into place when it finishes
 *   results.json, results.csv               the parts merged (JMH's JSON; JMH's CSV layout with '.' decimals)
 *   metadata.json                           {@link RunMetadata}
 *   console.log                             the finished classes' JMH output in run order
 *   did/r&lt;NN&gt;-&lt;CELL&gt;.json, .log          one per fork of the pass DiD, renamed into place when it finishes
 *   did.json                                those forks merged, each with its round and place in the run order
 *   race.json, race.csv                     the race table
 *   race-long.md                            scripts/race --long's table, when that wrote into the directory
 *   calibration.json                        the host kernel's cost of compaction per migrated page, or why it was not measured
 *   charts/                                 PNG + SVG
 *   REPORT.md
 * </pre>
 */
public final class RunDirectory {
    public static final String RESULTS_JSON = "results.json", RESULTS_CSV = "results.csv", METADATA = "metadata.json",
            CONSOLE_LOG = "console.log", RACE_JSON = "race.json", RACE_CSV = "race.csv", CHARTS = "charts",
            REPORT = "REPORT.md", PARTS = "parts", CALIBRATION = "calibration.json", DID = "did", DID_JSON = "did.json",
            RACE_LONG = "race-long.md";

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** A run directory that may not exist yet (a new run writes it). */
    public static RunDirectory at(Path dir) {
        return new RunDirectory(dir);
    }

    /**
     * A new, empty run directory {@code parent/id}, or {@code id-2}, {@code id-3}, ... when that
     * exists: run ids have one-second resolution, and creating the directory atomically (never
     * reusing one) is what keeps two runs started in the same second apart.
     */
    public static RunDirectory create(Path parent, String id) {
        try {
            Files.createDirectories(parent);
            for (int n = 1; ; n++) {
                Path d = parent.resolve(n == 1 ? id : id + "-" + n);
                try {
                    return new RunDirectory(Files.createDirectory(d));
                } catch (FileAlreadyExistsException taken) {
                    // another run has it: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory in " + parent + ": " + e.getMessage(), e);
        }
    }

    /** An existing run directory; a bad input otherwise. */
    public static RunDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir, "not a run directory");
        }
        return new RunDirectory(dir);
    }

    public Path path() {
        return dir;
    }

    /**
     * Refuses a run whose parts/, did/ or charts/ is a symbolic link, not a directory, or owned by
     * another user than the run directory: the tool deletes stale files there and, run as root for
     * its calibration, would otherwise delete or overwrite whatever such a link points to.
     */
    public void checkOwnDirectories() {
        try {
            java.nio.file.attribute.UserPrincipal owner = Files.exists(dir) ? Files.getOwner(dir) : null;
            for (String sub : List.of(PARTS, DID, CHARTS)) {
                Path d = dir.resolve(sub);
                if (Files.isSymbolicLink(d)) {
                    throw new BadInputException(d, "is a symbolic link; a run's " + sub + "/ must be its own directory (refused, nothing touched)");
                }
                if (Files.exists(d, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                    throw new BadInputException(d, "is not a directory (refused, nothing touched)");
                }
                if (owner != null && Files.exists(d, LinkOption.NOFOLLOW_LINKS) && !Files.getOwner(d, LinkOption.NOFOLLOW_LINKS).equals(owner)) {
                    throw new BadInputException(d, "is owned by " + Files.getOwner(d, LinkOption.NOFOLLOW_LINKS).getName() + ", the run by "
                            + owner.getName() + " (refused, nothing touched)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The lock file of {@link #lock}: a dot-file, so it sorts out of the run's listing. */
    static final String LOCK = ".lock";

    /**
     * Takes this run directory for the calling process until the returned lock is closed: a second
     * process (a second resume, a report while a bench writes) is refused in one line. An OS file
     * lock (fcntl), so a holder that dies releases it. The lock file is opened without following
     * links and left in place (deleting it would race a process that opened it meanwhile).
     */
    public AutoCloseable lock() {
        return FileLocks.tryLock(dir.resolve(LOCK), "is held: " + dir + " is in use by another process of this tool; "
                + "wait for it to end, or check that none runs");
    }

    public Path report() {
        return dir.resolve(REPORT);
    }

    public Path charts() {
        return dir.resolve(CHARTS);
    }

    public Path metadataFile() {
        return dir.resolve(METADATA);
    }

    // ---- the benchmark stage ----

    public Path partJson(Suite s) {
        return dir.resolve(PARTS).resolve(s.simpleName() + ".json");
    }

    public Path partLog(Suite s) {
        return dir.resolve(PARTS).resolve(s.simpleName() + ".log");
    }

    /**
     * Where JMH writes one class's (or fork's) JSON and console while it runs: fresh temporaries
     * under random names, created exclusively, so JMH, which writes its files in place, never
     * writes through a link someone left at a predictable name; {@link #finishPart} renames them
     * over the final names, replacing a link there rather than following it.
     */
    public record Staged(Path json, Path log) {
    }

    /** Fresh temporaries for a class's JMH JSON and console. */
    public Staged stagePart(Suite s) {
        return stage(dir.resolve(PARTS), s.simpleName());
    }

    private static Staged stage(Path sub, String stem) {
        try {
            return new Staged(AtomicFiles.createTemporary(sub, stem + ".json"), AtomicFiles.createTemporary(sub, stem + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write in " + sub + ": " + e.getMessage(), e);
        }
    }

    public void createParts() {
        try {
            Files.createDirectories(dir.resolve(PARTS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir.resolve(PARTS) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes the temporary files a killed run of this tool left in parts/, did/ and charts/ (its
     * own kind only: dot-files ending .tmp, see {@link AtomicFiles#isTemporary}); nothing else.
     */
    public void removeStrayTempFiles() {
        for (String sub : List.of(PARTS, DID, CHARTS)) {
            Path d = dir.resolve(sub);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (var files = Files.list(d)) {
                // the temporary's own entry only: a link at such a name is removed, never followed
                for (Path f : files.filter(f -> AtomicFiles.isTemporary(f) && (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                        || Files.isSymbolicLink(f))).toList()) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clean " + d + ": " + e.getMessage(), e);
            }
        }
    }

    /** A part counts as done only if it is complete, valid JMH JSON. */
    public boolean hasPart(Suite s) {
        return isJmhJson(partJson(s));
    }

    /** A file that exists and is complete, valid JMH JSON (what a finished stage renamed into place). */
    private static boolean isJmhJson(Path f) {
        if (!Files.exists(f)) {
            return false;
        }
        try {
            JmhJson.readTree(f);
            return true;
        } catch (BadInputException e) {
            return false;
        }
    }

    /**
     * JMH writes its JSON through a PrintStream, which swallows a write error: on a full disk the
     * file is just cut short, and the cause is named ({@link DiskSpace#incomplete}) rather than
     * reported as malformed JSON.
     */
    private static void checkComplete(Staged st) {
        try {
            JmhJson.readTree(st.json());
        } catch (BadInputException e) {
            throw DiskSpace.incomplete(st.json(), e);
        }
    }

    /** Deletes a class's or fork's temporaries that will not be finished (a failure: on a full disk, the room to record it). */
    public void discard(Staged st) {
        for (Path f : List.of(st.json(), st.log())) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // the next start's removeStrayTempFiles takes it
            }
        }
    }

    /** Validates a finished class's JSON and moves it and its console into place (the console first: a part implies its log). */
    public void finishPart(Suite s, Staged st) throws IOException {
        checkComplete(st); // a part that is not valid JMH JSON is not finished
        AtomicFiles.move(st.log(), partLog(s));
        AtomicFiles.move(st.json(), partJson(s));
    }

    /** console.log: every finished class's JMH output in suite (= run) order, whichever run or resume made it. */
    public void writeConsoleLog() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Suite s : Suite.values()) {
            if (Files.exists(partLog(s)) && Files.exists(partJson(s))) {
                sb.append(Files.readString(partLog(s)));
            }
        }
        AtomicFiles.writeString(dir.resolve(CONSOLE_LOG), sb.toString());
    }

    /**
     * Merges every finished part of the run, in suite order, into results.json and writes results.csv
     * from the same parsed results (nothing is read back); returns them for the report. Every part,
     * not just the classes of this invocation: a resume of some classes adds to the run, never drops.
     */
    public List<BenchmarkResult> mergeParts() {
        List<Path> parts = new ArrayList<>();
        for (Suite s : Suite.values()) {
            if (Files.exists(partJson(s))) {
                parts.add(partJson(s));
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalStateException("no benchmark produced results in " + dir);
        }
        ArrayNode merged = JmhJson.merge(parts);
        List<BenchmarkResult> results = JmhJson.results(dir.resolve(RESULTS_JSON), merged);
        JmhJson.writeJson(dir.resolve(RESULTS_JSON), merged);
        JmhCsv.write(results, dir.resolve(RESULTS_CSV));
        return results;
    }

    // ---- the pass DiD ----

    public Path didJson(PassDid.Fork f) {
        return dir.resolve(DID).resolve(f.stem() + ".json");
    }

    public Path didLog(PassDid.Fork f) {
        return dir.resolve(DID).resolve(f.stem() + ".log");
    }

    /** Fresh temporaries for a fork's JMH JSON and console ({@link Staged}). */
    public Staged stageDidFork(PassDid.Fork f) {
        return stage(dir.resolve(DID), f.stem());
    }

    public void createDid() {
        try {
            Files.createDirectories(dir.resolve(DID));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fork counts as done only if its file is complete, valid JMH JSON. */
    public boolean hasDidFork(PassDid.Fork f) {
        return isJmhJson(didJson(f));
    }

    public void finishDidFork(PassDid.Fork f, Staged st) throws IOException {
        checkComplete(st);
        AtomicFiles.move(st.log(), didLog(f));
        AtomicFiles.move(st.json(), didJson(f));
    }

    /** Merges the finished forks of a design, in run order, into did.json. */
    public List<PassDidObservation> mergeDid(List<PassDid.Fork> forks) {
        ArrayNode merged = JmhJson.mapper().createArrayNode();
        for (PassDid.Fork f : forks) {
            if (hasDidFork(f)) {
                PassDidObservation.append(merged, f, JmhJson.readTree(didJson(f)));
            }
        }
        List<PassDidObservation> obs = PassDidObservation.parse(dir.resolve(DID_JSON), merged);
        JmhJson.writeJson(dir.resolve(DID_JSON), merged);
        return obs;
    }

    /** did.json, or empty when the run has none. */
    public Optional<List<PassDidObservation>> readDid() {
        Path f = dir.resolve(DID_JSON);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        String text = ResultFiles.readText(f);
        try {
            return Optional.of(PassDidObservation.parse(f, (ArrayNode) JmhJson.mapper().readTree(text)));
        } catch (JsonProcessingException | ClassCastException e) {
            throw new BadInputException(f, "not a pass DiD file: " + e.getMessage().replaceAll("[\\r\\n]+", " "));
        }
    }

    // ---- what every stage reads ----

    /**
     * Everything a report reads of a run, each file through its one validating reader: the one
     * place the report takes its inputs from, so a file that is missing, truncated or contradicts
     * itself is refused in one line naming the file and the field before any figure is made of it
     * (issue 22 #13). Files the run does not have are empty; results are required.
     */
    public record Contents(List<BenchmarkResult> results, Optional<List<PassDidObservation>> did, Optional<RunMetadata> metadata,
                           Optional<List<RaceOutcome>> race, Optional<Calibration> calibration) {
    }

    /** The files a report reads, in the order {@link #readAll} reads them. */
    public static final List<String> REPORT_INPUTS = List.of(RESULTS_JSON, DID_JSON, METADATA, RACE_JSON, CALIBRATION);

    public Contents readAll() {
        return new Contents(readResults(), readDid(), readMetadata(), readRace(), readCalibration());
    }

    /** The run's results file: results.json, else results.csv. */
    public Path resultsFile() {
        Path json = dir.resolve(RESULTS_JSON);
        if (Files.exists(json)) {
            return json;
        }
        Path csv = dir.resolve(RESULTS_CSV);
        if (Files.exists(csv)) {
            return csv;
        }
        throw new BadInputException(dir, "run directory has no " + RESULTS_JSON + " or " + RESULTS_CSV);
    }

    public List<BenchmarkResult> readResults() {
        return ResultFiles.read(resultsFile());
    }

    public boolean hasMetadata() {
        return Files.exists(metadataFile());
    }

    /** metadata.json, or empty when the run has none. */
    public Optional<RunMetadata> readMetadata() {
        Path f = metadataFile();
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        String text = ResultFiles.readText(f);
        try {
            return Optional.of(JmhJson.mapper().readValue(text, RunMetadata.class));
        } catch (JsonProcessingException e) {
            throw new BadInputException(f, "not run metadata: " + e.getOriginalMessage().replaceAll("[\\r\\n]+", " "));
        }
    }

    public void writeMetadata(RunMetadata m) {
        JmhJson.writeJson(metadataFile(), m);
    }

    public Path raceFile() {
        return dir.resolve(RACE_JSON);
    }

    public boolean hasRace() {
        return Files.exists(dir.resolve(RACE_JSON));
    }

    /** race.json, or empty when the run has none. */
    public Optional<List<RaceOutcome>> readRace() {
        return hasRace() ? Optional.of(RaceTable.readJson(dir.resolve(RACE_JSON))) : Optional.empty();
    }

    /**
     * race.csv and race.json together or not at all: both are written in full before either is
     * renamed into place, so a full disk (or any failure) leaves the pair as it was (issue 22 #11).
     */
    public void writeRace(List<RaceOutcome> rows) {
        try (AtomicFiles.Batch b = new AtomicFiles.Batch()) {
            b.writeString(dir.resolve(RACE_CSV), RaceTable.csv(rows));
            b.writeString(dir.resolve(RACE_JSON), RaceTable.json(rows));
            b.commit();
        }
    }

    /** race-long.md: {@code scripts/race --long}'s table (its race.json holds the same rows). */
    public Path longRaceFile() {
        return dir.resolve(RACE_LONG);
    }

    public void writeLongRace(String markdown) {
        AtomicFiles.writeString(longRaceFile(), markdown);
    }

    public Path calibrationFile() {
        return dir.resolve(CALIBRATION);
    }

    public boolean hasCalibration() {
        return Files.exists(calibrationFile());
    }

    /** calibration.json, or empty when the run has none. */
    public Optional<Calibration> readCalibration() {
        return hasCalibration() ? Optional.of(Calibration.read(calibrationFile())) : Optional.empty();
    }

    public void writeCalibration(Calibration c) {
        c.write(calibrationFile());
    }

    /**
     * The report's charts and REPORT.md, all rendered to temporary names first and renamed into place
     * only once every one rendered (charts first, so a REPORT.md never points at charts not yet
     * written); a chart that fails leaves the old charts and REPORT.md as they were.
     */
    public Path writeReport(String markdown, List<ChartSpec> charts) {
        checkOwnDirectories();
        try (AtomicFiles.Batch b = new AtomicFiles.Batch()) {
            charts.forEach(c -> ChartRenderer.stage(c, charts(), b));
            b.writeString(report(), markdown);
            b.commit();
        }
        removeStaleCharts(charts);
        return report();
    }

    /**
     * charts/ holds the charts REPORT.md shows: a PNG or SVG an earlier report drew and this one does
     * not (e.g. the per-metric charts of reports before 3acc28b) would sit beside it unlinked, so it goes.
     * Nothing else in charts/ is touched.
     */
    private void removeStaleCharts(List<ChartSpec> charts) {
        java.util.Set<String> keep = new java.util.HashSet<>();
        charts.forEach(c -> keep.add(c.fileStem()));
        if (!Files.isDirectory(charts())) {
            return;
        }
        try (var files = Files.list(charts())) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                int dot = name.lastIndexOf('.');
                String ext = dot < 0 ? "" : name.substring(dot + 1);
                // Files.delete removes a link itself, never its target; charts/ itself was checked not to be a link
                if ((ext.equals("png") || ext.equals("svg")) && !keep.contains(name.substring(0, dot))) {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + charts() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
