package io.github.lrubench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A full file system named as what it is. Writing a file that no longer fits shows up as an
 * IOException ("No space left on device", ENOSPC) when the tool writes it, but as a silently
 * truncated file when a library writes it through a PrintStream, which swallows the error (JMH's
 * result JSON and console): a reader would then call the file malformed, and the user would look
 * for a bad input that is not there. Both cases come here and leave as one {@link NoSpaceException}.
 */
public final class DiskSpace {
    /**
     * Below this much usable space a file found incomplete is taken to have been cut short by the
     * full disk: every file the tool writes is under it except the merged results (hundreds of KiB,
     * which the tool writes itself and so sees ENOSPC directly).
     */
    public static final long NEARLY_FULL_BYTES = 1L << 20;

    private DiskSpace() {
    }

    /** No room left where the tool writes: not a bad input, but the command line exits 2 for it all the same (the --out given cannot hold the run). */
    public static final class NoSpaceException extends UncheckedIOException {
        NoSpaceException(Path dir, IOException cause) {
            super("no space left on " + dir + " (" + free(dir) + "); free some, or give --out on another file system", cause);
        }
    }

    /** Whether an I/O error is the kernel's ENOSPC (or a quota's EDQUOT): the JDK reports both only in the message. */
    public static boolean isNoSpace(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the file system holding {@code file} (or its nearest existing ancestor) has less than {@link #NEARLY_FULL_BYTES} usable. */
    public static boolean nearlyFull(Path file) {
        return usable(file) < NEARLY_FULL_BYTES;
    }

    /** Bytes usable on the file system that holds {@code path} or would (its nearest existing ancestor); empty when it cannot be told. */
    public static java.util.OptionalLong usableBytes(Path path) {
        long u = usable(path);
        return u == Long.MAX_VALUE ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(u);
    }

    /**
     * What a failed write of {@code file} should say: "no space left on DIR" when the disk is full
     * (ENOSPC, or an incomplete file on a nearly full file system), else "cannot write FILE: why".
     */
    public static UncheckedIOException writeFailure(Path file, IOException e) {
        if (isNoSpace(e) || nearlyFull(file)) {
            return new NoSpaceException(directory(file), e);
        }
        return new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }

    /**
     * An output another program wrote (JMH) and a reader found incomplete: the full disk when the
     * file system is nearly full, else the reader's own verdict unchanged.
     */
    public static RuntimeException incomplete(Path file, BadInputException malformed) {
        if (nearlyFull(file)) {
            return new NoSpaceException(directory(file), new IOException(malformed.getMessage()));
        }
        return malformed;
    }

    private static Path directory(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return Files.isDirectory(abs) ? abs : abs.getParent();
    }

    private static long usable(Path file) {
        Path existing = file.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? Long.MAX_VALUE : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // cannot tell: do not blame the disk
        }
    }

    private static String free(Path dir) {
        long u = usable(dir);
        return u == Long.MAX_VALUE ? "free space unknown" : (u >> 10) + " KiB free";
    }
}
