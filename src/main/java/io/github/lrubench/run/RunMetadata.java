package io.github.lrubench.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.lrubench.bench.Profile;
import io.github.lrubench.hostkernel.ProcFs;
import io.github.lrubench.results.JmhJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * metadata.json: what a reader needs to judge whether two runs are comparable. Written and read
 * only through {@link RunDirectory}; the field order is the file's.
 *
 * @param gitDirty         null when git could not say
 * @param resumedOnCommits the commits of resumes made with {@code --allow-other-commit} on another
 *                         commit than {@code gitCommit}; null when there were none
 * @param classes          the benchmark classes the run selected (simple names, suite order), which a resume
 *                         runs; null in runs made before it was recorded (the whole suite)
 * @param endTime          null while the run is running
 */
@JsonPropertyOrder({"jdk", "jmhVersion", "blackholeMode", "cpuModel", "cores", "memTotal", "os", "kernel", "gitCommit",
    "gitDirty", "resumedOnCommits", "note", "startTime", "profile", "forkJvmArgs", "forks", "warmup", "measurement", "classes",
    "noCalibrate", "tCheck", "tPage", "status", "endTime"})
public record RunMetadata(Map<String, String> jdk, String jmhVersion, String blackholeMode, String cpuModel, int cores,
                          String memTotal, String os, String kernel, String gitCommit, Boolean gitDirty,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<String> resumedOnCommits, String note,
                          String startTime, String profile, List<String> forkJvmArgs, int forks, String warmup,
                          String measurement, @JsonInclude(JsonInclude.Include.NON_NULL) List<String> classes,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean noCalibrate,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<String> tCheck,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<String> tPage, Status status,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String endTime) {

    private static final String UNKNOWN = "unknown";

    /** How a run ended, or that it is running. */
    public enum Status {
        RUNNING, COMPLETE, INTERRUPTED, FAILED;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the contended benchmarks' 1+1 @Group means on a machine of this many cores (metadata.json's note). */
    static String note(int cores) {
        return cores <= 2
                ? "a 1+1 @Group fills both cores of a " + cores + "-core machine; contended results then include OS noise"
                : "a 1+1 @Group uses 2 of this machine's " + cores + " cores";
    }

    /** A new run on the host this JVM runs on, with this profile, status running. */
    public static RunMetadata collect(Path repoDir, Profile profile) {
        return collect(repoDir, profile, ProcFs.host());
    }

    /** A new run on the host {@code proc} reads, with this profile, status running. */
    static RunMetadata collect(Path repoDir, Profile profile, ProcFs proc) {
        Map<String, String> jdk = new LinkedHashMap<>();
        for (String p : List.of("java.vendor", "java.version", "java.vm.name", "java.vm.version", "java.home")) {
            jdk.put(p, System.getProperty(p));
        }
        String status = exec(repoDir, "git", "status", "--porcelain");
        int cores = proc.cores();
        return new Builder()
                .jdk(jdk).jmhVersion(jmhVersionOnClasspath())
                .blackholeMode(System.getProperty("jmh.blackhole.mode", "auto (JMH 1.37 uses compiler blackholes on JDK 17+)"))
                .cpuModel(proc.field(ProcFs.CPUINFO, "model name").orElse(UNKNOWN)).cores(cores)
                .memTotal(proc.field(ProcFs.MEMINFO, "MemTotal").orElse(UNKNOWN))
                .os(System.getProperty("os.name") + " " + System.getProperty("os.arch"))
                .kernel(proc.kernelRelease().orElse(System.getProperty("os.version")))
                .gitCommit(currentCommit(repoDir)).gitDirty(status == null ? null : !status.isBlank())
                .note(note(cores)).startTime(now()).status(Status.RUNNING)
                .build().withProfile(profile);
    }

    /**
     * The run's options a resume must honour (issue 22 #8): --no-calibrate, and the --t-check and
     * --t-page values as given ("NS:LABEL"); null in runs made before they were recorded.
     */
    public RunMetadata withOptions(boolean noCalibrate, List<String> tCheck, List<String> tPage) {
        return toBuilder().noCalibrate(noCalibrate).tCheck(List.copyOf(tCheck)).tPage(List.copyOf(tPage)).build();
    }

    /** A builder holding this run's fields, to change some. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The same run, (re)started with a profile's settings: status running, no end time. */
    public RunMetadata withProfile(Profile p) {
        return toBuilder().profile(p.label()).forkJvmArgs(Profile.FORK_JVM_ARGS).forks(p.forks)
                .warmup(p.warmupIterations + " x " + p.warmupMillis + " ms")
                .measurement(p.measurementIterations + " x " + p.measurementMillis + " ms")
                .status(Status.RUNNING).endTime(null).build();
    }

    /** The same run, restarted by a resume with its own settings: status running, no end time. */
    public RunMetadata restarted() {
        return toBuilder().status(Status.RUNNING).endTime(null).build();
    }

    /** What a profile set for this run's benchmarks: a resume must find them unchanged. */
    public List<String> settings() {
        return List.of(String.valueOf(profile), String.valueOf(forkJvmArgs), "forks " + forks, "warmup " + warmup,
                "measurement " + measurement);
    }

    /** The same run, resumed on another commit: both are recorded. */
    public RunMetadata resumedOn(String commit) {
        List<String> commits = new java.util.ArrayList<>(resumedOnCommits == null ? List.of() : resumedOnCommits);
        if (!commits.contains(commit)) {
            commits.add(commit);
        }
        return toBuilder().resumedOnCommits(List.copyOf(commits)).build();
    }

    /** The same run, selecting these benchmark classes (simple names). */
    public RunMetadata withClasses(List<String> selected) {
        return toBuilder().classes(List.copyOf(selected)).build();
    }

    /**
     * What in {@code repoDir} differs from its commit in the code a run builds (src/, pom.xml; new
     * files included), as git's porcelain lines; empty when clean, null when git cannot say.
     */
    public static List<String> uncommittedCode(Path repoDir) {
        String status = exec(repoDir, "git", "status", "--porcelain", "--untracked-files=all", "--", "src", "pom.xml");
        return status == null ? null : status.lines().filter(l -> !l.isBlank()).map(String::strip).toList();
    }

    /** The commit checked out in {@code repoDir}, or "unknown" when git cannot say. */
    public static String currentCommit(Path repoDir) {
        String commit = exec(repoDir, "git", "rev-parse", "HEAD");
        return commit == null ? "unknown" : commit.strip();
    }

    /** The same run, ended now with this status. */
    public RunMetadata ended(Status s) {
        return toBuilder().status(s).endTime(now()).build();
    }

    /** The fields in file order, for printing. */
    public JsonNode tree() {
        return JmhJson.mapper().valueToTree(this);
    }

    static String jmhVersionOnClasspath() {
        try (var in = RunMetadata.class.getResourceAsStream("/jmh.properties")) {
            if (in != null) {
                var p = new java.util.Properties();
                p.load(in);
                return p.getProperty("jmh.version", "unknown");
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String exec(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The fields by name, so no caller counts 21 positions; the record's canonical constructor stays Jackson's. */
    public static final class Builder {
        private Map<String, String> jdk;
        private String jmhVersion, blackholeMode, cpuModel, memTotal, os, kernel, gitCommit, note, startTime, profile, warmup,
                measurement, endTime;
        private int cores, forks;
        private Boolean gitDirty;
        private List<String> resumedOnCommits, forkJvmArgs, classes, tCheck, tPage;
        private Boolean noCalibrate;
        private Status status;

        public Builder() {
        }

        Builder(RunMetadata m) {
            jdk = m.jdk; jmhVersion = m.jmhVersion; blackholeMode = m.blackholeMode; cpuModel = m.cpuModel; cores = m.cores;
            memTotal = m.memTotal; os = m.os; kernel = m.kernel; gitCommit = m.gitCommit; gitDirty = m.gitDirty;
            resumedOnCommits = m.resumedOnCommits; note = m.note; startTime = m.startTime; profile = m.profile;
            forkJvmArgs = m.forkJvmArgs; forks = m.forks; warmup = m.warmup; measurement = m.measurement; classes = m.classes;
            noCalibrate = m.noCalibrate; tCheck = m.tCheck; tPage = m.tPage; status = m.status; endTime = m.endTime;
        }

        public Builder jdk(Map<String, String> v) { jdk = v; return this; }
        public Builder jmhVersion(String v) { jmhVersion = v; return this; }
        public Builder blackholeMode(String v) { blackholeMode = v; return this; }
        public Builder cpuModel(String v) { cpuModel = v; return this; }
        public Builder cores(int v) { cores = v; return this; }
        public Builder memTotal(String v) { memTotal = v; return this; }
        public Builder os(String v) { os = v; return this; }
        public Builder kernel(String v) { kernel = v; return this; }
        public Builder gitCommit(String v) { gitCommit = v; return this; }
        public Builder gitDirty(Boolean v) { gitDirty = v; return this; }
        public Builder resumedOnCommits(List<String> v) { resumedOnCommits = v; return this; }
        public Builder note(String v) { note = v; return this; }
        public Builder startTime(String v) { startTime = v; return this; }
        public Builder profile(String v) { profile = v; return this; }
        public Builder forkJvmArgs(List<String> v) { forkJvmArgs = v; return this; }
        public Builder forks(int v) { forks = v; return this; }
        public Builder warmup(String v) { warmup = v; return this; }
        public Builder measurement(String v) { measurement = v; return this; }
        public Builder classes(List<String> v) { classes = v; return this; }
        public Builder noCalibrate(Boolean v) { noCalibrate = v; return this; }
        public Builder tCheck(List<String> v) { tCheck = v; return this; }
        public Builder tPage(List<String> v) { tPage = v; return this; }
        public Builder status(Status v) { status = v; return this; }
        public Builder endTime(String v) { endTime = v; return this; }

        public RunMetadata build() {
            return new RunMetadata(jdk, jmhVersion, blackholeMode, cpuModel, cores, memTotal, os, kernel, gitCommit, gitDirty,
                    resumedOnCommits, note, startTime, profile, forkJvmArgs, forks, warmup, measurement, classes, noCalibrate, tCheck, tPage,
                    status, endTime);
        }
    }
}
