package io.github.lrubench.cli;

import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.race.RaceStress;
import io.github.lrubench.race.RaceOutcome;
import io.github.lrubench.results.RaceRunner;

import java.time.Duration;
import java.util.Arrays;

/**
 * The {@link RaceRunner} built into the jar (registered in
 * META-INF/services/io.github.lrubench.results.RaceRunner): one {@link RaceStress} run per
 * combination, its result mapped to an outcome row. The cli layer may use the model; the results
 * layer finds this class through ServiceLoader and so stays independent of it.
 */
public final class ModelRaceRunner implements RaceRunner {

    public ModelRaceRunner() {
    }

    @Override
    public RaceOutcome run(String check, String free, long windowNs, double seconds) {
        IsolationCheck c = parse(IsolationCheck.class, check, "check");
        InodeFreePolicy f = parse(InodeFreePolicy.class, free, "free");
        if (!(seconds > 0) || seconds > 3600) {
            throw new IllegalArgumentException("seconds must be in (0, 3600], was " + seconds);
        }
        Duration d = Duration.ofNanos(Math.max(1_000_000L, (long) (seconds * 1e9)));
        return RaceOutcome.of(RaceStress.run(RaceStress.Options.of(c, f, windowNs, d)));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String what) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException(what + ": unknown value '" + name + "', expected one of "
                + Arrays.toString(type.getEnumConstants()));
    }
}
