package io.github.lrubench.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The plan of a run: its work in order, every estimate, and the clock that re-estimates the rest. */
class RunPlanTest {
    static final List<Suite> ALL = List.of(Suite.values());

    /**
     * The estimate is derived from the suite's declared parameters and each profile's
     * restrictions (nothing hand-copied): adding a parameter value to a class moves it.
     */
    @Test
    void profilesStayInsideTheirBudgets() {
        // what a run does when no class is named: the withdrawn classes run only when named
        assertThat(RunPlan.of(Profile.SMOKE, Suite.defaultSelection()).seconds()).as("smoke, before race and report").isLessThanOrEqualTo(120);
        assertThat(RunPlan.of(Profile.DEFAULT, Suite.defaultSelection()).seconds()).as("default, before race, calibration and report").isLessThanOrEqualTo(23 * 60); // with race, calibration (2 min) and report, the 25 min issue 21 allows
        assertThat(Profile.FULL.forks).isGreaterThanOrEqualTo(5);
    }

    @Test
    void theWorkIsEachClassInOrderThenThePassDid() {
        Profile p = Profile.DEFAULT;
        RunPlan plan = RunPlan.of(p, ALL);
        assertThat(plan.classes()).extracting(RunPlan.ClassWork::suite).containsExactlyElementsOf(ALL);
        double perFork = RunPlan.FORK_START_SECONDS + (p.warmupIterations * p.warmupMillis + p.measurementIterations * p.measurementMillis) / 1000.0;
        for (RunPlan.ClassWork w : plan.classes()) {
            assertThat(w.combinations()).isEqualTo(w.suite().combinations(p));
            assertThat(w.seconds()).isCloseTo(w.suite().combinations(p) * w.suite().forks(p) * perFork, within(1e-9));
        }
        assertThat(plan.results()).isEqualTo(ALL.stream().mapToInt(s -> s.combinations(p)).sum());
        assertThat(plan.didForks()).isEqualTo(PassDid.forks(p)).hasSize(4 * p.didRounds);
        assertThat(plan.didSecondsPerFork()).isCloseTo(RunPlan.FORK_START_SECONDS
                + (p.didWarmupIterations + p.didMeasurementIterations) * p.didIterationMillis / 1000.0, within(1e-9));
        assertThat(plan.seconds()).isCloseTo(plan.classSeconds() + plan.didForks().size() * plan.didSecondsPerFork(), within(1e-9));
        assertThat(plan.summary()).contains(RunPlan.duration(plan.classSeconds()), RunPlan.duration(plan.didSeconds()),
                RunPlan.duration(plan.seconds()));
    }

    @Test
    void thePassDidRunsOnlyWithItsClass() {
        RunPlan without = RunPlan.of(Profile.SMOKE, List.of(Suite.FLOOR, Suite.GRACE_PERIOD));
        assertThat(without.didForks()).isEmpty();
        assertThat(without.seconds()).isEqualTo(without.classSeconds());
        assertThat(without.summary()).doesNotContain("pass DiD");
        assertThat(RunPlan.of(Profile.SMOKE, List.of(PassDid.SUITE)).didForks()).isNotEmpty();
    }

    /** A resume's plan: the finished classes and forks are gone, the pass DiD's rest stays even with its class finished. */
    @Test
    void theRemainingPlanLeavesOutWhatIsFinished() {
        RunPlan full = RunPlan.of(Profile.SMOKE, ALL);
        List<PassDid.Fork> forks = full.didForks();
        RunPlan rest = full.remaining(s -> s.ordinal() <= PassDid.SUITE.ordinal(), f -> f.sequence() < 3);
        assertThat(rest.classes()).extracting(RunPlan.ClassWork::suite).containsExactlyElementsOf(ALL.subList(PassDid.SUITE.ordinal() + 1, ALL.size()));
        assertThat(rest.didForks()).containsExactlyElementsOf(forks.subList(3, forks.size()));
        assertThat(rest.seconds()).isLessThan(full.seconds());
    }

    @Test
    void theClockScalesWhatIsLeftByHowFarOffTheEstimateWas() {
        RunPlan plan = RunPlan.of(Profile.DEFAULT, List.of(Suite.FLOOR, Suite.ISOLATION_CHECK, PassDid.SUITE));
        AtomicLong now = new AtomicLong(5_000_000_000L);
        RunPlan.Clock clock = plan.start(now::get);
        assertThat(clock.elapsedSeconds()).isZero();
        assertThat(clock.etaSeconds()).as("nothing finished: the estimate").isEqualTo(plan.seconds());
        RunPlan.ClassWork first = plan.classes().get(0);
        now.addAndGet((long) (2 * first.seconds() * 1e9)); // the first class took twice its estimate
        clock.finished(first);
        assertThat(clock.elapsedSeconds()).isCloseTo(2 * first.seconds(), within(1e-6));
        assertThat(clock.etaSeconds()).isCloseTo(2 * (plan.seconds() - first.seconds()), within(1e-6));
        assertThat(clock.status()).isEqualTo("elapsed " + RunPlan.duration(2 * first.seconds()) + "  ETA "
                + RunPlan.duration(2 * (plan.seconds() - first.seconds())));
        plan.classes().subList(1, plan.classes().size()).forEach(clock::finished);
        plan.didForks().forEach(clock::finished);
        assertThat(clock.etaSeconds()).as("all done").isCloseTo(0, within(1e-6));
    }

    @Test
    void durationsAreMinutesAndSeconds() {
        assertThat(RunPlan.duration(0)).isEqualTo("0:00");
        assertThat(RunPlan.duration(59.6)).isEqualTo("1:00");
        assertThat(RunPlan.duration(16_905)).isEqualTo("281:45");
    }
}
