package io.github.lrubench.hostkernel;

import com.sun.jna.LastErrorException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A private ftrace instance ({@code <tracefs>/instances/lru-calibrate-<pid>}): its own ring buffer,
 * clock and event switches, so no other user of tracing is touched. It records the compaction and
 * migration events with the {@code mono} clock (CLOCK_MONOTONIC, which {@link System#nanoTime()}
 * reads too, so a trial's window and its events share one time line). {@link #close()} removes the
 * instance, and unmounts tracefs when this instance mounted it; a shutdown hook does the same on
 * Ctrl-C.
 */
final class TraceInstance implements AutoCloseable {
    static final String PREFIX = "lru-calibrate-";
    /** Per CPU: a proactive compaction of ~10 GiB of fragmented memory writes ~20 MB of events on kcompactd's CPU. */
    static final int BUFFER_KB = 64 * 1024;

    /** The events a calibration reads, as subsystem/name. */
    enum Event {
        BEGIN("compaction/mm_compaction_begin"),
        END("compaction/mm_compaction_end"),
        ISOLATE_MIGRATEPAGES("compaction/mm_compaction_isolate_migratepages"),
        MIGRATEPAGES("compaction/mm_compaction_migratepages"),
        TRY_TO_COMPACT_PAGES("compaction/mm_compaction_try_to_compact_pages"),
        KCOMPACTD_WAKE("compaction/mm_compaction_kcompactd_wake"),
        MIGRATE_PAGES("migrate/mm_migrate_pages");

        final String path;

        Event(String path) {
            this.path = path;
        }

        /** The name ftrace prints ("mm_compaction_begin"). */
        String traceName() {
            return path.substring(path.indexOf('/') + 1);
        }
    }

    private final Path tracefs;
    private final Path dir;
    private boolean mounted;
    private final Thread hook;
    private boolean closed;

    private TraceInstance(Path tracefs, Path dir) {
        this.tracefs = tracefs;
        this.dir = dir;
        this.hook = new Thread(this::remove, "lru-calibrate-trace-cleanup");
    }

    /**
     * Why no instance can be made here, one line; empty when it can. {@code mayMount}: tracefs may
     * be mounted at its usual place if it is not (the host as root; never a test's fake root).
     */
    static Optional<String> refusal(ProcFs proc, boolean mayMount) {
        Path t = proc.file(ProcFs.TRACEFS);
        if (!mounted(t)) {
            if (!mayMount) {
                return Optional.of("tracefs is not mounted at " + t);
            }
            if (!Files.isDirectory(t)) {
                return Optional.of("no " + t + ": the kernel is built without CONFIG_TRACING");
            }
        } else {
            for (Event e : Event.values()) {
                if (!Files.isDirectory(t.resolve("events").resolve(e.path))) {
                    return Optional.of("no " + e.path + " event in " + t + "/events: the kernel lacks that tracepoint");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean mounted(Path t) {
        return Files.isDirectory(t.resolve("instances")) && Files.exists(t.resolve("trace"));
    }

    /** Mounts tracefs if needed, creates the instance and enables the events, tracing off. */
    static TraceInstance open(ProcFs proc, boolean mayMount) {
        Path t = proc.file(ProcFs.TRACEFS);
        Path dir = t.resolve("instances").resolve(PREFIX + ProcessHandle.current().pid());
        TraceInstance ti = new TraceInstance(t, dir);
        Runtime.getRuntime().addShutdownHook(ti.hook); // before anything is mounted or made, so Ctrl-C undoes each step
        try {
            ti.setUp(mayMount);
            return ti;
        } catch (RuntimeException e) {
            try {
                ti.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Mounts tracefs if needed and makes the instance, under the lock the removal takes, so a hook that ran first wins. */
    private synchronized void setUp(boolean mayMount) {
        if (closed) {
            throw new IllegalStateException("trace instance " + dir + " already removed (shutting down)");
        }
        if (!mounted(tracefs)) {
            if (!mayMount) {
                throw new IllegalStateException("tracefs is not mounted at " + tracefs);
            }
            MemoryFill.libc();
            try {
                Libc.mount("nodev", tracefs.toString(), "tracefs", 0, null);
            } catch (LastErrorException e) {
                throw new IllegalStateException("cannot mount tracefs at " + tracefs + ": " + Libc.describe(e), e);
            }
            mounted = true;
        }
        for (Event e : Event.values()) {
            if (!Files.isDirectory(tracefs.resolve("events").resolve(e.path))) {
                throw new IllegalStateException("no " + e.path + " event in " + tracefs + "/events: the kernel lacks that tracepoint");
            }
        }
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create trace instance " + dir + ": " + e.getMessage(), e);
        }
        write("tracing_on", "0");
        write("trace_clock", "mono");
        write("buffer_size_kb", Integer.toString(BUFFER_KB));
        for (Event e : Event.values()) {
            write("events/" + e.path + "/enable", "1");
        }
    }

    Path dir() {
        return dir;
    }

    private synchronized void write(String file, String value) {
        if (closed) {
            throw new IllegalStateException("trace instance " + dir + " already removed (shutting down)");
        }
        new ProcFs(dir).write(file, value);
    }

    void on() {
        write("tracing_on", "1");
    }

    void off() {
        write("tracing_on", "0");
    }

    /** Empties the ring buffer. */
    void clear() {
        write("trace", "");
    }

    /** The buffer as text (not consumed). */
    synchronized String read() {
        return ProcFs.readFully(dir.resolve("trace"));
    }

    /** Instances present now (for tests and for the check that nothing is left). */
    static List<Path> instances(ProcFs proc) {
        Path i = proc.file(ProcFs.TRACEFS).resolve("instances");
        if (!Files.isDirectory(i)) {
            return List.of();
        }
        try (var s = Files.list(i)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void remove() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        if (Files.isDirectory(dir)) {
            try {
                new ProcFs(dir).write("tracing_on", "0");
            } catch (RuntimeException e) {
                // the instance is removed all the same; rmdir stops its tracing
            }
            try {
                Files.delete(dir); // rmdir: tracefs frees the instance's buffers
            } catch (IOException | RuntimeException e) {
                failure = new IllegalStateException("cannot remove trace instance " + dir + ": " + e.getMessage(), e);
            }
        }
        if (mounted) {
            try {
                Libc.umount2(tracefs.toString(), 0);
            } catch (LastErrorException e) {
                RuntimeException u = new IllegalStateException("cannot unmount the tracefs mounted at " + tracefs + ": " + Libc.describe(e), e);
                if (failure == null) {
                    failure = u;
                } else {
                    failure.addSuppressed(u);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        try {
            remove();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }
}
