package io.github.lrubench.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The benchmark work of a run, in order, and how long it should take: each selected class's
 * parameter combinations x the profile's forks x seconds a fork, then the pass DiD's forks when
 * its class is selected. Every time estimate lives here ({@link Profile} holds the settings they
 * come from), and so does the clock that re-estimates the rest as work finishes. The race table,
 * the host-kernel calibration and the report are left out: they do not grow with the profile.
 */
public final class RunPlan {
    /** Starting one forked JVM: JVM start + JMH setup took 0.7 s in the first default run, plus the model's warm-up. */
    public static final double FORK_START_SECONDS = 1.5;

    /** One class's work: its JMH results (parameter combinations) under the profile, each measured in every fork. */
    public record ClassWork(Suite suite, int combinations, int forks, double secondsPerFork) {
        public double seconds() {
            return combinations * forks * secondsPerFork;
        }
    }

    private final Profile profile;
    private final List<ClassWork> classes;
    private final List<PassDid.Fork> didForks;

    private RunPlan(Profile profile, List<ClassWork> classes, List<PassDid.Fork> didForks) {
        this.profile = profile;
        this.classes = List.copyOf(classes);
        this.didForks = List.copyOf(didForks);
    }

    /** Everything the selected classes run under the profile, in their order; the pass DiD when its class is among them. */
    public static RunPlan of(Profile profile, List<Suite> selected) {
        double perFork = FORK_START_SECONDS + (profile.warmupIterations * profile.warmupMillis
                + profile.measurementIterations * profile.measurementMillis) / 1000.0;
        return new RunPlan(profile,
                selected.stream().map(s -> new ClassWork(s, s.combinations(profile), s.forks(profile), perFork)).toList(),
                selected.contains(PassDid.SUITE) ? PassDid.forks(profile) : List.of());
    }

    /** This plan without the classes and pass DiD forks a run has already finished (a resume's plan). */
    public RunPlan remaining(Predicate<Suite> finishedClass, Predicate<PassDid.Fork> finishedFork) {
        return new RunPlan(profile, classes.stream().filter(w -> !finishedClass.test(w.suite())).toList(),
                didForks.stream().filter(f -> !finishedFork.test(f)).toList());
    }

    public Profile profile() {
        return profile;
    }

    public List<ClassWork> classes() {
        return classes;
    }

    /** The pass DiD forks to run, in run order; empty when its class is not selected. */
    public List<PassDid.Fork> didForks() {
        return didForks;
    }

    /** JMH results the classes give (a fork's results count once). */
    public int results() {
        return classes.stream().mapToInt(ClassWork::combinations).sum();
    }

    public double classSeconds() {
        return classes.stream().mapToDouble(ClassWork::seconds).sum();
    }

    /** One pass DiD fork: a JVM and its warm-up and measured iterations of one cell. */
    public double didSecondsPerFork() {
        return FORK_START_SECONDS + (profile.didWarmupIterations + profile.didMeasurementIterations) * profile.didIterationMillis / 1000.0;
    }

    public double didSeconds() {
        return didForks.size() * didSecondsPerFork();
    }

    /** The estimated benchmark time of the whole plan. */
    public double seconds() {
        return classSeconds() + didSeconds();
    }

    /** The plan in one line: what runs and each part's estimated time. */
    public String summary() {
        String s = String.format(Locale.ROOT, "%d classes, %d JMH results x %d fork%s%s: %s", classes.size(), results(),
                profile.forks, profile.forks == 1 ? "" : "s", classes.stream().anyMatch(w -> w.suite() == Suite.PAIRED_CHECK)
                        ? String.format(Locale.ROOT, " (%s: %d)", Suite.PAIRED_CHECK.simpleName(), profile.checkForks) : "",
                duration(classSeconds()));
        if (!didForks.isEmpty()) {
            s += String.format(Locale.ROOT, "; then the pass DiD, %d forks: %s; %s in all", didForks.size(),
                    duration(didSeconds()), duration(seconds()));
        }
        return s;
    }

    /** Minutes and seconds, m:ss. */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Starts the plan's clock now. */
    public Clock start(LongSupplier nanoTime) {
        return new Clock(nanoTime);
    }

    /** The time since the plan started and the ETA of what it has left. */
    public final class Clock {
        private final LongSupplier nanoTime;
        private final long start;
        /** The estimate of the work finished so far. */
        private double estimatedDone;

        private Clock(LongSupplier nanoTime) {
            this.nanoTime = nanoTime;
            this.start = nanoTime.getAsLong();
        }

        public double elapsedSeconds() {
            return (nanoTime.getAsLong() - start) / 1e9;
        }

        /**
         * The estimate of the work left, scaled by how far off the estimate of the finished work was:
         * a machine twice as slow as the estimate so far is taken to stay so.
         */
        public double etaSeconds() {
            double left = seconds() - estimatedDone;
            return estimatedDone > 0 ? left * elapsedSeconds() / estimatedDone : left;
        }

        /** "elapsed m:ss  ETA m:ss". */
        public String status() {
            return "elapsed " + duration(elapsedSeconds()) + "  ETA " + duration(etaSeconds());
        }

        public void finished(ClassWork w) {
            estimatedDone += w.seconds();
        }

        public void finished(PassDid.Fork f) {
            estimatedDone += didSecondsPerFork();
        }
    }
}
