package io.github.lrubench.hostkernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The calibration's private directory, made with {@code Files.createTempDirectory(parent,
 * "lru-calibrate-")}, and the files it creates in it. Deletes exactly those files and the
 * directory, never anything else: on {@link #close()} and, should the JVM be stopped (Ctrl-C,
 * SIGTERM) before that, from a shutdown hook, which {@code close()} removes again. Files are
 * created and deleted under this object's lock, so the hook never races a file coming into being;
 * once it has run, creating a file fails. (SIGKILL runs no hook: then the directory stays, named
 * lru-calibrate-*.)
 */
final class Scratch implements AutoCloseable {
    static final String PREFIX = "lru-calibrate-";

    private final Path dir;
    private final Set<Path> files = new LinkedHashSet<>();
    private final Thread hook;
    private boolean closed;
    private int serial;

    private Scratch(Path dir) {
        this.dir = dir;
        this.hook = new Thread(this::deleteAll, "lru-calibrate-cleanup");
    }

    static Scratch create(Path parent) {
        try {
            Scratch s = new Scratch(Files.createTempDirectory(parent, PREFIX));
            Runtime.getRuntime().addShutdownHook(s.hook);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory in " + parent + ": " + e.getMessage(), e);
        }
    }

    Path dir() {
        return dir;
    }

    /** A new empty file in the directory, remembered for deletion. */
    synchronized Path newFile(String name) {
        if (closed) {
            throw new IllegalStateException("calibration directory " + dir + " already cleaned up (shutting down)");
        }
        Path f = dir.resolve(name + "-" + serial++);
        try {
            Files.createFile(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + f + ": " + e.getMessage(), e);
        }
        files.add(f);
        return f;
    }

    /** Deletes one of this directory's files now (its pages go back to the kernel once nothing maps it). */
    synchronized void delete(Path f) {
        if (!files.contains(f)) {
            throw new IllegalArgumentException(f + " was not created here");
        }
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + f + ": " + e.getMessage(), e);
        }
        files.remove(f);
    }

    /** Deletes what is left and the directory, and removes the shutdown hook. */
    @Override
    public void close() {
        deleteAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }

    private synchronized void deleteAll() {
        closed = true;
        IOException first = null;
        for (Path f : Set.copyOf(files)) {
            try {
                Files.deleteIfExists(f);
                files.remove(f);
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            first = first == null ? e : first;
        }
        if (first != null) {
            throw new UncheckedIOException("cannot clean up " + dir + ": " + first.getMessage(), first);
        }
    }
}
