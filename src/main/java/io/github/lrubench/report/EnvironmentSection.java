package io.github.lrubench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The run's environment: metadata.json's fields in file order, or that the run has none. */
final class EnvironmentSection implements ReportSection<Optional<List<Map.Entry<String, String>>>> {

    @Override
    public Optional<List<Map.Entry<String, String>>> compute(Report.Inputs in) {
        return in.metadata().map(m -> {
            List<Map.Entry<String, String>> items = new ArrayList<>();
            m.tree().fields().forEachRemaining(e -> items.add(Map.entry(e.getKey(),
                    e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString())));
            return List.copyOf(items);
        });
    }

    @Override
    public void print(Optional<List<Map.Entry<String, String>>> items, Markdown md) {
        md.heading(2, "Environment");
        if (items.isEmpty()) {
            md.para("No metadata.json in this run.");
            return;
        }
        md.tableHeader(List.of("item", "value"), "ll");
        items.get().forEach(e -> md.row(List.of(e.getKey(), e.getValue())));
        md.line();
    }
}
