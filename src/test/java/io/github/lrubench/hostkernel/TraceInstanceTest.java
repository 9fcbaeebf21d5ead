package io.github.lrubench.hostkernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trace instance's refusals and its clean-up when it cannot be set up, on a fake tracefs. */
class TraceInstanceTest {

    static Path tracefs(FakeProc p) throws IOException {
        Path t = p.root().resolve(ProcFs.TRACEFS);
        Files.createDirectories(t.resolve("instances"));
        Files.writeString(t.resolve("trace"), "");
        return t;
    }

    @Test
    void anUnmountedTracefsIsRefusedWhereItMayNotBeMounted(@TempDir Path root) throws IOException {
        FakeProc p = FakeProc.create(root);
        assertThat(TraceInstance.refusal(p.procFs(), false)).hasValue("tracefs is not mounted at " + root.resolve(ProcFs.TRACEFS));
        assertThatThrownBy(() -> TraceInstance.open(p.procFs(), false)).hasMessageContaining("tracefs is not mounted");
        assertThat(TraceInstance.refusal(p.procFs(), true)).hasValueSatisfying(r -> assertThat(r).contains("CONFIG_TRACING"));
    }

    @Test
    void aMissingTracepointIsNamed(@TempDir Path root) throws IOException {
        FakeProc p = FakeProc.create(root);
        Path t = tracefs(p);
        for (TraceInstance.Event e : TraceInstance.Event.values()) {
            if (e != TraceInstance.Event.MIGRATE_PAGES) {
                Files.createDirectories(t.resolve("events").resolve(e.path));
            }
        }
        assertThat(TraceInstance.refusal(p.procFs(), true)).hasValueSatisfying(r -> assertThat(r).contains("migrate/mm_migrate_pages"));
        assertThatThrownBy(() -> TraceInstance.open(p.procFs(), false)).hasMessageContaining("migrate/mm_migrate_pages");
        assertThat(TraceInstance.instances(p.procFs())).isEmpty();
        Files.createDirectories(t.resolve("events").resolve(TraceInstance.Event.MIGRATE_PAGES.path));
        assertThat(TraceInstance.refusal(p.procFs(), true)).isEmpty();
    }

    @Test
    void anInstanceThatCannotBeSetUpIsRemoved(@TempDir Path root) throws IOException {
        FakeProc p = FakeProc.create(root);
        Path t = tracefs(p);
        for (TraceInstance.Event e : TraceInstance.Event.values()) {
            Files.createDirectories(t.resolve("events").resolve(e.path));
        }
        // A fake instance directory has none of the files the kernel would put in it: the first write fails.
        assertThatThrownBy(() -> TraceInstance.open(p.procFs(), false)).hasMessageContaining("tracing_on");
        assertThat(TraceInstance.instances(p.procFs())).isEmpty();
    }
}
