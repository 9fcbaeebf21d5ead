package io.github.lrubench.report;

import io.github.lrubench.bench.Profile;
import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.Fixtures;
import io.github.lrubench.results.JmhCsv;
import io.github.lrubench.results.JmhJson;
import io.github.lrubench.results.Metric;
import io.github.lrubench.results.ResultFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixtures are real output of this suite, and the suite's names are the report's: a test on a
 * fixture whose names the suite no longer emits would pass against nothing. This fails when the
 * suite's names and the fixtures' names part ways (regenerate the fixtures: fixtures/README.md).
 */
class SuiteFixturesTest {

    @Test
    void everyNameInTheSuiteFixturesIsOneTheSuiteEmits() {
        Set<String> ids = Arrays.stream(SuiteBenchmark.values()).map(SuiteBenchmark::id).collect(Collectors.toSet());
        Set<String> params = Arrays.stream(SuiteParam.values()).map(SuiteParam::key).collect(Collectors.toSet());
        for (Path f : Fixtures.SUITE) {
            for (BenchmarkResult r : ResultFiles.read(f)) {
                assertThat(ids).as(f.getFileName() + ": benchmark").contains(r.benchmark());
                assertThat(params).as(f.getFileName() + ": params of " + r.benchmark()).containsAll(r.params().keySet());
                Suite s = Suite.ofBenchmark(r.benchmark());
                Set<String> metrics = Arrays.stream(SuiteMetric.values()).filter(m -> m.suite() == s).map(SuiteMetric::key)
                        .collect(Collectors.toSet());
                assertThat(metrics).as(f.getFileName() + ": secondary metrics of " + r.benchmark()).containsAll(r.secondary().keySet().stream()
                        .map(k -> k.replaceAll(":p\\d.*$", "")).toList()); // "scan:p0.99": a group member's percentile
            }
        }
    }

    /**
     * The fixtures meant to cover the suite hold all of it: every benchmark of each class they
     * run, every declared parameter, every value of an enum parameter that the suite runs, and
     * every counter. suite-rest.json and suite-compaction.json together cover every class under
     * any profile (so every declared value: full restricts nothing); suite-de.csv covers each
     * class it runs (five, by design) the same way; a committed default run covers the default
     * profile. A numeric parameter need only be there: the fixtures run windowNs=0 alone (the
     * widened window is the race table's business).
     */
    /**
     * Values the default profile runs that were added after the newest committed default run
     * (20261206T145340Z-vm): a committed run is history and cannot hold them, and only a new default
     * run can (the answer's run, issue 23, which replaces default-run.json and empties this set). The
     * fixtures made from the jar (suite-*) must hold them all the same.
     */
    static final Set<String> ADDED_AFTER_THE_COMMITTED_DEFAULT_RUNS =
            Set.of(SuiteParam.FREE.key() + "=" + InodeFreePolicy.RCU_SCHED_PREEMPT.name(),
                    // GracePeriodBenchmark's workload and free parameters (issue 20): the committed
                    // runs' GracePeriodBenchmark rows have pfnsPerLockHold only.
                    Suite.GRACE_PERIOD.simpleName() + " without " + SuiteParam.WORKLOAD.key(),
                    Suite.GRACE_PERIOD.simpleName() + " without " + SuiteParam.FREE.key(),
                    // the paired check (issue 21): no committed run has the class
                    Suite.PAIRED_CHECK.simpleName());

    @Test
    void theSuiteFixturesCoverEveryBenchmarkParameterValueAndCounter() {
        List<BenchmarkResult> suite = new ArrayList<>(JmhJson.read(Fixtures.SUITE_COMPACTION_JSON));
        suite.addAll(JmhJson.read(Fixtures.SUITE_REST_JSON));
        suite.addAll(JmhJson.read(Fixtures.SUITE_PAIRED_JSON));
        List<String> missing = new ArrayList<>(missing("suite-rest.json + suite-compaction.json + suite-paired.json", suite, List.of(Suite.values()), null));
        List<BenchmarkResult> de = JmhCsv.read(Fixtures.SUITE_CSV_DE);
        missing.addAll(missing("suite-de.csv", de, de.stream().map(r -> Suite.ofBenchmark(r.benchmark())).distinct().toList(), null));
        for (Path run : List.of(Fixtures.REAL_DEFAULT_RUN_JSON, Fixtures.REAL_DEFAULT_RUN_20261128_JSON)) {
            missing.addAll(missing(run.getFileName().toString(), JmhJson.read(run), List.of(Suite.values()), Profile.DEFAULT).stream()
                    .filter(m -> ADDED_AFTER_THE_COMMITTED_DEFAULT_RUNS.stream().noneMatch(m::contains)).toList());
        }
        assertThat(missing).as("regenerate the fixtures: fixtures/README.md").isEmpty();
    }

