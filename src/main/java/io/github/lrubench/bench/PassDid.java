package io.github.lrubench.bench;

import io.github.lrubench.mm.CompactMode;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.github.lrubench.bench.SuiteParam.CHECK;
import static io.github.lrubench.bench.SuiteParam.COMPACT_MODE;
import static io.github.lrubench.bench.SuiteParam.DIRTY_PERCENT;
import static io.github.lrubench.bench.SuiteParam.FREE;
import static io.github.lrubench.bench.SuiteParam.MIGRATE_EXTRA_NS;

/**
 * Question: what does the page-lock check add to a whole compaction pass, measured directly and
 * told apart from everything else that differs between two forks?
 *
 * <p>A difference in differences on {@link CompactionPassBenchmark} at x = 0 (no extra migration
 * cost, the Java model's cheapest pass, where a fixed cost weighs most), direct async compaction
 * for a THP (one of the two modes whose rounds carry the check, kcompactd's being the other): NONE and PAGE_LOCK at 0% dirty (the control:
 * no page is dirty, so the check never runs and any difference is code layout, JIT or drift) and
 * at 100% dirty (every isolated page is checked). DiD = (LOCK_DIRTY − NONE_DIRTY) − (LOCK_CLEAN −
 * NONE_CLEAN). Each fork is its own JMH invocation measuring one cell; a round runs the four
 * cells, and rounds alternate their order (ABCD, DCBA: ABBA), so slow drift of the machine falls
 * equally on every cell instead of on whichever JMH happened to run later. Forks are the unit; a
 * round's four forks, run back to back, are analysed as a block.
 *
 * <p>Run: {@code scripts/bench} runs it after the benchmark classes when
 * {@link Suite#COMPACTION_PASS} is selected; the rounds and fork settings are the profile's.
 */
public final class PassDid {

    /** The class whose benchmark the design runs. */
    public static final Suite SUITE = Suite.COMPACTION_PASS;
    public static final CompactMode MODE = CompactMode.DIRECT_ASYNC_ORDER9;
    /** A pass frees no inode; the class declares this one policy. */
    public static final InodeFreePolicy FREE_POLICY = InodeFreePolicy.IMMEDIATE;
    public static final long MIGRATE_EXTRA = 0;

    /** The four cells, in round order A B C D. */
    public enum Cell {
        NONE_CLEAN(IsolationCheck.NONE, 0),
        LOCK_CLEAN(IsolationCheck.PAGE_LOCK, 0),
        NONE_DIRTY(IsolationCheck.NONE, 100),
        LOCK_DIRTY(IsolationCheck.PAGE_LOCK, 100);

        public final IsolationCheck check;
        public final int dirtyPercent;

        Cell(IsolationCheck check, int dirtyPercent) {
            this.check = check;
            this.dirtyPercent = dirtyPercent;
        }

        /** The JMH parameters of this cell's fork, every declared parameter fixed to one value. */
        public Map<String, String> params() {
            Map<String, String> p = new LinkedHashMap<>();
            p.put(CHECK.key(), check.name());
            p.put(FREE.key(), FREE_POLICY.name());
            p.put(COMPACT_MODE.key(), MODE.name());
            p.put(DIRTY_PERCENT.key(), String.valueOf(dirtyPercent));
            p.put(MIGRATE_EXTRA_NS.key(), String.valueOf(MIGRATE_EXTRA));
            return p;
        }

        /** The cell whose params these are, or null. */
        public static Cell of(Map<String, String> params) {
            for (Cell c : values()) {
                if (c.check.name().equals(params.get(CHECK.key()))
                        && String.valueOf(c.dirtyPercent).equals(params.get(DIRTY_PERCENT.key()))) {
                    return c;
                }
            }
            return null;
        }
    }

    /** One fork of the design: its round (from 0), its position in the whole sequence, its cell. */
    public record Fork(int round, int sequence, Cell cell) {
        /** A file-name stem that sorts in run order. */
        public String stem() {
            return String.format(Locale.ROOT, "r%02d-%s", round, cell.name());
        }
    }

    private PassDid() {
    }

    /** ABBA: even rounds run A B C D, odd rounds D C B A. */
    public static List<Cell> order(int round) {
        List<Cell> cells = new ArrayList<>(List.of(Cell.values()));
        if (round % 2 == 1) {
            java.util.Collections.reverse(cells);
        }
        return cells;
    }

    /** Every fork of a profile's design, in run order. */
    public static List<Fork> forks(Profile profile) {
        List<Fork> forks = new ArrayList<>();
        for (int r = 0; r < profile.didRounds; r++) {
            for (Cell c : order(r)) {
                forks.add(new Fork(r, forks.size(), c));
            }
        }
        return forks;
    }
}
