package io.github.lrubench.cli;

import io.github.lrubench.run.RunMetadata;
import io.github.lrubench.run.RunDirectory;
import io.github.lrubench.report.OtherSystemCost;
import io.github.lrubench.bench.Profile;
import io.github.lrubench.bench.RunPlan;
import io.github.lrubench.bench.Suite;
import io.github.lrubench.hostkernel.Calibration;
import io.github.lrubench.hostkernel.Calibrator;
import io.github.lrubench.hostkernel.Preflight;
import io.github.lrubench.hostkernel.ProcFs;
import io.github.lrubench.results.ForkStats;
import io.github.lrubench.race.CombinationRunner;
import io.github.lrubench.results.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

import java.net.InetAddress;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the benchmark suite with a profile into results/<run-id>/ (JSON, CSV, metadata.json, "
                + "console.log, charts/, REPORT.md). Each class's results are kept as soon as it finishes.")
public final class BenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--profile", description = "One of ${COMPLETION-CANDIDATES}, in any case; what each runs and how long: the plans below. "
            + "A new run without it takes the default, a resume the run's own profile.")
    Profile profile;

    @Option(names = "--out", defaultValue = "results", description = "Directory that receives the run directory (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--resume", description = "An interrupted run directory: run only what is missing, then merge.")
    Path resume;

    @Option(names = "--allow-other-commit", description = "Let --resume run the missing classes on another commit than the run's, "
            + "or from a checkout with uncommitted changes; metadata.json then records both. Only with --resume.")
    boolean allowOtherCommit;

    @Option(names = "--no-calibrate", description = "Do not measure the host kernel's compaction "
            + "(scripts/calibrate, root only; README, calibrate, says how long it took on the dev VM). calibration.json then says it was skipped.")
    boolean noCalibrate;

    @Mixin
    OtherSystemOptions others = new OtherSystemOptions();

    @Parameters(arity = "0..*", paramLabel = "REGEX", description = "Run only benchmark classes whose name matches one of these (find); metadata.json records the "
            + "selection, which a --resume without REGEX runs.")
    List<String> regexes;

    /** Tests inject a fake executor. */
    BenchmarkExecutor executor = new JmhExecutor();
    /** The checkout whose commit a run records and a resume must match; tests give a repository of their own. */
    Path repoDir = Path.of("").toAbsolutePath();
    /** Tests leave the race out. */
    Optional<CombinationRunner> race = Optional.of(CombinationRunner.MODEL);

    @Override
    public Integer call() throws Exception {
        Profile p = profile;
        if (allowOtherCommit && resume == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--allow-other-commit applies only to a resume: say --resume DIR");
        }
        List<Suite> classes = Suite.defaultSelection(); // a withdrawn class runs only when a pattern names it
        if (regexes != null && !regexes.isEmpty()) {
            List<Pattern> ps = regexes.stream().map(r -> UsageChecks.regex(spec.commandLine(), r)).toList();
            classes = List.of(Suite.values()).stream().filter(c -> ps.stream().anyMatch(x -> x.matcher(c.className()).find())).toList();
            if (classes.isEmpty()) {
                throw new BadInputException("no benchmark class matches " + regexes + "; classes are "
                        + List.of(Suite.values()).stream().map(Suite::simpleName).toList());
            }
        }
        RunDirectory runDir;
        if (resume != null) {
            if (!Files.isDirectory(resume) || !RunDirectory.open(resume).hasMetadata()) {
                throw new BadInputException(resume, "not a run directory to resume (no metadata.json)");
            }
            runDir = RunDirectory.open(resume);
            RunMetadata recorded = runDir.readMetadata().orElseThrow();
            if (p == null) {
                p = BenchRunner.recordedProfile(runDir, recorded);
            }
            if (regexes == null || regexes.isEmpty()) {
                classes = BenchRunner.recordedClasses(runDir, recorded); // the run's own selection
            }
        } else {
            UsageChecks.outDirectory(spec.commandLine(), out, UsageChecks.RUN_BYTES); // a file there is a usage error (exit 2), as in every command
            runDir = RunDirectory.create(out, runId());
            p = p == null ? Profile.DEFAULT : p;
        }
        spec.commandLine().getOut().println("run directory: " + runDir);
        spec.commandLine().getOut().flush();
        PrintStream console = new PrintStream(System.out, true);
        RunOptions opts = RunOptions.of(resume == null ? null : runDir.readMetadata().orElseThrow(), noCalibrate, others.all());
        List<OtherSystemCost> costs = opts.costs();
        boolean skipCalibration = opts.noCalibrate();
        Optional<Function<Optional<ForkStats.Estimate>, Calibration>> calibrate = skipCalibration ? Optional.empty() : Optional.of(c -> {
            ProcFs proc = ProcFs.host();
            Calibrator.Options o = c.map(Calibrator.Options.defaults(proc)::withCheckCost).orElse(Calibrator.Options.defaults(proc));
            return Preflight.refusal(proc, o).map(Calibration::notMeasured).orElseGet(() -> Calibrator.run(proc, o, console));
        });
        new BenchRunner(executor, race, calibrate, costs, console)
                .allowingOtherCommit(allowOtherCommit).run(runDir, p, classes, repoDir);
        return 0;
    }

    /**
     * The options a run goes by: this invocation's, and on a resume the run's own recorded
     * --no-calibrate (a resume of a --no-calibrate run must not calibrate as root) and its --t-check
     * and --t-page values unless this invocation gives some (issue 22 #8).
     */
    record RunOptions(boolean noCalibrate, List<OtherSystemCost> costs) {
        static RunOptions of(RunMetadata recorded, boolean noCalibrate, List<OtherSystemCost> given) {
            if (recorded == null) {
                return new RunOptions(noCalibrate, given);
            }
            List<OtherSystemCost> costs = given;
            if (given.isEmpty()) {
                List<OtherSystemCost> theirs = new java.util.ArrayList<>();
                Optional.ofNullable(recorded.tCheck()).orElse(List.of()).forEach(s -> theirs.add(OtherSystemCost.parse(OtherSystemCost.Per.CHECK, s)));
                Optional.ofNullable(recorded.tPage()).orElse(List.of()).forEach(s -> theirs.add(OtherSystemCost.parse(OtherSystemCost.Per.MIGRATED_PAGE, s)));
                costs = theirs;
            }
            return new RunOptions(noCalibrate || Boolean.TRUE.equals(recorded.noCalibrate()), List.copyOf(costs));
        }
    }

    /** Adds what the annotations cannot say: --profile in any case, and --help ending with each profile's plan of the whole suite. */
    static void configure(CommandLine bench) {
        bench.setCaseInsensitiveEnumValuesAllowed(true);
        bench.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER, help -> plans());
    }

    /** Each profile's plan of the whole suite, as the README's profiles table states it. */
    static String plans() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%nEach profile's plan of the whole suite, estimated (the race table, calibration and report come on top):%n"));
        for (Profile p : Profile.values()) {
            sb.append(String.format(Locale.ROOT, "  %-8s %s%n", p.label(), RunPlan.of(p, Suite.defaultSelection()).summary()));
        }
        return sb.toString();
    }

    /** UTC date-time and host: sorts by time, says where it ran. */
    static String runId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = System.getenv().getOrDefault("HOSTNAME", "host");
        }
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                + "-" + host.replaceAll("[^A-Za-z0-9.-]", "_");
    }
}
