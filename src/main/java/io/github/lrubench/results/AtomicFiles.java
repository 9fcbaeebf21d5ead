package io.github.lrubench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes every output through a temporary sibling and a rename, so a reader (or an interrupted
 * run) sees either the old file or the complete new one, never half of it.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that fills a file. */
    @FunctionalInterface
    public interface Filler {
        void fill(Path tmp) throws IOException;
    }

    /** The shape of this tool's temporary files (and of JMH's output while a class runs): a dot-file ending .tmp. */
    public static boolean isTemporary(Path f) {
        String n = f.getFileName().toString();
        return n.startsWith(".") && n.endsWith(".tmp");
    }

    public static void write(Path target, Filler filler) {
        try (Batch b = new Batch()) {
            b.write(target, filler);
            b.commit();
        }
    }

    /**
     * Several outputs that replace their targets together or not at all: each is written to a
     * temporary sibling, and only {@link #commit} renames them into place, in the order written.
     * Closing a batch that was not committed deletes its temporaries and leaves every target as it was.
     */
    public static final class Batch implements AutoCloseable {
        /** target -> its finished temporary, in write order. */
        private final Map<Path, Path> staged = new LinkedHashMap<>();

        public void write(Path target, Filler filler) {
            try {
                Path dir = target.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path tmp = createTemporary(dir, target.getFileName().toString());
                try {
                    filler.fill(tmp);
                } catch (IOException | RuntimeException | Error e) {
                    Files.deleteIfExists(tmp);
                    throw e;
                }
                Path earlier = staged.put(target, tmp);
                if (earlier != null) {
                    Files.deleteIfExists(earlier);
                }
            } catch (IOException e) {
                throw DiskSpace.writeFailure(target, e); // a full disk says so, not "cannot write"
            }
        }

        public void writeString(Path target, String content) {
            write(target, tmp -> Files.writeString(tmp, content, StandardCharsets.UTF_8));
        }

        /** Renames every staged output into place. */
        public void commit() {
            for (var it = staged.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                try {
                    move(e.getValue(), e.getKey());
                } catch (IOException ex) {
                    throw new UncheckedIOException("cannot write " + e.getKey() + ": " + ex.getMessage(), ex);
                }
                it.remove();
            }
        }

        /** Deletes the temporaries of outputs not committed. */
        @Override
        public void close() {
            for (Path tmp : staged.values()) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // best effort: a run's next start removes stray temporaries
                }
            }
            staged.clear();
        }
    }

    /**
     * A new, empty temporary sibling (see {@link #isTemporary}) under a random name. Made with
     * createFile, which creates exclusively (O_EXCL: a link already at the name is never followed),
     * so it gets the process umask like any Unix tool's output; createTempFile would make every output 0600.
     */
    public static Path createTemporary(Path dir, String name) throws IOException {
        while (true) {
            Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException taken) {
                // another writer's: draw again
            }
        }
    }

    public static void writeString(Path target, String content) {
        write(target, tmp -> Files.writeString(tmp, content, StandardCharsets.UTF_8));
    }

    /** Moves a finished file into place, atomically where the file system allows. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
