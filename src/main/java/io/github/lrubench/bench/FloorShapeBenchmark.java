package io.github.lrubench.bench;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * Question: what would the check's cost per dirty page c be if the model's trylock had the
 * kernel's x86 shape? v4.15's trylock_page() is test_and_set_bit_lock(), one {@code lock bts};
 * unlock_page() is clear_bit_unlock_is_negative_byte(), one {@code lock andb}. The model's
 * ({@link FloorBenchmark#trylockUnlockPair}, {@code FlagWord}) is getAndBitwiseOr/And, which
 * HotSpot (JDK 17) compiles as Unsafe's Java loop: a load and a {@code lock cmpxchg}.
 *
 * <p>This class inherits every floor, so one run measures both shapes in the same forks; it is
 * not one of the suite's classes (its runs and the committed ones would otherwise part ways).
 *
 * <p>Run: {@code java -jar target/benchmarks.jar FloorShapeBenchmark -f 2 -wi 2 -i 3}
 */
public class FloorShapeBenchmark extends FloorBenchmark {

    /**
     * trylock_page() + unlock_page() in the kernel's shape: one locked instruction each, no load
     * before it and no loop ({@code lock xadd}, the single RMW HotSpot emits for getAndAdd). Adding
     * the bit is a test-and-set only because this word is thread-confined and the bit always clear
     * here: with another setter it would carry into the next flag, which is why the model cannot
     * use it.
     */
    @Benchmark
    public boolean trylockUnlockPairSingleRmw() {
        boolean got = ((long) WORD.getAndAdd(this, LOCKED) & LOCKED) == 0;
        WORD.getAndAdd(this, -LOCKED);
        return got;
    }
}
