package io.github.lrubench.results;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lrubench.race.RaceOutcome;
import io.github.lrubench.race.RaceTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * REPORT.md of a run directory: environment, one section per question, each fix's overhead
 * against NONE with a bootstrap interval, the verdict on Mel Gorman's "overhead is minimal"
 * argument as a break-even curve, the costs that argument did not weigh, and the race table.
 * Sections key on this project's benchmark class names and say "not in this run" when absent.
 */
public final class Report {
    public static final String PKG = "io.github.lrubench.bench.";
    /** Bytes a deferred free holds per inode on x86-64 v4.15: struct inode, and ext4_inode_info. */
    public static final long INODE_BYTES = 576, EXT4_INODE_BYTES = 1056;

    private final Path runDir;
    private final List<BenchmarkResult> results;
    private final StringBuilder md = new StringBuilder();
    private final List<ChartSpec> charts = new ArrayList<>();

    private Report(Path runDir, List<BenchmarkResult> results) {
        this.runDir = runDir;
        this.results = results;
    }

    /** The run's results: results.json, else results.csv. */
    public static Path resultsFile(Path runDir) {
        if (!Files.isDirectory(runDir)) {
            throw new BadInputException(runDir, "not a run directory");
        }
        Path json = runDir.resolve("results.json");
        if (Files.exists(json)) {
            return json;
        }
        Path csv = runDir.resolve("results.csv");
        if (Files.exists(csv)) {
            return csv;
        }
        throw new BadInputException(runDir, "run directory has no results.json or results.csv");
    }

    /** Reads everything first (so bad input changes nothing), then writes charts and REPORT.md. */
    public static Path write(Path runDir, Path against) {
        List<BenchmarkResult> results = ResultFiles.read(resultsFile(runDir));
        List<Comparison.Row> cmp = null;
        if (against != null) {
            cmp = Comparison.compare(ResultFiles.read(resultsFile(against)), results, against.toString(), runDir.toString());
        }
        JsonNode meta = Files.exists(runDir.resolve("metadata.json")) ? RunMetadata.read(runDir.resolve("metadata.json")) : null;
        List<RaceOutcome> race = Files.exists(runDir.resolve("race.json")) ? RaceTable.readJson(runDir.resolve("race.json")) : null;
        Report r = new Report(runDir, results);
        String text = r.build(meta, race, cmp, against);
        Path chartDir = runDir.resolve("charts");
        List<ChartSpec> all = new ArrayList<>(ChartPlanner.plan(results));
        all.addAll(r.charts);
        ChartRenderer.renderAll(all, chartDir);
        Path out = runDir.resolve("REPORT.md");
        AtomicFiles.writeString(out, text);
        return out;
    }

    /** The markdown alone (no files), for tests. */
    public static String markdown(List<BenchmarkResult> results, JsonNode meta, List<RaceOutcome> race) {
        return new Report(Path.of("."), results).build(meta, race, null, null);
    }

    String build(JsonNode meta, List<RaceOutcome> race, List<Comparison.Row> cmp, Path against) {
        md.append("# lru-isolate-bench report: ").append(runDir.toAbsolutePath().normalize().getFileName()).append("\n\n");
        md.append("Question: is the page-lock check's overhead \"minimal as the calling context (compaction) is quite a "
                + "heavy operation anyway\" (Mel Gorman, 2018)? Every figure below is computed from this run's files.\n\n");
        environment(meta);
        md.append("## Method\n\nScores are JMH's; `±` is JMH's 99.9% half-interval. A fix's overhead is the cost ratio "
                + "variant / `NONE` (time per op; for throughput the inverse), with a " + RatioStats.METHOD
                + ". Forks are the independent unit; with few forks the interval is wide, and with one fork it covers "
                + "only within-fork noise. Counters of type EVENTS (`#`) are JMH totals over all measurement iterations "
                + "of all forks.\n\n");
        verdict();
        floor();
        harness();
        simpleCheckSection("Cost of the check per dirty page", "IsolationCheckBenchmark",
                "Uncontended `__isolate_lru_page()` on a dirty page, ns per page.");
        simpleCheckSection("Cost per scanned pfn of a whole pageblock", "PageblockIsolationBenchmark",
                "`isolate_migratepages_block()` over 512 pfns, ns per pfn, by dirty fraction.");
        simpleCheckSection("Cost of a whole compaction pass", "CompactionPassBenchmark",
                "Isolate + migrate, ns per pass: the heavy operation the argument refers to.");
        contended();
        freeSide();
        raceSection(race);
        if (cmp != null) {
            md.append("## Comparison with ").append(against).append("\n\n").append(Comparison.markdown(cmp, against.toString(), runDir.toString())).append('\n');
            charts.add(Comparison.chart(cmp, "compare-against"));
            md.append("![comparison](charts/compare-against.png)\n\n");
        }
        md.append("## All charts\n\nPNG and SVG of every benchmark and metric are in [`charts/`](charts/).\n");
        return md.toString();
    }

