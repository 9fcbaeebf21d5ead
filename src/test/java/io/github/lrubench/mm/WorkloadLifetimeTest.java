package io.github.lrubench.mm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lrubench.kernel.Cpu;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The workload's two lifetimes made bounded for issue 20 §3: writeback ends with an
 * end_page_writeback() that wakes a sleeper ({@link FileWorkload.Config#writebackFiles()}), and
 * {@link FileWorkload.PinAt#TRUNCATE} pins exist only from just before truncation until after
 * evict() (Jan Kara's trace: "put_page: not the last ref" while the inode is freed).
 */
class WorkloadLifetimeTest {

    /** Three pageblocks ({@link TestKernels#fragmented}), two CPUs, a workload on CPU 0. */
    private static final class Machine implements AutoCloseable {
        final Kernel k;
        final Cpu cpu;
        final FileWorkload w;

        Machine(InodeFreePolicy free, FileWorkload.Config config) {
            k = TestKernels.fragmented(KernelConfig.defaults().withNrCpus(2).withNrPageblocks(3).withFree(free));
            cpu = k.cpu(0);
            w = new FileWorkload(k, config);
        }

        @Override
        public void close() {
            cpu.idleEnter();
            k.close();
        }
    }

    @Test
    void writebackCompletesAfterTheBoundAndWakesASleeper() throws Exception {
        boolean saved = Filemap.awaitWakeUp;
        Filemap.awaitWakeUp = true; // the sleeper never completes the I/O itself: only a wake-up ends its wait
        Thread t = null;
        try (Machine m = new Machine(KernelConfig.defaults().free(), FileWorkload.Config.defaults(1).withPages(1, 1)
                .withDirtyAndWriteback(0, 1.0).withWritebackFiles(2))) {
            FileWorkload w = m.w;
            Cpu writer = m.cpu;
            Cpu sleeper = m.k.cpu(1);
            Page page = w.createFile(writer).inode().iData.pageTree[0];
            assertThat(page.pageWriteback()).isTrue();
            t = new Thread(() -> Filemap.waitOnPageWriteback(sleeper, page), "wait_on_page_writeback");
            t.start();
            long cap = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!(page.testBit(Page.PG_WAITERS) && t.getState() == Thread.State.WAITING) && System.nanoTime() < cap) {
                Thread.onSpinWait();
            }
            assertThat(t.getState()).as("asleep on the page's wait queue").isEqualTo(Thread.State.WAITING);

            w.createFile(writer);
            assertThat(page.pageWriteback()).as("one file later: I/O still in flight").isTrue();
            assertThat(t.isAlive()).isTrue();

            w.createFile(writer); // the second file after it: end_page_writeback()
            assertThat(page.pageWriteback()).isFalse();
            t.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(t.isAlive()).as("woken by end_page_writeback()").isFalse();
            assertThat(page.testBit(Page.PG_WAITERS)).isFalse();
        } finally {
            Filemap.awaitWakeUp = saved;
            if (t != null && t.isAlive()) {
                t.interrupt();
            }
        }
    }

    @Test
    void truncationWaitsForWritebackInFlight() {
        try (Machine m = new Machine(KernelConfig.defaults().free(), FileWorkload.Config.defaults(1).withPages(4, 4)
                .withDirtyAndWriteback(0, 1.0).withWritebackFiles(100))) {
            FileWorkload.File f = m.w.createFile(m.cpu);
            List<Page> pages = List.of(f.inode().iData.pageTree);
            assertThat(pages).allMatch(Page::pageWriteback);
            List<Boolean> writebackAtDelete = new ArrayList<>();
            m.k.setHooks((point, c, p, inode) -> {
                if (point == RacePoint.TRUNCATE_MAPPING_CLEARED) {
                    writebackAtDelete.add(p.pageWriteback());
                }
            });
            m.w.truncateAndEvict(m.cpu, f); // second pass: lock_page(), wait_on_page_writeback()
            assertThat(writebackAtDelete).as("each page left the cache after its writeback ended")
                    .containsExactly(false, false, false, false);
            assertThat(pages).noneMatch(Page::pageWriteback).allMatch(p -> p.pageCount() == 0);
            assertThat(f.inode().iData.nrpages()).isZero();
        }
    }

    @Test
    void truncatePinsExistOnlyFromTruncationToAfterEvict() {
        try (Machine m = new Machine(InodeFreePolicy.IMMEDIATE, FileWorkload.Config.defaults(1).withPages(2, 2)
                .withDirtyAndWriteback(0, 0).withPinnedFraction(1.0).withPinAt(FileWorkload.PinAt.TRUNCATE))) {
            FileWorkload w = m.w;
            FileWorkload.File f = w.createFile(m.cpu);
            Page page = f.inode().iData.pageTree[0];
            assertThat(w.pinCount(page)).as("no pin while the file lives").isZero();
            assertThat(page.pageCount()).as("the page cache's reference alone").isEqualTo(1);
            List<String> seen = new ArrayList<>();
            m.k.setHooks((point, c, p, inode) -> {
                if (point == RacePoint.TRUNCATE_PUT_PAGE && p == page) {
                    seen.add("put_page: count " + p.pageCount() + ", pins " + w.pinCount(p));
                } else if (point == RacePoint.INODE_FREED && inode == f.inode()) {
                    seen.add("inode freed: count " + page.pageCount() + ", pins " + w.pinCount(page));
                }
            });
            w.truncateAndEvict(m.cpu, f);
            assertThat(seen).containsExactly("put_page: count 2, pins 1", // the pin and truncation's lookup reference: not the last ref
                    "inode freed: count 1, pins 1");
            assertThat(w.pinCount(page)).as("dropped after evict()").isZero();
            assertThat(page.pageCount()).isZero();
        }
    }

    @Test
    void writePinsLastTheFileLife() {
        try (Machine m = new Machine(KernelConfig.defaults().free(), FileWorkload.Config.defaults(1).withPages(1, 1)
                .withDirtyAndWriteback(0, 0).withPinnedFraction(1.0))) {
            Page page = m.w.createFile(m.cpu).inode().iData.pageTree[0];
            assertThat(m.w.pinCount(page)).isEqualTo(1);
            assertThat(page.pageCount()).isEqualTo(2);
        }
    }
}
