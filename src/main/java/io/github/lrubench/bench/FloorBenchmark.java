package io.github.lrubench.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.SplittableRandom;

/**
 * Question: what do the primitive operations cost on this machine, with no model objects? These
 * floors make every other figure comparable across machines: the page-lock check should cost about
 * one {@link #trylockUnlockPair}, a pageblock scan about {@link #scan512} per pfn, a migration at
 * least one {@link #copy4k}.
 *
 * <p>Kernel counterparts: trylock_page() + unlock_page() on an uncontended page (two locked RMWs
 * on one cache line: on x86 v4.15 {@code lock bts} and {@code lock andb}); the lockless part of
 * isolate_migratepages_block() reading page->flags and page->mapping; copy_highpage().
 *
 * <p>The model's bit operations ({@link #trylockUnlockPair}, {@code FlagWord}) use
 * {@code VarHandle.getAndBitwiseOr/And}, which HotSpot (JDK 17) does not intrinsify: they are
 * Unsafe's Java loops of a load and a weak CAS, compiled to a load and a {@code lock cmpxchg} that
 * loops only on failure. Only getAndAdd ({@code lock xadd}) and getAndSet ({@code xchg}) are single
 * locked instructions. {@link FloorShapeBenchmark#trylockUnlockPairSingleRmw} is the kernel's
 * one-instruction shape.</p>
 *
 * <p>Run: {@code java -jar target/benchmarks.jar FloorBenchmark}
 */
@State(Scope.Thread)
public class FloorBenchmark extends JmhDefaults {

    private static final int ENTRIES = 512;
    private static final long LRU = 1L << 5;
    private static final long DIRTY = 1L << 4;
    static final long LOCKED = 1L;
    static final VarHandle WORD;
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        try {
            WORD = MethodHandles.lookup().findVarHandle(FloorBenchmark.class, "word", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Padding: the lock word gets its own cache lines (the state is thread-confined anyway).
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
    private long word;
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    /** Flag words and mapping references of a 512-entry "pageblock"; non-final against folding. */
    private long[] flags;
    private Object[] mapping;
    private byte[] src;
    private byte[] dst;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(BenchDefaults.SEED);
        flags = new long[ENTRIES];
        mapping = new Object[ENTRIES];
        for (int i = 0; i < ENTRIES; i++) {
            // As PageblockIsolationBenchmark at dirtyPercent=50: every entry an LRU page, half dirty.
            flags[i] = LRU | (rnd.nextInt(100) < 50 ? DIRTY : 0);
            mapping[i] = new Object();
        }
        src = new byte[4096];
        dst = new byte[4096];
        rnd.nextBytes(src);
    }

    /** trylock_page() + unlock_page(): acquire test-and-set, release clear, one word, uncontended. */
    @Benchmark
    public boolean trylockUnlockPair() {
        boolean got = ((long) WORD.getAndBitwiseOrAcquire(this, LOCKED) & LOCKED) == 0;
        WORD.getAndBitwiseAndRelease(this, ~LOCKED);
        return got;
    }

    /** Per entry: read the flag word and the mapping reference (reported per entry). */
    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public int scan512() {
        long[] f = flags;
        Object[] m = mapping;
        int candidates = 0;
        for (int i = 0; i < ENTRIES; i++) {
            long w = (long) WORDS.getOpaque(f, i); // READ_ONCE(page->flags), as the model reads it
            if ((w & LRU) != 0 && m[i] != null) {
                candidates++;
            }
        }
        return candidates;
    }

    /** The same scan with a trylock+unlock pair on each dirty entry's flag word (per entry). */
    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public int scan512WithBitPairOnDirty() {
        long[] f = flags;
        Object[] m = mapping;
        int candidates = 0;
        for (int i = 0; i < ENTRIES; i++) {
            long w = (long) WORDS.getOpaque(f, i);
            if ((w & LRU) != 0 && m[i] != null) {
                if ((w & DIRTY) != 0) {
                    if (((long) WORDS.getAndBitwiseOrAcquire(f, i, LOCKED) & LOCKED) == 0) {
                        candidates++;
                    }
                    WORDS.getAndBitwiseAndRelease(f, i, ~LOCKED);
                } else {
                    candidates++;
                }
            }
        }
        return candidates;
    }

    /** copy_highpage(): one 4 KiB copy between two hot buffers. */
    @Benchmark
    public byte[] copy4k() {
        System.arraycopy(src, 0, dst, 0, 4096);
        return dst;
    }
}