    private void environment(JsonNode meta) {
        md.append("## Environment\n\n");
        if (meta == null) {
            md.append("No metadata.json in this run.\n\n");
        } else {
            md.append("| item | value |\n|---|---|\n");
            meta.fields().forEachRemaining(e -> md.append("| ").append(e.getKey()).append(" | ")
                    .append(e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()).append(" |\n"));
            md.append('\n');
        }
    }

    private static String flat(JsonNode n) {
        if (n.isObject()) {
            List<String> kv = new ArrayList<>();
            n.fields().forEachRemaining(e -> kv.add(e.getKey() + "=" + e.getValue().asText()));
            return String.join(", ", kv);
        }
        List<String> items = new ArrayList<>();
        n.forEach(v -> items.add(v.asText()));
        return String.join(" ", items);
    }

    private List<BenchmarkResult> of(String cls) {
        return results.stream().filter(r -> r.benchmarkClass().equals(PKG + cls)).toList();
    }

    private boolean absent(String cls, String heading) {
        if (of(cls).isEmpty()) {
            md.append("## ").append(heading).append("\n\n`").append(cls).append("`: not in this run.\n\n");
            return true;
        }
        return false;
    }

    private void floor() {
        String h = "Floor: the primitives";
        if (absent("FloorBenchmark", h)) {
            return;
        }
        md.append("## ").append(h).append("\n\n| benchmark | score | unit |\n|---|--:|---|\n");
        for (BenchmarkResult r : of("FloorBenchmark")) {
            md.append("| ").append(r.shortName()).append(" | ").append(scoreText(r.primary())).append(" | ").append(r.primary().unit()).append(" |\n");
        }
        md.append('\n');
    }

    /**
     * The model against this machine's floors: is the simulated check as dear as the bare bit pair
     * (not cheaper, which would flatter NONE; not dearer, which would flatter nothing), and how much
     * dearer is the simulated scan than a bare array walk (model cost dilutes the check's ratio)?
     */
    private void harness() {
        String h = "Model against the floor";
        BenchmarkResult pair = one("FloorBenchmark", "trylockUnlockPair", Map.of());
        BenchmarkResult scan = one("FloorBenchmark", "scan512", Map.of());
        BenchmarkResult chkNone = one("IsolationCheckBenchmark", "isolateDirtyPage", Map.of("check", "NONE"));
        BenchmarkResult chkLock = one("IsolationCheckBenchmark", "isolateDirtyPage", Map.of("check", "PAGE_LOCK"));
        BenchmarkResult pbNone = one("PageblockIsolationBenchmark", "scanPageblock", Map.of("check", "NONE", "dirtyPercent", "50"));
        BenchmarkResult pbLock = one("PageblockIsolationBenchmark", "scanPageblock", Map.of("check", "PAGE_LOCK", "dirtyPercent", "50"));
        if (pair == null || scan == null || chkNone == null || chkLock == null) {
            md.append("## ").append(h).append("\n\nFloor or isolation-check results: not in this run.\n\n");
            return;
        }
        double added = chkLock.primary().score() - chkNone.primary().score();
        md.append("## ").append(h).append("\n\n| figure | model | floor | model / floor |\n|---|--:|--:|--:|\n");
        md.append(String.format(Locale.ROOT, "| ns the page-lock check adds per dirty page (IsolationCheck PAGE_LOCK - NONE) vs trylock+unlock pair | %s | %s | %.2f |%n",
                fmt(added), fmt(pair.primary().score()), added / pair.primary().score()));
        if (pbNone != null) {
            md.append(String.format(Locale.ROOT, "| ns per pfn, pageblock scan, NONE, 50%% dirty vs bare 512-entry scan | %s | %s | %.2f |%n",
                    fmt(pbNone.primary().score()), fmt(scan.primary().score()), pbNone.primary().score() / scan.primary().score()));
        }
        if (pbNone != null && pbLock != null) {
            double perDirty = (pbLock.primary().score() - pbNone.primary().score()) / 0.5;
            md.append(String.format(Locale.ROOT, "| ns the check adds per dirty page inside the scan (pageblock PAGE_LOCK - NONE at 50%%, / 0.5) vs pair | %s | %s | %.2f |%n",
                    fmt(perDirty), fmt(pair.primary().score()), perDirty / pair.primary().score()));
        }
        md.append("\nThe check's added nanoseconds should match the bare pair: the model neither hides nor inflates it. "
                + "The simulated scan per pfn is dearer than a bare array walk because it does what the kernel does per pfn "
                + "(a struct page per pfn reached through the memmap, the isolation-path flag tests, and every 32 pfns a "
                + "trylock of the LRU lock, its release and cond_resched()); the walk has none of that. That extra cost "
                + "dilutes the check's *ratio* against the scan, never its nanoseconds.\n\n");
    }

