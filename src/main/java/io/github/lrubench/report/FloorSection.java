package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.results.ForkComparison;
import io.github.lrubench.results.Interval;

import java.util.List;

/** The floor: each primitive's mean over forks, the bare costs the model is held against. */
final class FloorSection implements ReportSection<List<FloorSection.Primitive>> {
    static final String HEADING = "Floor: the primitives";

    /** One primitive: its benchmark, mean of fork means with its 95% interval, and unit. */
    record Primitive(String benchmark, Interval mean, String unit) {
    }

    /** The run's primitives in results order; empty when the floor benchmarks did not run. */
    @Override
    public List<Primitive> compute(Report.Inputs in) {
        return new SuiteResults(in.results()).of(Suite.FLOOR).stream()
                .map(r -> new Primitive(r.shortName(), ForkComparison.mean(r.primary()), r.primary().unit())).toList();
    }

    @Override
    public void print(List<Primitive> primitives, Markdown md) {
        if (primitives.isEmpty()) {
            CostTables.printAbsent(md, HEADING, Suite.FLOOR);
            return;
        }
        md.heading(2, HEADING).tableHeader(List.of("benchmark", "mean [95% CI]", "unit"), "lrl");
        primitives.forEach(p -> md.row(List.of(p.benchmark(), FigureFormat.interval(p.mean()), p.unit())));
        md.line();
    }
}
