package io.github.lrubench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A tmpfs of a given size mounted for one test, for what only a real file system shows (a full
 * disk, free space): root only, so a test using it is skipped with the reason elsewhere. Close
 * unmounts it (lazily if busy); a tmpfs holds nothing after that.
 */
public final class SmallTmpfs implements AutoCloseable {
    private final Path dir;

    private SmallTmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code size} ("512k", "100m") on a new directory {@code under/small}; skips the test where it cannot. */
    public static SmallTmpfs mount(Path under, String size) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Path d = Files.createDirectory(under.resolve("small"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "lru-bench-test", d.toString())
                .redirectErrorStream(true).start();
        String why = new String(p.getInputStream().readAllBytes()).strip();
        boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        assumeTrue(ok, "cannot mount a tmpfs here: " + why);
        return new SmallTmpfs(d);
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws Exception {
        Process p = new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            new ProcessBuilder("umount", "-l", dir.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