    private BenchmarkResult one(String cls, String method, Map<String, String> params) {
        return results.stream().filter(r -> r.shortName().equals(cls + "." + method)
                && params.entrySet().stream().allMatch(e -> e.getValue().equals(r.param(e.getKey()))))
                .findFirst().orElse(null);
    }

    private void simpleCheckSection(String heading, String cls, String what) {
        if (absent(cls, heading)) {
            return;
        }
        md.append("## ").append(heading).append("\n\n").append(what).append("\n\n");
        md.append(overheadTable(of(cls)));
        ChartPlanner.plan(of(cls)).stream().filter(c -> c.fileStem().endsWith("-bar")).findFirst()
                .ifPresent(c -> md.append("![").append(cls).append("](charts/").append(c.fileStem()).append(".png)\n\n"));
    }

    /** Each variant of {@code check} against NONE with the other parameters equal. */
    public static List<String[]> overheadRows(List<BenchmarkResult> rs) {
        List<String[]> rows = new ArrayList<>();
        for (BenchmarkResult v : rs) {
            String check = v.param("check");
            if (check == null || check.equals("NONE")) {
                continue;
            }
            Map<String, String> want = new LinkedHashMap<>(v.params());
            want.put("check", "NONE");
            BenchmarkResult base = rs.stream().filter(b -> b.benchmark().equals(v.benchmark()) && b.mode().equals(v.mode())
                    && b.params().equals(want)).findFirst().orElse(null);
            if (base == null) {
                continue;
            }
            Map<String, String> others = new LinkedHashMap<>(v.params());
            others.remove("check");
            Interval ratio = RatioStats.costRatio(v, base);
            rows.add(new String[] {v.shortName(), others.isEmpty() ? "-" : others.toString(), check,
                scoreText(base.primary()), scoreText(v.primary()), v.primary().unit(), ratio.format("%.4f"),
                String.format(Locale.ROOT, "%+.2f%%", (ratio.estimate() - 1) * 100), ratio.excludes(1) ? "yes" : "no"});
        }
        return rows;
    }

    private String overheadTable(List<BenchmarkResult> rs) {
        List<String[]> rows = overheadRows(rs);
        if (rows.isEmpty()) {
            return "No `check` variants with a `NONE` baseline in this run.\n\n";
        }
        StringBuilder sb = new StringBuilder("| benchmark | other params | check | NONE | variant | unit | cost ratio [95% CI] | overhead | CI excludes 1 |\n"
                + "|---|---|---|--:|--:|---|--:|--:|---|\n");
        rows.forEach(r -> sb.append("| ").append(String.join(" | ", r)).append(" |\n"));
        return sb.append('\n').toString();
    }

