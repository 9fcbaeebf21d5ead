package io.github.lrubench.cli;

import io.github.lrubench.cli.Cli.Run;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.race.RaceOutcome;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.github.lrubench.cli.Cli.RACE;
import static io.github.lrubench.cli.Cli.run;
import static io.github.lrubench.cli.Cli.withRecordingRace;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code race}: one combination of the model, the outcome table, --long, and its limits and names checked before any stress. */
class RaceCommandTest {
    static final String NONE = IsolationCheck.NONE.name(), RCU_SCHED = InodeFreePolicy.RCU_SCHED.name(),
            IMMEDIATE = InodeFreePolicy.IMMEDIATE.name();

    @Test
    void raceRunsTheModelForOneCombination() {
        Run r = run(RACE, "--seconds", "0.2", "--check", NONE, "--free", RCU_SCHED);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(2);
        assertThat(r.out()).contains(NONE, RCU_SCHED, "OK: forbidden outcome not seen");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--check", "--free"})
    void raceWithABadCheckOrFreeNameExitsTwoWithOneLine(String option) {
        Run r = run(RACE, "--seconds", "0.01", option, "BOGUS");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().filter(l -> !l.isBlank())).hasSize(1).first().asString()
                .startsWith(RACE + ": ").contains(option, "BOGUS", "expected one of").endsWith("(see --help)");
    }

    @Test
    void raceWritesTheOutcomeTable(@TempDir Path dir) {
        CommandLine cl = LruBench.commandLine();
        RaceCommand race = cl.getSubcommands().get(RACE).getCommand();
        List<Duration> durations = new ArrayList<>();
        race.runner = (c, f, w, d) -> {
            durations.add(d);
            return new RaceOutcome(c, f, w, 100, 50, 25, InodeFreePolicy.isSafe(c, f) ? 0 : 3, c.takesPageLock() ? 2 : 0, 0);
        };
        Run r = run(cl, RACE, "--seconds", "0.01", "--check", NONE, IsolationCheck.PAGE_LOCK.name(), "--free", IMMEDIATE, RCU_SCHED,
                "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(5).anyMatch(l -> l.contains("race reproduced"));
        assertThat(durations).as("--seconds is per combination").hasSize(4).containsOnly(Duration.ofMillis(10));
        assertThat(dir.resolve("race.json")).exists();
        assertThat(dir.resolve("race.csv")).content().startsWith("check,free,windowNs");
    }

    /** --long runs every combination once through the long stress, writes the long table, refuses --seconds. */
    @Test
    void raceLongWritesItsTableAndTakesNoSeconds(@TempDir Path dir) {
        CommandLine cl = LruBench.commandLine();
        RaceCommand race = cl.getSubcommands().get(RACE).getCommand();
        List<io.github.lrubench.race.RaceStress.Options> calls = new ArrayList<>();
        race.longStress = o -> {
            calls.add(o);
            boolean safe = InodeFreePolicy.isSafe(o.check(), o.free());
            return new io.github.lrubench.race.RaceStress.Result(o.check(), o.free(), o.windowNs(), 1500, true, 10,
                    safe ? 100_000_000 : 40, safe ? 1_000_000 : 30, safe ? 0 : 1, 0, 0, 0, 0, 0);
        };
        Run r = run(cl, RACE, "--long", "--check", NONE, "--free", IMMEDIATE, RCU_SCHED, "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(calls).hasSize(2);
        assertThat(r.err().lines()).hasSize(2).allMatch(l -> l.startsWith(NONE + " x "));
        assertThat(r.out()).contains("| " + NONE + " | " + RCU_SCHED + " | closed by contract | VOLUME | 0 | 100000000 | 1000000 | 0 | < 0.03 per million | < 3 per million |");
        assertThat(dir.resolve(io.github.lrubench.run.RunDirectory.RACE_LONG)).content().isEqualTo(r.out());
        assertThat(io.github.lrubench.race.RaceTable.readJson(dir.resolve("race.json"))).hasSize(2);

        CommandLine again = LruBench.commandLine();
        RaceCommand race2 = again.getSubcommands().get(RACE).getCommand();
        race2.longStress = o -> {
            throw new AssertionError("must not run");
        };
        Run refused = run(again, RACE, "--long", "--seconds", "5");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().lines().filter(l -> !l.isBlank())).hasSize(1).first().asString()
                .startsWith(RACE + ": ").contains("--long", "--seconds");
    }

    /** Defect 11: the race's limits are checked at parse time, one line and exit 2, before any stress runs. */
    @ParameterizedTest
    @ValueSource(strings = {"--seconds=4000", "--seconds=0.0001", "--seconds=0", "--seconds=NaN", "--window-ns=2000000000",
            "--window-ns=-1"})
    void raceOutOfLimitsExitsTwoBeforeTheStress(String arg) {
        List<Duration> calls = new ArrayList<>();
        CommandLine cl = withRecordingRace(calls);
        Run r = run(cl, RACE, arg, "--check", NONE, "--free", RCU_SCHED);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().filter(l -> !l.isBlank())).hasSize(1).first().asString()
                .startsWith(RACE + ": ").contains(arg.substring(0, arg.indexOf('=')));
        assertThat(calls).as("the stress never started").isEmpty();
        // The help states the same limits the parser enforces.
        assertThat(run(RACE, "--help").out()).contains("3600", "1000000000");
    }

    /** Issue 22 #14: an interrupted race --long kept nothing; each finished row is written as it lands. Seen failing without it. */
    @Test
    void anInterruptedLongRaceKeepsItsFinishedRows(@TempDir Path dir) {
        CommandLine cl = LruBench.commandLine();
        RaceCommand race = cl.getSubcommands().get(RACE).getCommand();
        race.longStress = o -> {
            if (InodeFreePolicy.isSafe(o.check(), o.free())) {
                throw new IllegalStateException("interrupted"); // the second combination never finishes
            }
            return new io.github.lrubench.race.RaceStress.Result(o.check(), o.free(), o.windowNs(), 1500, true, 10, 40, 30, 1, 0, 0, 0, 0, 0);
        };
        Run r = run(cl, RACE, "--long", "--check", NONE, "--free", IMMEDIATE, RCU_SCHED, "--out", dir.toString());
        assertThat(r.code()).isNotZero();
        assertThat(io.github.lrubench.race.RaceTable.readJson(dir.resolve("race.json"))).hasSize(1);
        assertThat(dir.resolve(io.github.lrubench.run.RunDirectory.RACE_LONG)).content().contains("| " + NONE + " | " + IMMEDIATE);
    }
}
