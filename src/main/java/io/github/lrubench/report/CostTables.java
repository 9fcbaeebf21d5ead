package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.Format;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.RatioStats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.github.lrubench.bench.SuiteParam.CHECK;
import static io.github.lrubench.bench.SuiteParam.DIRTY_PERCENT;
import static io.github.lrubench.mm.IsolationCheck.NONE;
import static io.github.lrubench.mm.IsolationCheck.PAGE_LOCK;

/** The cost tables: the floors, the model against the floors, and each fix against NONE per question. */
final class CostTables {
    private final SuiteResults run;

    CostTables(SuiteResults run) {
        this.run = run;
    }

    /** "## heading" and "`Class`: not in this run." when the class has no results, else null. */
    static String absent(SuiteResults run, Suite s, String heading) {
        return run.of(s).isEmpty() ? "## " + heading + "\n\n`" + s.simpleName() + "`: not in this run.\n\n" : null;
    }

    Section floor() {
        String h = "Floor: the primitives";
        String missing = absent(run, Suite.FLOOR, h);
        if (missing != null) {
            return Section.text(missing);
        }
        StringBuilder md = new StringBuilder("## ").append(h).append("\n\n| benchmark | score | unit |\n|---|--:|---|\n");
        for (BenchmarkResult r : run.of(Suite.FLOOR)) {
            md.append("| ").append(r.shortName()).append(" | ").append(Format.score(r.primary())).append(" | ").append(r.primary().unit()).append(" |\n");
        }
        return Section.text(md.append('\n').toString());
    }

    /**
     * The model against this machine's floors: is the simulated check as dear as the bare bit pair
     * (not cheaper, which would flatter NONE; not dearer, which would flatter nothing), and how much
     * dearer is the simulated scan than a bare array walk (model cost dilutes the check's ratio)?
     */
    Section harness() {
        String h = "Model against the floor";
        BenchmarkResult pair = run.one(SuiteBenchmark.TRYLOCK_UNLOCK_PAIR, Map.of());
        BenchmarkResult scan = run.one(SuiteBenchmark.SCAN512, Map.of());
        BenchmarkResult chkNone = run.one(SuiteBenchmark.ISOLATE_DIRTY_PAGE, Map.of(CHECK, NONE));
        BenchmarkResult chkLock = run.one(SuiteBenchmark.ISOLATE_DIRTY_PAGE, Map.of(CHECK, PAGE_LOCK));
        BenchmarkResult pbNone = run.one(SuiteBenchmark.SCAN_PAGEBLOCK, Map.of(CHECK, NONE, DIRTY_PERCENT, 50));
        BenchmarkResult pbLock = run.one(SuiteBenchmark.SCAN_PAGEBLOCK, Map.of(CHECK, PAGE_LOCK, DIRTY_PERCENT, 50));
        if (pair == null || scan == null || chkNone == null || chkLock == null) {
            return Section.text("## " + h + "\n\nFloor or isolation-check results: not in this run.\n\n");
        }
        StringBuilder md = new StringBuilder();
        double added = chkLock.primary().score() - chkNone.primary().score();
        md.append("## ").append(h).append("\n\n| figure | model | floor | model / floor |\n|---|--:|--:|--:|\n");
        md.append(String.format(Locale.ROOT, "| ns the page-lock check adds per dirty page (IsolationCheck PAGE_LOCK - NONE) vs trylock+unlock pair | %s | %s | %.2f |%n",
                Format.num(added), Format.num(pair.primary().score()), added / pair.primary().score()));
        if (pbNone != null) {
            md.append(String.format(Locale.ROOT, "| ns per pfn, pageblock scan, NONE, 50%% dirty vs bare 512-entry scan | %s | %s | %.2f |%n",
                    Format.num(pbNone.primary().score()), Format.num(scan.primary().score()), pbNone.primary().score() / scan.primary().score()));
        }
        if (pbNone != null && pbLock != null) {
            double perDirty = (pbLock.primary().score() - pbNone.primary().score()) / 0.5;
            md.append(String.format(Locale.ROOT, "| ns the check adds per dirty page inside the scan (pageblock PAGE_LOCK - NONE at 50%%, / 0.5) vs pair | %s | %s | %.2f |%n",
                    Format.num(perDirty), Format.num(pair.primary().score()), perDirty / pair.primary().score()));
        }
        md.append("\nThe check's added nanoseconds should match the bare pair: the model neither hides nor inflates it. "
                + "The simulated scan per pfn is dearer than a bare array walk because it does what the kernel does per pfn "
                + "(a struct page per pfn reached through the memmap, the isolation-path flag tests, and every 32 pfns a "
                + "trylock of the LRU lock, its release and cond_resched()); the walk has none of that. That extra cost "
                + "dilutes the check's *ratio* against the scan, never its nanoseconds.\n\n");
        return Section.text(md.toString());
    }

    /** One question's table of each check against NONE. */
    Section checkSection(String heading, Suite s, String what) {
        String missing = absent(run, s, heading);
        if (missing != null) {
            return Section.text(missing);
        }
        List<BenchmarkResult> rs = run.of(s);
        return Section.text("## " + heading + "\n\n" + what + "\n\n" + overheadTable(rs));
    }

    /** Each variant of {@code check} against NONE with the other parameters equal. */
    static List<String[]> overheadRows(List<BenchmarkResult> rs) {
        List<String[]> rows = new ArrayList<>();
        String none = IsolationCheck.NONE.name();
        for (BenchmarkResult v : rs) {
            String check = SuiteResults.param(v, CHECK);
            if (check == null || check.equals(none)) {
                continue;
            }
            Map<String, String> want = new LinkedHashMap<>(v.params());
            want.put(CHECK.key(), none);
            BenchmarkResult base = rs.stream().filter(b -> b.benchmark().equals(v.benchmark()) && b.mode().equals(v.mode())
                    && b.params().equals(want)).findFirst().orElse(null);
            if (base == null) {
                continue;
            }
            Map<String, String> others = new LinkedHashMap<>(v.params());
            others.remove(CHECK.key());
            Interval ratio = RatioStats.costRatio(v, base);
            rows.add(new String[] {v.shortName(), others.isEmpty() ? "-" : others.toString(), check,
                Format.score(base.primary()), Format.score(v.primary()), v.primary().unit(), ratio.format("%.4f"),
                String.format(Locale.ROOT, "%+.2f%%", (ratio.estimate() - 1) * 100), ratio.excludes(1) ? "yes" : "no"});
        }
        return rows;
    }

    static String overheadTable(List<BenchmarkResult> rs) {
        List<String[]> rows = overheadRows(rs);
        if (rows.isEmpty()) {
            return "No `" + SuiteParam.CHECK.key() + "` variants with a `" + IsolationCheck.NONE + "` baseline in this run.\n\n";
        }
        StringBuilder sb = new StringBuilder("| benchmark | other params | check | NONE | variant | unit | cost ratio [95% CI] | overhead | CI excludes 1 |\n"
                + "|---|---|---|--:|--:|---|--:|--:|---|\n");
        rows.forEach(r -> sb.append("| ").append(String.join(" | ", r)).append(" |\n"));
        return sb.append('\n').toString();
    }
}