    private void verdict() {
        String h = "Verdict on the overhead argument";
        List<BenchmarkResult> cp = of("CompactionPassBenchmark");
        if (cp.isEmpty() || cp.stream().noneMatch(r -> r.param("migrateExtraNs") != null)) {
            md.append("## ").append(h).append("\n\n`CompactionPassBenchmark` with `migrateExtraNs`: not in this run, so no verdict.\n\n");
            return;
        }
        md.append("## ").append(h).append("\n\n");
        md.append("Model: a pass without the check costs T(x) = a + m·x, x = extra ns per migrated page "
                + "(`migrateExtraNs`), fitted by least squares over the measured x; the check runs during isolation, "
                + "before migration, so it adds a constant d = T_PAGE_LOCK(x) − T_NONE(x) per pass, taken at the smallest "
                + "measured x where the pass is shortest and the absolute noise smallest; overhead(x) = d / T(x). At 0% dirty "
                + "no check runs, so d there shows the noise floor. Break-even x is where "
                + "overhead falls to 1% and 0.1% (0 = already below at x = 0; n/a = not solvable from this data). "
                + "The Java model migrates a page far more cheaply than a kernel (a 4 KiB copy is ~43 ns here; the "
                + "kernel also unmaps, flushes TLBs by IPI, walks rmap and copies cold memory): place your system "
                + "by its real per-page migration cost. If the d range over x is wide compared with d, the check's cost is not constant in x and the "
                + "break-even is only indicative.\n\n");
        md.append("| free | dirty % | a (ns/pass) | m (pages) | d (ns/pass) | d range over x | measured overhead by x [95% CI] | x for < 1% | x for < 0.1% |\n"
                + "|---|--:|--:|--:|--:|--:|---|--:|--:|\n");
        List<String> frees = cp.stream().map(r -> r.params().getOrDefault("free", "-")).distinct().toList();
        List<String> lines = new ArrayList<>();
        double worst1 = 0;
        double worstAt0 = Double.NEGATIVE_INFINITY;
        boolean anySignificant = false;
        for (String free : frees) {
            List<BreakEven> bes = BreakEven.compute(cp.stream().filter(r -> r.params().getOrDefault("free", "-").equals(free)).toList(), "PAGE_LOCK");
            List<ChartSpec.Series> curve = new ArrayList<>();
            for (BreakEven b : bes) {
                StringBuilder meas = new StringBuilder();
                for (var e : b.measured().entrySet()) {
                    Interval i = e.getValue();
                    meas.append(meas.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "x=%.0f: %+.2f%%", e.getKey(), (i.estimate() - 1) * 100));
                    if (i.hasBounds()) {
                        meas.append(String.format(Locale.ROOT, " [%+.2f, %+.2f]", (i.low() - 1) * 100, (i.high() - 1) * 100));
                    }
                    anySignificant |= i.excludes(1) && i.estimate() > 1;
                }
                double at0 = b.delta() / b.noneFit().at(0);
                worstAt0 = Math.max(worstAt0, at0);
                worst1 = Double.isNaN(b.breakEven1()) || Double.isNaN(worst1) ? Double.NaN : Math.max(worst1, b.breakEven1());
                md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.2f | %.1f | %.1f .. %.1f | %s | %s | %s |%n", free, b.dirtyPercent(),
                        b.noneFit().intercept(), b.noneFit().slope(), b.delta(), b.deltaMin(), b.deltaMax(), meas, ns(b.breakEven1()), ns(b.breakEven01())));
                List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
                for (double x = 1; x <= 1e6; x *= Math.sqrt(10)) {
                    xs.add(x);
                    ys.add(100 * b.delta() / b.noneFit().at(x));
                }
                if (b.delta() > 0) {
                    curve.add(new ChartSpec.Series("dirty " + b.dirtyPercent() + "%", xs, ys, xs.stream().map(v -> 0.0).toList()));
                }
            }
            if (!bes.isEmpty()) {
                // Always drawn, with the thresholds: a dirty fraction whose d is not positive (the check
                // not measurably dearer) has no curve on a log axis, and the chart says so by its absence.
                List<Double> xs = new ArrayList<>();
                for (double x = 1; x <= 1e6; x *= Math.sqrt(10)) {
                    xs.add(x);
                }
                curve.add(new ChartSpec.Series("1%", xs, xs.stream().map(v -> 1.0).toList(), xs.stream().map(v -> 0.0).toList()));
                curve.add(new ChartSpec.Series("0.1%", xs, xs.stream().map(v -> 0.1).toList(), xs.stream().map(v -> 0.0).toList()));
                String stem = "verdict-overhead-vs-migration-cost-" + ChartPlanner.sanitize(free);
                charts.add(new ChartSpec(stem, ChartSpec.Kind.LINE, "page-lock check overhead on a compaction pass (free=" + free + ")",
                        "extra ns per migrated page (log)", "overhead % (log)", List.of(), curve, true, true));
                lines.add("![overhead curve " + free + "](charts/" + stem + ".png)");
            }
        }
        md.append('\n');
        if (worstAt0 == Double.NEGATIVE_INFINITY) {
            md.append("Not enough `check`=NONE/PAGE_LOCK pairs over at least two `migrateExtraNs` values to fit.\n\n");
            return;
        }
        md.append(anySignificant ? "Direct measurement: at least one overhead interval excludes zero."
                : "Direct measurement: no overhead interval excludes zero.");
        md.append(" The 0% dirty row is the control: no check runs there, so its d and its overheads are this "
                + "measurement's systematic error (fork-to-fork JIT variance and drift between the NONE and PAGE_LOCK "
                + "blocks of runs, which JMH runs minutes apart); a direct figure smaller than the control's is not resolved.\n\n");
        composedVerdict(cp, frees);
        lines.forEach(l -> md.append(l).append("\n\n"));
    }

    /**
     * The verdict from precisely measured parts: the check's cost per dirty page (the pageblock
     * benchmark's PAGE_LOCK - NONE per dirty page, in the scan's own context; else the isolated
     * check's) times the dirty pages checked per pass (dirty share x pages isolated per pass, which
     * is the fitted slope m: x is paid once per migrated page), against T(x) = a + m x.
     */
    private void composedVerdict(List<BenchmarkResult> cp, List<String> frees) {
        double c = Double.NaN;
        String source = null;
        BenchmarkResult pbNone = one("PageblockIsolationBenchmark", "scanPageblock", Map.of("check", "NONE", "dirtyPercent", "50"));
        BenchmarkResult pbLock = one("PageblockIsolationBenchmark", "scanPageblock", Map.of("check", "PAGE_LOCK", "dirtyPercent", "50"));
        BenchmarkResult icNone = one("IsolationCheckBenchmark", "isolateDirtyPage", Map.of("check", "NONE"));
        BenchmarkResult icLock = one("IsolationCheckBenchmark", "isolateDirtyPage", Map.of("check", "PAGE_LOCK"));
        if (pbNone != null && pbLock != null) {
            c = (pbLock.primary().score() - pbNone.primary().score()) / 0.5;
            source = "PageblockIsolationBenchmark, (PAGE_LOCK - NONE) at 50% dirty / 0.5";
        } else if (icNone != null && icLock != null) {
            c = icLock.primary().score() - icNone.primary().score();
            source = "IsolationCheckBenchmark, PAGE_LOCK - NONE";
        }
        md.append("### Composed estimate\n\n");
        if (Double.isNaN(c)) {
            md.append("Needs `PageblockIsolationBenchmark` or `IsolationCheckBenchmark`: not in this run.\n\n");
            return;
        }
        md.append(String.format(Locale.ROOT, "The check's cost per dirty page, c = %s ns (%s), is resolved far better than a "
                + "pass-level difference. Per pass the check runs on the dirty share of the pages isolated, and a pass "
                + "isolates m pages (the fitted slope: x is paid once per migrated page), so d_c = dirty%% × m × c and "
                + "overhead(x) = d_c / (a + m·x).%n%n", fmt(c), source));
        md.append("| free | dirty % | a (ns/pass) | m (pages) | d_c (ns/pass) | overhead at x=0 | x=1000 | x=4000 | x for < 1% | x for < 0.1% |\n"
                + "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        double worst1 = 0, worst01 = 0, worstAt0 = 0;
        for (String free : frees) {
            List<ChartSpec.Series> curve = new ArrayList<>();
            List<Double> xs = new ArrayList<>();
            for (double x = 1; x <= 1e6; x *= Math.sqrt(10)) {
                xs.add(x);
            }
            for (BreakEven b : BreakEven.compute(cp.stream().filter(r -> r.params().getOrDefault("free", "-").equals(free)).toList(), "PAGE_LOCK")) {
                double dirty;
                try {
                    dirty = Double.parseDouble(b.dirtyPercent()) / 100;
                } catch (NumberFormatException e) {
                    continue;
                }
                double a = b.noneFit().intercept(), m = b.noneFit().slope();
                double dc = dirty * m * c;
                double be1 = BreakEven.solve(b.noneFit(), dc, 0.01), be01 = BreakEven.solve(b.noneFit(), dc, 0.001);
                md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.2f | %.1f | %.3f%% | %.3f%% | %.3f%% | %s | %s |%n", free, b.dirtyPercent(),
                        a, m, dc, 100 * dc / a, 100 * dc / (a + 1000 * m), 100 * dc / (a + 4000 * m), ns(be1), ns(be01)));
                if (dc > 0) {
                    worstAt0 = Math.max(worstAt0, dc / a);
                    worst1 = Math.max(worst1, be1);
                    worst01 = Math.max(worst01, be01);
                    curve.add(new ChartSpec.Series("dirty " + b.dirtyPercent() + "%", xs,
                            xs.stream().map(x -> 100 * dc / (a + m * x)).toList(), xs.stream().map(v -> 0.0).toList()));
                }
            }
            if (!curve.isEmpty()) {
                curve.add(new ChartSpec.Series("1%", xs, xs.stream().map(v -> 1.0).toList(), xs.stream().map(v -> 0.0).toList()));
                curve.add(new ChartSpec.Series("0.1%", xs, xs.stream().map(v -> 0.1).toList(), xs.stream().map(v -> 0.0).toList()));
                String stem = "verdict-composed-overhead-vs-migration-cost-" + ChartPlanner.sanitize(free);
                charts.add(new ChartSpec(stem, ChartSpec.Kind.LINE, "page-lock check overhead per pass, composed (free=" + free + ")",
                        "extra ns per migrated page (log)", "overhead % (log)", List.of(), curve, true, true));
                md.append("\n![composed overhead curve ").append(free).append("](charts/").append(stem).append(".png)\n");
            }
        }
        md.append("\n**In numbers.** ");
        if (worstAt0 <= 0.01) {
            md.append(String.format(Locale.ROOT, "Even at the Java model's cheapest pass (x = 0, all pages dirty) the check costs at most "
                    + "%.2f%% of a pass: the data backs up the claim.", worstAt0 * 100));
        } else {
            md.append(String.format(Locale.ROOT, "At the Java model's cheapest pass (x = 0) the check costs up to %.2f%% of a pass, so "
                    + "against a cheap migration the overhead is not minimal. It falls under 1%% once a migrated page costs more "
                    + "than %s beyond the model's copy, and under 0.1%% beyond %s, in every measured dirty fraction.",
                    worstAt0 * 100, ns(worst1), ns(worst01)));
        }
        md.append(" This run does not measure a real kernel's per-page migration cost (unmap, TLB-flush IPIs, rmap "
                + "walk, a cold 4 KiB copy): place a system on the curve by that cost.\n\n");
    }

    private void contended() {
        String h = "What the argument never weighed: contention";
        String cls = "ContendedCompactionBenchmark";
        if (absent(cls, h)) {
            return;
        }
        md.append("## ").append(h).append("\n\nCompacting CPU against truncating CPU (JMH @Group). Counters are events per second (OPERATIONS aux counters). "
                + "`skippedTrylock`: pages async compaction skipped because trylock_page() failed; `skippedInverted`: "
                + "dirty pages refused only by the v4.16 inverted condition; `uafDetected`: use after free caught by the "
                + "poisoned inode cache.\n\n");
        List<String> counters = List.of("isolated", "skippedTrylock", "skippedInverted", "uafDetected", "inodesFreed", "inodesDeferred");
        md.append("| params | throughput | ").append(String.join(" | ", counters)).append(" | skipped share |\n|---|--:|");
        counters.forEach(c -> md.append("--:|"));
        md.append("--:|\n");
        for (BenchmarkResult r : of(cls)) {
            md.append("| ").append(r.paramLabel()).append(" | ").append(scoreText(r.primary())).append(' ').append(r.primary().unit());
            for (String c : counters) {
                Metric m = r.secondary().get(c);
                md.append(" | ").append(m == null ? "-" : fmt(m.score()));
            }
            double iso = sec(r, "isolated"), skipped = sec(r, "skippedTrylock") + sec(r, "skippedInverted");
            md.append(" | ").append(iso + skipped > 0 ? String.format(Locale.ROOT, "%.3f%%", 100 * skipped / (iso + skipped)) : "-").append(" |\n");
        }
        md.append('\n').append(overheadTable(of(cls)));
    }

    /** The largest per-iteration value of an EVENTS counter (JMH's score is the sum). */
    static double perIterationPeak(Metric m) {
        if (m == null) {
            return Double.NaN;
        }
        return m.rawData().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElse(m.score());
    }

    private static double sec(BenchmarkResult r, String name) {
        Metric m = r.secondary().get(name);
        return m == null || !Double.isFinite(m.score()) ? 0 : m.score();
    }

    private void freeSide() {
        md.append("## What the argument never weighed: the free side (RCU_SCHED)\n\n");
        List<BenchmarkResult> inode = of("InodeFreeBenchmark");
        if (inode.isEmpty()) {
            md.append("`InodeFreeBenchmark`: not in this run.\n\n");
        } else {
            md.append("Truncate+evict throughput and the peak of deferred frees. Deferred bytes computed at "
                    + INODE_BYTES + " bytes per inode (struct inode) and " + EXT4_INODE_BYTES + " (ext4_inode_info).\n\n");
            md.append("The peaks are EVENTS counters, which JMH sums over iterations; the table shows the largest "
                    + "per-iteration value (from the raw data), i.e. the most inodes waiting for a grace period at once.\n\n");
            md.append("| free | throughput | peakDeferredInodes | peakDeferredBytes (model, 576 B) | bytes @576 | bytes @1056 (ext4) |\n|---|--:|--:|--:|--:|--:|\n");
            for (BenchmarkResult r : inode) {
                double p = perIterationPeak(r.secondary().get("peakDeferredInodes"));
                double b = perIterationPeak(r.secondary().get("peakDeferredBytes"));
                md.append(String.format(Locale.ROOT, "| %s | %s %s | %s | %s | %s | %s |%n", r.paramLabel(), scoreText(r.primary()), r.primary().unit(),
                        fmt(p), fmt(b), fmt(p * INODE_BYTES), fmt(p * EXT4_INODE_BYTES)));
            }
            md.append('\n');
        }
        List<BenchmarkResult> gp = of("GracePeriodBenchmark");
        if (gp.isEmpty()) {
            md.append("`GracePeriodBenchmark`: not in this run.\n\n");
        } else {
            md.append("Grace-period latency (`synchronize_sched()` on one CPU while the other scans with the LRU lock held "
                    + "for this many pfns between breaks) percentiles against the IRQ-off section length.\n\n");
            List<Double> ps = List.of(50.0, 90.0, 99.0, 99.9, 100.0);
            md.append("| params | unit | ");
            ps.forEach(p -> md.append("p").append(ChartPlanner.fmt(p)).append(" | "));
            md.append("\n|---|---|");
            ps.forEach(p -> md.append("--:|"));
            md.append('\n');
            for (BenchmarkResult r : gp) {
                // The group's primary mixes both threads' operations; the grace period is the
                // synchronizeSched member's latency.
                Metric lat = r.secondary().getOrDefault("synchronizeSched", r.primary());
                md.append("| ").append(r.paramLabel()).append(" | ").append(lat.unit()).append(" | ");
                ps.forEach(p -> md.append(fmt(lat.percentiles().getOrDefault(p, Double.NaN))).append(" | "));
                md.append('\n');
            }
            md.append('\n');
        }
    }

    private void raceSection(List<RaceOutcome> race) {
        md.append("## The race itself (stress, jcstress-style)\n\n");
        if (race == null || race.isEmpty()) {
            md.append("race.json: not in this run.\n\n");
            return;
        }
        md.append("Forbidden outcome: a use after free of the inode's address_space. Expected safe: check takes the page "
                + "lock or free is RCU_SCHED.\n\n").append(RaceTable.markdown(race)).append('\n');
        long bad = race.stream().filter(r -> r.forbiddenSeen() && r.expectedSafe()).count();
        md.append(bad == 0 ? "No safe variant showed the forbidden outcome.\n\n"
                : "**" + bad + " safe variant(s) showed the forbidden outcome: the model or a fix is broken.**\n\n");
    }

    static String scoreText(Metric m) {
        String s = fmt(m.score());
        return Double.isFinite(m.scoreError()) ? s + " ± " + fmt(m.scoreError()) : s;
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e7 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : "%.3f", v);
    }

    static String ns(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.0f ns", x);
    }

    static Predicate<BenchmarkResult> param(String name, String value) {
        return r -> value.equals(r.param(name));
    }
}
