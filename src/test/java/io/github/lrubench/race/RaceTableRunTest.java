package io.github.lrubench.race;

import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RaceTableRunTest {

    record Call(IsolationCheck check, InodeFreePolicy free, long windowNs, Duration duration) { }

    static List<RaceOutcome> run(RaceTableRun table, List<Call> calls) {
        return table.run((c, f, w, d) -> {
            calls.add(new Call(c, f, w, d));
            return new RaceOutcome(c, f, w, 1, 1, 0, 0, 0, 0);
        });
    }

    @Test
    void aTotalBudgetIsSharedAmongTheCombinations() {
        List<Call> calls = new ArrayList<>();
        RaceTableRun all = RaceTableRun.withinTotal(RaceTableRun.ALL_CHECKS, RaceTableRun.ALL_FREES,
                RaceTableRun.DEFAULT_WINDOW_NS, Duration.ofSeconds(15));
        assertThat(all.combinations()).isEqualTo(15);
        assertThat(run(all, calls)).hasSize(15);
        assertThat(calls).extracting(Call::duration).containsOnly(Duration.ofSeconds(1));
        assertThat(calls).extracting(Call::windowNs).containsOnly(100_000L);

        calls.clear();
        RaceTableRun two = RaceTableRun.withinTotal(List.of(IsolationCheck.NONE, IsolationCheck.PAGE_LOCK),
                List.of(InodeFreePolicy.RCU_SCHED), 0, Duration.ofSeconds(9));
        assertThat(two.perCombination()).isEqualTo(Duration.ofMillis(4500));
        assertThat(run(two, calls)).extracting(RaceOutcome::check).containsExactly(IsolationCheck.NONE, IsolationCheck.PAGE_LOCK);
    }

    @Test
    void rowsComeChecksOuterFreesInner() {
        List<Call> calls = new ArrayList<>();
        List<RaceOutcome> rows = run(new RaceTableRun(List.of(IsolationCheck.PAGE_LOCK, IsolationCheck.NONE),
                List.of(InodeFreePolicy.RCU_SCHED, InodeFreePolicy.IMMEDIATE), 5, Duration.ofMillis(3)), calls);
        assertThat(rows).extracting(r -> r.check() + "x" + r.free()).containsExactly(
                "PAGE_LOCKxRCU_SCHED", "PAGE_LOCKxIMMEDIATE", "NONExRCU_SCHED", "NONExIMMEDIATE");
        assertThat(calls).extracting(Call::duration).containsOnly(Duration.ofMillis(3));
    }

    @Test
    void nothingToRunOrNoTimeIsRejected() {
        assertThatThrownBy(() -> RaceTableRun.withinTotal(List.of(), RaceTableRun.ALL_FREES, 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RaceTableRun(RaceTableRun.ALL_CHECKS, RaceTableRun.ALL_FREES, 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RaceTableRun(RaceTableRun.ALL_CHECKS, RaceTableRun.ALL_FREES, -1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Each combination gets the table's raced-check goal, its time share a cap. */
    @Test
    void aRacedGoalReachesEveryCombination() {
        List<Long> goals = new ArrayList<>();
        CombinationRunner recording = new CombinationRunner() {
            @Override
            public RaceOutcome run(IsolationCheck c, InodeFreePolicy f, long w, Duration d) {
                throw new AssertionError("a table with a goal must pass it on");
            }

            @Override
            public RaceOutcome run(IsolationCheck c, InodeFreePolicy f, long w, Duration cap, long goal) {
                goals.add(goal);
                return new RaceOutcome(c, f, w, 1, 1, 0, 0, 0, 0);
            }
        };
        RaceTableRun.withinTotal(RaceTableRun.ALL_CHECKS, RaceTableRun.ALL_FREES, RaceTableRun.DEFAULT_WINDOW_NS, Duration.ofSeconds(15))
                .toRacedChecks(500).run(recording);
        assertThat(goals).hasSize(15).containsOnly(500L);
        assertThatThrownBy(() -> new RaceTableRun(RaceTableRun.ALL_CHECKS, RaceTableRun.ALL_FREES, 0, Duration.ofSeconds(1), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The model stops a combination once the goal's checks raced, well before its cap (a minute:
     * a safety net only; the page lock's rows race thousands of checks a second).
     */
    @Test
    void theModelStopsAtTheRacedGoal() {
        RaceOutcome r = CombinationRunner.MODEL.run(IsolationCheck.PAGE_LOCK, InodeFreePolicy.RCU_SCHED, RaceTableRun.DEFAULT_WINDOW_NS,
                Duration.ofSeconds(60), 50);
        assertThat(r.racedChecks()).isGreaterThanOrEqualTo(50).isLessThan(50 + 32); // stops after the pass that reached it
        assertThat(r.uafDetected()).isZero();
    }
}
