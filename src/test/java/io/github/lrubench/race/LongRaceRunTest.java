package io.github.lrubench.race;

import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The long mode: how each combination runs, its rows and bounds, and a short real run of the model. */
class LongRaceRunTest {

    @Test
    void safeCombinationsRunForVolumeOnTheKernelsWindowOpenOnesToTheFirstHit() {
        LongRaceRun run = LongRaceRun.standard(RaceTableRun.ALL_CHECKS, RaceTableRun.ALL_FREES);
        RaceStress.Options safe = run.options(IsolationCheck.NONE, InodeFreePolicy.RCU_SCHED);
        assertThat(safe.workload()).isEqualTo(RaceStress.Workload.VOLUME);
        assertThat(safe.windowNs()).isZero();
        assertThat(safe.until()).isEqualTo(new RaceStress.Until(true, LongRaceRun.SAFE_GOAL));
        assertThat(safe.duration()).isEqualTo(LongRaceRun.SAFE_CAP);
        RaceStress.Options open = run.options(IsolationCheck.NONE, InodeFreePolicy.PREEMPT_RCU_CONTRACT);
        assertThat(open.workload()).isEqualTo(RaceStress.Workload.HIT_RATE);
        assertThat(open.windowNs()).isEqualTo(RaceTableRun.DEFAULT_WINDOW_NS);
        assertThat(open.until()).isEqualTo(RaceStress.Until.firstUaf());
        // Every safe combination at the cap plus every open one at theirs: within the 30 minutes.
        long safeCount = RaceTableRun.ALL_CHECKS.stream()
                .flatMap(c -> RaceTableRun.ALL_FREES.stream().filter(f -> InodeFreePolicy.isSafe(c, f))).count();
        long openCount = (long) RaceTableRun.ALL_CHECKS.size() * RaceTableRun.ALL_FREES.size() - safeCount;
        Duration worst = LongRaceRun.SAFE_CAP.multipliedBy(safeCount).plus(LongRaceRun.OPEN_CAP.multipliedBy(openCount));
        assertThat(worst).isLessThanOrEqualTo(Duration.ofMinutes(30));
    }

    /** A real, short long run: every safe row reaches its goal clean, every open row shows the outcome. */
    @Test
    void aShortRunOfTheModelHoldsTheDesign() {
        long goal = 50_000;
        LongRaceRun run = new LongRaceRun(RaceTableRun.ALL_CHECKS, RaceTableRun.ALL_FREES, goal, Duration.ofSeconds(60),
                Duration.ofSeconds(60));
        List<LongRaceRun.Row> seen = new ArrayList<>();
        List<LongRaceRun.Row> rows = run.run(seen::add);
        assertThat(seen).isEqualTo(rows).hasSize(RaceTableRun.ALL_CHECKS.size() * RaceTableRun.ALL_FREES.size());
        for (LongRaceRun.Row row : rows) {
            RaceOutcome r = row.outcome();
            assertThat(row.asExpected()).as("%s x %s: %s", r.check(), r.free(), row).isTrue();
            assertThat(row.untilReached()).as("%s x %s stopped by its goal, not the cap", r.check(), r.free()).isTrue();
            if (r.expectedSafe()) {
                assertThat(r.dirtyPageChecks()).isGreaterThanOrEqualTo(goal);
                assertThat(r.racedChecks()).isBetween(0L, r.dirtyPageChecks());
                assertThat(r.upperBoundPerCheck()).isEqualTo(RaceOutcome.RULE_OF_THREE / r.dirtyPageChecks());
            } else {
                assertThat(r.uafDetected()).isPositive();
                assertThat(r.upperBoundPerCheck()).isNaN();
            }
        }
        // A single short row may start before the truncating CPU's first eviction; all ten together do not.
        assertThat(rows.stream().filter(r -> r.outcome().expectedSafe()).mapToLong(r -> r.outcome().racedChecks()).sum())
                .as("checks a truncation raced, all safe rows").isPositive();
        assertThat(LongRaceRun.markdown(rows).lines()).hasSize(rows.size() + 2).anyMatch(l -> l.contains("| goal |"))
                .anyMatch(l -> l.contains("| first UAF |")).noneMatch(l -> l.contains("not as designed"));
    }

    @Test
    void aRowStoppedByTheCapOrAUafWhereSafeIsNotAsDesigned() {
        LongRaceRun run = new LongRaceRun(List.of(IsolationCheck.PAGE_LOCK, IsolationCheck.NONE),
                List.of(InodeFreePolicy.IMMEDIATE), 1_000, Duration.ofSeconds(1), Duration.ofSeconds(1));
        List<LongRaceRun.Row> rows = run.run(o -> new RaceStress.Result(o.check(), o.free(), o.windowNs(), 1000, false,
                10, 500, 20, 0, 0, 0, 0, 0, 0), r -> { });
        assertThat(rows).extracting(r -> r.outcome().check()).containsExactly(IsolationCheck.PAGE_LOCK, IsolationCheck.NONE);
        assertThat(rows).noneMatch(LongRaceRun.Row::asExpected); // safe: cap before goal; open: not hit
        assertThat(LongRaceRun.markdown(rows)).contains("| cap (**not as designed**) |")
                .contains("< 0.6% | < 15% |"); // 2.996 / 500 and / 20
    }
}
