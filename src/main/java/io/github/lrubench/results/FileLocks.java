package io.github.lrubench.results;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a file, taken without waiting: an OS lock (fcntl), so a holder that dies
 * releases it. The file is opened without following a link and left in place when the lock is
 * released (deleting it would race a process that opened it meanwhile).
 */
public final class FileLocks {
    private FileLocks() {
    }

    /**
     * Takes {@code file}'s lock (making its directory if need be) until the returned handle is
     * closed; a {@link BadInputException} naming the file and saying {@code whenHeld} if another
     * process (or this one) holds it, another naming the cause if the file cannot be opened.
     */
    public static AutoCloseable tryLock(Path file, String whenHeld) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                l = null; // this JVM holds it already (two commands of one test process)
            }
            if (l == null) {
                ch.close();
                throw new BadInputException(file, whenHeld);
            }
            FileLock held = l;
            return () -> {
                held.release();
                ch.close();
            };
        } catch (IOException e) {
            throw new BadInputException(file, "cannot take the lock: " + e.getMessage());
        }
    }
}
