package io.github.lrubench.bench;

import java.util.List;
import java.util.Locale;

/**
 * The README's tables of the suite and the profiles, generated from {@link Suite}, {@link Profile}
 * and {@link RunPlan} so the README cannot say something they do not ({@code ReadmeTest} compares).
 */
public final class SuiteDocs {
    private SuiteDocs() {
    }

    /** One row per profile: forks, iterations, race time, results and estimated benchmark time. */
    public static String profileTable() {
        StringBuilder sb = new StringBuilder("| profile | forks | warmup | measurement | race table: raced checks per combination, within | JMH results | pass DiD | estimated benchmark time |\n"
                + "|---|--:|---|---|--:|--:|---|--:|\n");
        for (Profile p : Profile.values()) {
            RunPlan plan = RunPlan.of(p, Suite.defaultSelection());
            String did = plan.didForks().isEmpty() ? "only with `" + PassDid.SUITE.simpleName() + "` named (withdrawn)"
                    : String.format(Locale.ROOT, "%d rounds x 4 forks, %d + %d x %d ms", p.didRounds, p.didWarmupIterations,
                    p.didMeasurementIterations, p.didIterationMillis);
            sb.append(String.format(Locale.ROOT, "| `%s` | %d (paired check %d) | %d x %d ms | %d x %d ms | %d, %s s | %d | %s | %s |%n", p.label(), p.forks, p.checkForks,
                    p.warmupIterations, p.warmupMillis, p.measurementIterations, p.measurementMillis, p.raceRacedChecks, num(p.raceSeconds),
                    plan.results(), did, RunPlan.duration(plan.seconds())));
        }
        return sb.toString();
    }

    /** One row per class in run order: its question and the JMH results it gives under each profile. */
    public static String suiteTable() {
        StringBuilder sb = new StringBuilder("| class | question | results: smoke / default / full |\n|---|---|--:|\n");
        for (Suite s : Suite.values()) {
            sb.append(String.format(Locale.ROOT, "| `%s`%s | %s | %d / %d / %d |%n", s.simpleName(), s.withdrawn() == null ? "" : " (withdrawn: runs only when named)", s.question(),
                    s.combinations(Profile.SMOKE), s.combinations(Profile.DEFAULT), s.combinations(Profile.FULL)));
        }
        return sb.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
