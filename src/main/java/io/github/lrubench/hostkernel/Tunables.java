package io.github.lrubench.hostkernel;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel settings a calibration changes, each read before its first change and written back
 * on {@link #close()} or, should the JVM be stopped first (Ctrl-C, SIGTERM), from a shutdown hook.
 * Once restored, no further change is accepted, so a measuring thread still running while the hook
 * restores cannot undo it. (SIGKILL runs no hook; the console names every setting before it changes
 * it, so a person can put it back.)
 */
final class Tunables implements AutoCloseable {

    /** A setting, where it lives, and how its file reads (a sysfs choice list shows the selected value in brackets). */
    enum Tunable {
        THP_ENABLED(ProcFs.THP_ENABLED, true),
        THP_DEFRAG(ProcFs.THP_DEFRAG, true),
        COMPACTION_PROACTIVENESS(ProcFs.COMPACTION_PROACTIVENESS, false);

        final String file;
        final boolean choice;

        Tunable(String file, boolean choice) {
            this.file = file;
            this.choice = choice;
        }

        /** The value to write to set the file back to {@code text} as it read. */
        String value(String text) {
            return choice ? ProcFs.selected(text) : text.strip();
        }
    }

    /** What a setting read before the calibration and after it put it back. */
    record Restored(Tunable tunable, String before, String after) {
        /** The same value selected (on the kernel, the file then reads the same bytes). */
        boolean same() {
            return tunable.value(before).equals(tunable.value(after));
        }
    }

    private final ProcFs proc;
    private final Map<Tunable, String> before = new EnumMap<>(Tunable.class);
    private final Map<Tunable, String> after = new EnumMap<>(Tunable.class);
    private final Thread hook;
    private final List<RuntimeException> restoreFailures = new ArrayList<>();
    private boolean closed;

    Tunables(ProcFs proc) {
        this.proc = proc;
        this.hook = new Thread(this::restore, "lru-calibrate-restore");
        for (Tunable t : Tunable.values()) { // every one recorded, changed or not, so calibration.json shows them all
            read(t).ifPresent(text -> before.put(t, text));
        }
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The setting's file as it reads now; empty where the kernel lacks it. */
    Optional<String> read(Tunable t) {
        return proc.read(t.file);
    }

    /** The selected value now ("madvise", "20"); empty where the kernel lacks it. */
    Optional<String> current(Tunable t) {
        return read(t).map(t::value);
    }

    /** Sets a value, remembering the file's text the first time; refused once restored. */
    synchronized void set(Tunable t, String value) {
        if (closed) {
            throw new IllegalStateException("settings already restored (shutting down): not setting " + t.file + " to " + value);
        }
        if (!before.containsKey(t)) {
            throw new IllegalStateException("no " + proc.file(t.file));
        }
        proc.write(t.file, value);
    }

    /** Every setting present, with its text before and (after close) after. */
    synchronized List<Restored> restored() {
        List<Restored> out = new ArrayList<>();
        before.forEach((t, b) -> out.add(new Restored(t, b, after.getOrDefault(t, b))));
        return out;
    }

    private synchronized void restore() {
        if (closed) {
            return;
        }
        closed = true;
        before.forEach((t, text) -> {
            try {
                if (!read(t).map(t::value).orElse("").equals(t.value(text))) {
                    proc.write(t.file, t.value(text));
                }
                after.put(t, read(t).orElse(""));
            } catch (RuntimeException e) {
                restoreFailures.add(e);
            }
        });
    }

    /** Restores every setting changed; a setting that could not be restored is an exception naming it. */
    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
        synchronized (this) {
            if (!restoreFailures.isEmpty()) {
                IllegalStateException e = new IllegalStateException("could not restore a kernel setting: " + restoreFailures.get(0).getMessage());
                restoreFailures.forEach(e::addSuppressed);
                throw e;
            }
            for (Restored r : restored()) {
                if (!r.same()) {
                    throw new IllegalStateException(proc.file(r.tunable().file) + " reads \"" + r.after().strip()
                            + "\" after the calibration, \"" + r.before().strip() + "\" before it");
                }
            }
        }
    }
}