    /** What {@code rs} lacks of {@code classes}, with the values {@code profile} runs (null: any profile). */
    static List<String> missing(String fixture, List<BenchmarkResult> rs, List<Suite> classes, Profile profile) {
        List<String> out = new ArrayList<>();
        for (Suite s : classes) {
            List<BenchmarkResult> of = rs.stream().filter(r -> Suite.ofBenchmark(r.benchmark()) == s).toList();
            Set<String> ids = of.stream().map(BenchmarkResult::benchmark).collect(Collectors.toSet());
            Arrays.stream(SuiteBenchmark.values()).filter(b -> b.suite() == s && !ids.contains(b.id()))
                    .forEach(b -> out.add(fixture + ": no " + b.shortName()));
            for (var p : s.declaredParams().entrySet()) {
                Set<String> seen = of.stream().map(r -> r.params().get(p.getKey())).filter(Objects::nonNull).collect(Collectors.toSet());
                if (seen.isEmpty()) {
                    out.add(fixture + ": " + s.simpleName() + " without " + p.getKey());
                } else if (isEnum(s, p.getKey())) {
                    valuesRun(s, p.getKey(), p.getValue(), profile).stream().filter(v -> !seen.contains(v))
                            .forEach(v -> out.add(fixture + ": " + s.simpleName() + " without " + p.getKey() + "=" + v));
                }
            }
            Set<String> counters = of.stream().flatMap(r -> r.secondary().keySet().stream()).collect(Collectors.toSet());
            Arrays.stream(SuiteMetric.values()).filter(m -> m.suite() == s && !counters.contains(m.key()))
                    .forEach(m -> out.add(fixture + ": " + s.simpleName() + " without counter " + m.key()));
        }
        return out;
    }

    /** The values of a parameter the suite runs under a profile, or under any profile when it is null. */
    static Set<String> valuesRun(Suite s, String param, List<String> declared, Profile profile) {
        Set<String> values = new TreeSet<>();
        for (Profile p : profile == null ? List.of(Profile.values()) : List.of(profile)) {
            values.addAll(s.params(p).getOrDefault(param, declared));
        }
        return values;
    }

    /** Whether the class's (or one of its state classes') {@code @Param} field of that name is an enum. */
    static boolean isEnum(Suite s, String param) {
        List<Class<?>> classes = new ArrayList<>(List.of(s.type()));
        classes.addAll(List.of(s.type().getClasses()));
        return classes.stream().flatMap(k -> Arrays.stream(k.getFields())).filter(f -> f.getName().equals(param))
                .anyMatch(f -> f.getType().isEnum());
    }

    @Test
    void jsonOfTheSuiteHasNaNErrorsAndEventsCounters() {
        BenchmarkResult rcu = JmhJson.read(Fixtures.SUITE_REST_JSON).stream()
                .filter(r -> r.shortName().equals(SuiteBenchmark.FREE.shortName()) && InodeFreePolicy.RCU_SCHED.name().equals(r.param(SuiteParam.FREE.key())))
                .findFirst().orElseThrow();
        Metric peak = rcu.secondary().get(SuiteMetric.PEAK_DEFERRED_INODES.key());
        assertThat(peak.unit()).isEqualTo("#");
        assertThat(peak.scoreError()).isNaN(); // "NaN" string in the file
        assertThat(peak.rawData()).hasSize(2).allSatisfy(fork -> assertThat(fork).hasSize(2));
    }

    @Test
    void germanCsvOfTheSuiteParsesWithDecimalCommas() throws Exception {
        List<BenchmarkResult> rs = JmhCsv.read(Fixtures.SUITE_CSV_DE);
        // The first data row's score, as JMH wrote it under de_DE, read back independently.
        List<String> lines = Files.readAllLines(Fixtures.SUITE_CSV_DE);
        String[] header = lines.get(0).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        // Limit -1: keep the trailing empty cells (a row without the last parameter columns).
        String[] cells = lines.get(1).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
        assertThat(cells[4]).as("a decimal comma in the score").contains(",");
        double expected = Double.parseDouble(cells[4].replace("\"", "").replace(',', '.'));
        BenchmarkResult first = rs.stream().filter(r -> r.benchmark().equals(cells[0].replace("\"", ""))).filter(r -> {
            for (int i = 7; i < header.length; i++) {
                String p = header[i].replace("\"", "").replace("Param: ", "");
                String v = cells[i].replace("\"", "");
                if (!v.isEmpty() && !v.equals(r.param(p))) {
                    return false;
                }
            }
            return true;
        }).findFirst().orElseThrow();
        assertThat(first.primary().score()).isEqualTo(expected);
        BenchmarkResult race = rs.stream().filter(r -> r.shortName().equals(SuiteBenchmark.RACE.shortName())).findFirst().orElseThrow();
        assertThat(race.secondary()).containsKeys(Arrays.stream(SuiteMetric.values())
                .filter(m -> m.suite() == Suite.CONTENDED_COMPACTION).map(SuiteMetric::key).toArray(String[]::new));
    }
}
