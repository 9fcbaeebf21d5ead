package io.github.lrubench.mm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.kernel.QuiescentStateHook;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's rules in the mm paths (issue 20 section 2), each checked directly: async
 * compaction aborts on need_resched() (compact_should_abort(), compact_unlock_should_abort(),
 * mm/compaction.c, v4.15) and the other modes reschedule instead; wait_on_page_writeback() sleeps
 * in io_schedule(), a context switch (wait_on_page_bit_common(), mm/filemap.c).
 */
class NeedReschedTest {

    /**
     * A zone v4.15 compacts ({@link TestKernels#fragmented}: a zone of one pageblock never is, the
     * scanners meet at once) whose first 16 pfns hold clean one-page files (all isolatable),
     * CONFIG_PREEMPT=n.
     */
    private static final class Block implements AutoCloseable {
        final Kernel k = TestKernels.fragmented(KernelConfig.defaults().withNrCpus(2).withNrPageblocks(3).withFree(InodeFreePolicy.RCU_SCHED));
        final Cpu cpu = k.cpu(0);
        final FileWorkload w = new FileWorkload(k, FileWorkload.Config.defaults(1).withPages(1, 1).withDirtyAndWriteback(0, 0));
        final AtomicInteger switches = new AtomicInteger();

        Block() {
            for (int i = 0; i < 16; i++) {
                w.createFile(cpu);
            }
            k.smp().addQuiescentStateHook(new QuiescentStateHook() {
                @Override
                public void tick(Cpu c, boolean user) {
                }

                @Override
                public void contextSwitch(Cpu c) {
                    switches.incrementAndGet();
                }
            });
        }

        @Override
        public void close() {
            cpu.idleEnter();
            k.close();
        }

        /** One compact_zone() round in {@code mode} with need_resched set before it. */
        CompactControl passWithNeedResched(CompactMode mode) {
            CompactControl cc = new CompactControl(mode);
            cpu.reschedCpu();
            k.compaction.compactPass(cpu, cc);
            return cc;
        }
    }

    @Test
    void asyncCompactionAbortsOnNeedReschedAsContended() {
        try (Block b = new Block()) {
            CompactControl cc = b.passWithNeedResched(CompactMode.DIRECT_ASYNC_ORDER9);
            assertThat(cc.compactionsContended).as("COMPACT_CONTENDED on need_resched()").isEqualTo(1);
            assertThat(cc.lockContended).as("not the LRU lock").isZero();
            assertThat(cc.isolated).as("compact_should_abort() before the first pfn").isZero();
            assertThat(b.cpu.needResched()).as("async compaction does not schedule").isTrue();
            assertThat(b.switches.get()).isZero();
        }
    }

    /**
     * compact_unlock_should_abort(): need_resched() set while the scanner holds the LRU lock (at
     * the first dirty page, pfn 16) is seen at the next lock break (pfn 32, SWAP_CLUSTER_MAX), not
     * before: async compaction aborts there with what it isolated so far, as COMPACT_CONTENDED.
     */
    @Test
    void asyncCompactionAbortsAtTheNextLockBreakWhenNeedReschedComesMidScan() {
        try (Block b = new Block()) {
            FileWorkload dirty = new FileWorkload(b.k, FileWorkload.Config.defaults(2).withPages(1, 1).withDirtyAndWriteback(1.0, 0));
            for (int i = 0; i < 8; i++) {
                dirty.createFile(b.cpu); // pfns 16..23, dirty: 24 isolated by pfn 32, under COMPACT_CLUSTER_MAX
            }
            AtomicInteger setAtPfn = new AtomicInteger(-1);
            b.k.setHooks((point, cpu, page, inode) -> {
                if (point == RacePoint.ISOLATE_DIRTY_PAGE && setAtPfn.compareAndSet(-1, page.pfn())) {
                    cpu.reschedCpu();
                }
            });
            CompactControl cc = new CompactControl(CompactMode.DIRECT_ASYNC_ORDER9);
            b.k.compaction.compactPass(b.cpu, cc);
            assertThat(setAtPfn.get()).as("need_resched set mid-scan").isEqualTo(16);
            assertThat(cc.compactionsContended).as("COMPACT_CONTENDED on need_resched()").isEqualTo(1);
            assertThat(cc.lockContended).as("not the LRU lock").isZero();
            assertThat(cc.scanned).as("aborted at the lock break at pfn 32, not at the block's start").isEqualTo(32);
            assertThat(cc.isolated).as("what it isolated before, then put back").isEqualTo(24);
            assertThat(b.cpu.needResched()).as("async compaction does not schedule").isTrue();
        }
    }

    @Test
    void syncLightCompactionReschedulesInsteadOfAborting() {
        try (Block b = new Block()) {
            CompactControl cc = b.passWithNeedResched(CompactMode.KCOMPACTD_SYNC_LIGHT);
            assertThat(cc.compactionsContended).isZero();
            assertThat(cc.isolated).isEqualTo(16);
            assertThat(b.cpu.needResched()).as("cond_resched() scheduled (CONFIG_PREEMPT=n)").isFalse();
            assertThat(b.switches.get()).isEqualTo(1);
        }
    }

    @Test
    void waitOnPageWritebackSleepsInIoScheduleOnlyUnderWriteback() {
        try (Block b = new Block()) {
            Page page = b.k.zone.pfnToPage(0);
            Filemap.waitOnPageWriteback(b.cpu, page);
            assertThat(b.switches.get()).as("no writeback: no sleep").isZero();
            page.setBit(Page.PG_WRITEBACK);
            Filemap.waitOnPageWriteback(b.cpu, page);
            assertThat(b.switches.get()).as("io_schedule(): one context switch").isEqualTo(1);
            assertThat(page.pageWriteback()).isFalse();
        }
    }
}
