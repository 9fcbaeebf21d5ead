package io.github.lrubench.bench;

import io.github.lrubench.mm.Page;
import io.github.lrubench.mm.Zone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The paired design's cells, layouts, ABBA order and counters, without JMH. */
class PairedCheckBenchmarkTest {

    private PairedCheckBenchmark b;

    @BeforeEach
    void setUp() {
        b = new PairedCheckBenchmark();
        b.setup();
    }

    @AfterEach
    void tearDown() {
        b.shutdown();
    }

    @Test
    void eachCellsPageblockHasExactlyItsDirtyPagesInItsLayoutAndTheRestUnderWriteback() {
        for (PairedCheckBenchmark.Cell c : PairedCheckBenchmark.Cell.values()) {
            Zone zone = b.model(c).kernel.zone();
            List<Integer> dirty = new ArrayList<>();
            for (int pfn = 0; pfn < Zone.PAGEBLOCK_NR_PAGES; pfn++) {
                Page p = zone.pfnToPage(pfn);
                assertThat(p.pageDirty()).as(c + " pfn " + pfn).isNotEqualTo(p.pageWriteback());
                assertThat(p.pageLru()).isTrue();
                if (p.pageDirty()) {
                    dirty.add(pfn);
                }
            }
            assertThat(dirty).as(c.name()).hasSize(c.dirtyPages);
            assertThat(b.model(c).kernel.config().check()).isEqualTo(c.check);
            if (c.layout == PairedCheckBenchmark.Layout.CLUSTERED) {
                assertThat(dirty).as(c.name()).allMatch(pfn -> pfn < c.dirtyPages);
            } else if (c.dirtyPages > 0 && c.dirtyPages < Zone.PAGEBLOCK_NR_PAGES) {
                assertThat(dirty.get(dirty.size() - 1)).as(c + ": spread over the pageblock").isGreaterThan(c.dirtyPages * 3 / 2);
            }
        }
    }

    @Test
    void aRoundRunsEveryCellTwiceAndEveryCellsMeanPositionIsTheSame() {
        List<PairedCheckBenchmark.Cell> round = PairedCheckBenchmark.Cell.round();
        int k = PairedCheckBenchmark.Cell.values().length;
        assertThat(round).hasSize(2 * k);
        for (PairedCheckBenchmark.Cell c : PairedCheckBenchmark.Cell.values()) {
            int first = round.indexOf(c), last = round.lastIndexOf(c);
            assertThat(first + last).as(c.name()).isEqualTo(2 * k - 1); // linear drift cancels in every cell alike
        }
    }

    @Test
    void aRoundTimesEveryCellScansEveryPfnAndIsolatesNothing() {
        b.scansPerBlock(20);
        PairedCheckBenchmark.CellTimes t = new PairedCheckBenchmark.CellTimes();
        t.reset();
        int[] scans = {0};
        b.round(t, r -> scans[0]++);
        assertThat(scans[0]).isEqualTo(2 * 20 * PairedCheckBenchmark.Cell.values().length);
        assertThat(t.pfnsPerCell).isEqualTo(2L * 20 * Zone.PAGEBLOCK_NR_PAGES);
        for (PairedCheckBenchmark.Cell c : PairedCheckBenchmark.Cell.values()) {
            assertThat(nanos(t, c)).as(c.name()).isPositive();
        }
        b.checkInvariants(); // throws if a cell isolated a page
    }

    @Test
    void eachCellsTimeGoesToTheCounterItsMetricNames() throws Exception {
        for (PairedCheckBenchmark.Cell c : PairedCheckBenchmark.Cell.values()) {
            assertThat(c.metric.suite()).isEqualTo(Suite.PAIRED_CHECK);
            PairedCheckBenchmark.CellTimes t = new PairedCheckBenchmark.CellTimes();
            t.add(c, 7);
            for (PairedCheckBenchmark.Cell other : PairedCheckBenchmark.Cell.values()) {
                assertThat(nanos(t, other)).as(c + " into " + other).isEqualTo(other == c ? 7 : 0);
            }
        }
    }

    private static long nanos(PairedCheckBenchmark.CellTimes t, PairedCheckBenchmark.Cell c) {
        try {
            return PairedCheckBenchmark.CellTimes.class.getField(c.metric.key()).getLong(t);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(c + ": no counter " + c.metric.key(), e);
        }
    }
}
