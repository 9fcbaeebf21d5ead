package io.github.lrubench.report;

import io.github.lrubench.hostkernel.Calibration;
import io.github.lrubench.hostkernel.CompactionMode;
import io.github.lrubench.results.ForkStats;
import io.github.lrubench.results.Interval;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The verdict by compaction mode, from a synthetic calibration whose figures are known. */
class KernelModesTest {

    /** 11 trials (the first a warm-up): trial i takes nanos = (1000 + 10 i) × taken, scanning twice what it takes. */
    static Calibration.Mode mode(CompactionMode m, long nsPerTaken) {
        List<Calibration.ModeTrial> trials = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            long taken = 10_000, nanos = (nsPerTaken + 10L * i) * taken;
            trials.add(new Calibration.ModeTrial(i, i == 0, 0, nanos, nanos, new long[]{nanos}, 1, 1, 0, 1, 32, 2 * taken, taken, taken, 0,
                    List.of(m == CompactionMode.DIRECT_ASYNC ? "MIGRATE_ASYNC" : "MIGRATE_SYNC_LIGHT"), 0, 0, 0, Map.of(), i > 0));
        }
        return new Calibration.Mode(m, true, null, "synthetic", 1L << 30, null, null, trials);
    }

    static Calibration calibration(long directNsPerTaken, long syncLightNsPerTaken) {
        List<Calibration.Mode> modes = new ArrayList<>();
        for (Calibration.Mode m : List.of(mode(CompactionMode.DIRECT_ASYNC, directNsPerTaken), mode(CompactionMode.SYNC_LIGHT, syncLightNsPerTaken))) {
            Calibration.ModeSummary s = Calibration.ModeSummary.of(m.trials());
            modes.add(new Calibration.Mode(m.mode(), true, null, m.how(), m.fillBytes(), null, s, m.trials()));
        }
        modes.add(Calibration.Mode.notMeasured(CompactionMode.SYNC_LIGHT, "no tracefs"));
        Calibration.Context ctx = new Calibration.Context("6.18", "madvise", "20", true, 2, 1, 1, "/dev/shm", "tmpfs", 1L << 30, 11, 1024, 0.95);
        return new Calibration(true, null, ctx, List.of(), List.of(), modes, List.of());
    }

    @Test
    void theOverheadIsCOverTheMedianTimePerCheckAtEachBound() {
        Calibration cal = calibration(1000, 1500);
        List<KernelModes.Row> rows = KernelModes.rows(cal, 2.0, new double[0]);
        KernelModes.Row direct = rows.get(0);
        // counted trials 1..10: ns per taken 1010..1100, median 1055; per scanned half of that
        assertThat(direct.nsPerIsolated().estimate()).isCloseTo(1055, within(1e-9));
        assertThat(direct.overheadIsolated().estimate()).isCloseTo(2.0 / 1055, within(1e-12));
        assertThat(direct.overheadScanned().estimate()).isCloseTo(2.0 / 527.5, within(1e-12));
        assertThat(direct.breakEvenScanned()).isCloseTo(5.275, within(1e-9));
        assertThat(direct.breakEvenIsolated()).isCloseTo(10.55, within(1e-9));
        assertThat(rows.get(2).measured()).isFalse();
    }

    @Test
    void theJudgementTakesTheLargerOverheadForMinimalAndTheSmallerForNot() {
        Interval under = new Interval(0.002, 0.001, 0.004), over = new Interval(0.02, 0.015, 0.03), straddle = new Interval(0.009, 0.005, 0.013);
        assertThat(KernelModes.Judgement.of(under, under)).isEqualTo(KernelModes.Judgement.MINIMAL);
        assertThat(KernelModes.Judgement.of(under, straddle)).isEqualTo(KernelModes.Judgement.CANNOT_TELL);
        assertThat(KernelModes.Judgement.of(over, over)).isEqualTo(KernelModes.Judgement.NOT_MINIMAL);
        assertThat(KernelModes.Judgement.of(straddle, over)).isEqualTo(KernelModes.Judgement.CANNOT_TELL);
    }

    @Test
    void theSectionSaysPerModeWhereTheCheckIsMinimalAndWhereNot() {
        CheckCost c = new CheckCost(new ForkStats.Estimate(3.0, 0.1, 10), null, "synthetic");
        KernelModes.Verdict v = KernelModes.verdict(Optional.of(calibration(1000, 100)), c, List.of()); // sync-light: 3 ns over 50..100 ns a check
        String direct = CompactionMode.DIRECT_ASYNC.label(), syncLight = CompactionMode.SYNC_LIGHT.label();
        assertThat(v.source()).isEqualTo(KernelModes.Source.MEASURED);
        assertThat(v.rows()).extracting(KernelModes.Row::label).containsExactly(direct, syncLight, syncLight);
        assertThat(v.rows().get(0).counted()).isEqualTo(10);
        assertThat(v.rows().get(0).trials()).isEqualTo(10); // the warm-up is not a trial
        assertThat(v.rows().get(2).measured()).isFalse();
        assertThat(v.rows().get(2).reason()).isEqualTo("no tracefs");
        // direct: 3 ns over at least 505 ns a scanned pfn stays under 1%; sync-light: 3 ns over at most 110 ns an isolated page is 2.7% or more
        assertThat(v.judged().get(KernelModes.Judgement.MINIMAL)).containsExactly(direct);
        assertThat(v.judged().get(KernelModes.Judgement.NOT_MINIMAL)).containsExactly(syncLight); // the unmeasured row is judged nowhere
        assertThat(v.judged().get(KernelModes.Judgement.CANNOT_TELL)).isEmpty();
    }

    @Test
    void aTimePerCheckFromElsewhereIsARowAndAModeWithoutCountedTrialsHasNoVerdict() {
        CheckCost c = new CheckCost(new ForkStats.Estimate(3.0, 0.1, 10), null, "synthetic");
        Calibration cal = calibration(1000, 1500);
        List<Calibration.ModeTrial> none = mode(CompactionMode.SYNC_LIGHT, 1000).trials().stream()
                .map(t -> new Calibration.ModeTrial(t.index(), t.warmup(), 0, 0, 0, new long[0], 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(),
                        0, 0, 0, Map.of(), false)).toList();
        List<Calibration.Mode> modes = new ArrayList<>(cal.modes().subList(0, 1));
        modes.add(new Calibration.Mode(CompactionMode.SYNC_LIGHT, true, null, "synthetic", 1, null, Calibration.ModeSummary.of(none), none));
        Calibration withEmpty = new Calibration(true, null, cal.context(), List.of(), List.of(), modes, List.of());
        KernelModes.Verdict v = KernelModes.verdict(Optional.of(withEmpty), c,
                List.of(OtherSystemCost.parse(OtherSystemCost.Per.CHECK, "100:prod")));
        KernelModes.Row prod = v.rows().get(v.rows().size() - 1);
        assertThat(prod.label()).isEqualTo("--t-check: prod");
        assertThat(prod.nsPerIsolated().estimate()).isEqualTo(100);
        assertThat(prod.overheadScanned().estimate()).isCloseTo(3.0 / 100, within(1e-12)); // c / t, exact
        assertThat(prod.breakEvenIsolated()).isCloseTo(0.01 * 100, within(1e-12));
        assertThat(v.judged().get(KernelModes.Judgement.NOT_MINIMAL)).containsExactly("--t-check: prod");
        assertThat(v.judged().get(KernelModes.Judgement.NO_DATA)).containsExactly(CompactionMode.SYNC_LIGHT.label());
        assertThat(v.judged().get(KernelModes.Judgement.CANNOT_TELL)).isEmpty();
        // issue 22 #6: its row says "not measured", never n/a figures as data
        Markdown md = new Markdown();
        new KernelModes().print(v, md);
        assertThat(md.toString()).contains("| " + CompactionMode.SYNC_LIGHT.label() + " | yes | not measured: 0 of " + none.stream().filter(t -> !t.warmup()).count() + " trials counted |")
                .doesNotContain("| n/a | n/a |");
    }

    /**
     * The MIGRATE_SYNC reference's overhead per migrated page is one figure: the by-mode table and
     * the per-migrated-page table (100% dirty) print the same interval, and t with the interval of
     * the same bootstrap (they drew from different seeds once, 0.109 against 0.108 at the upper end).
     */
    @Test
    void theReferenceRowIsThePerMigratedPageTablesFigure() {
        io.github.lrubench.run.RunDirectory run = io.github.lrubench.run.RunDirectory.open(java.nio.file.Path.of("results/20261207T005845Z-vm"));
        io.github.lrubench.run.RunDirectory.Contents c = run.readAll();
        Report.Inputs in = new Report.Inputs(".", c.results(), c.did(), c.metadata(), c.race(), c.calibration(), List.of(), Optional.empty());
        KernelModes.Reference ref = new KernelModes().compute(in).reference();
        RealKernelVerdict.PointRow dirty = new RealKernelVerdict().compute(in).rows().stream()
                .filter(r -> r.point().label().endsWith(io.github.lrubench.hostkernel.PageType.PAGE_CACHE_DIRTY.label())).findFirst().orElseThrow();
        assertThat(ref.overheadPerMigrated()).isEqualTo(dirty.overheads().get(RealKernelVerdict.DIRTY_SHARES.length - 1));
        assertThat(ref.nsPerMigrated()).isEqualTo(dirty.point().tInterval());
    }
}
