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
        return create(parent, System.err);
    }

    /**
     * A new directory named for this process ({@code lru-calibrate-<pid>-*}), after removing the
     * directories of this kind whose process is dead (a SIGKILL or an OOM kill runs no shutdown
     * hook, and left 668 MB in /dev/shm: issue 22 #5), each said on {@code out}.
     */
    static Scratch create(Path parent, java.io.PrintStream out) {
        removeStale(parent, out);
        try {
            Scratch s = new Scratch(Files.createTempDirectory(parent, PREFIX + ProcessHandle.current().pid() + "-"));
            Runtime.getRuntime().addShutdownHook(s.hook);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory in " + parent + ": " + e.getMessage(), e);
        }
    }

    Path dir() {
        return dir;
    }

    /**
     * Deletes {@code lru-calibrate-<pid>-*} directories in {@code parent} whose process no longer
     * runs, with the regular files in them (links are removed, never followed); a directory without
     * a pid in its name (made before it was recorded) is left alone, as is anything that is not ours.
     */
    static void removeStale(Path parent, java.io.PrintStream out) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        java.util.regex.Pattern mine = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(PREFIX) + "(\\d+)-.*");
        try (var dirs = Files.list(parent)) {
            for (Path d : dirs.toList()) {
                java.util.regex.Matcher m = mine.matcher(d.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(d, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                long pid = Long.parseLong(m.group(1));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // a calibration that runs
                }
                long bytes = 0;
                try (var files = Files.list(d)) {
                    for (Path f : files.toList()) {
                        if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                            bytes += Files.size(f);
                        }
                        Files.delete(f); // a link's entry itself, never its target
                    }
                }
                Files.delete(d);
                out.println("calibrate: removed " + d + " (" + (bytes >> 20) + " MiB), left by process " + pid + ", which is no longer running");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean stale calibration directories in " + parent + ": " + e.getMessage(), e);
        }
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
