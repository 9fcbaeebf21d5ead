package io.github.lrubench.hostkernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A fake root for {@link ProcFs}: the dev VM's real files (fixtures/proc/, README there) laid out
 * as /proc and /sys under a temporary directory, with compact_memory an empty writable file. As it
 * stands a calibration accepts it; each test changes one thing.
 */
public final class FakeProc {
    private final Path root;

    private FakeProc(Path root) {
        this.root = root;
    }

    public static Path fixture(String name) {
        try {
            return Path.of(FakeProc.class.getClassLoader().getResource("fixtures/proc/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture proc/" + name, e);
        }
    }

    /** The dev VM as root: every file present, compact_memory writable (mode 0200 as on the host). */
    public static FakeProc create(Path dir) {
        FakeProc p = new FakeProc(dir);
        p.copy("vmstat-before", ProcFs.VMSTAT);
        p.copy("buddyinfo-before", ProcFs.BUDDYINFO);
        p.copy("meminfo", ProcFs.MEMINFO);
        p.copy("cpuinfo", ProcFs.CPUINFO);
        p.copy("status", ProcFs.SELF_STATUS);
        p.copy("osrelease", ProcFs.OSRELEASE);
        p.copy("compaction_proactiveness", ProcFs.COMPACTION_PROACTIVENESS);
        p.copy("transparent_hugepage-enabled", ProcFs.THP_ENABLED);
        p.copy("transparent_hugepage-defrag", ProcFs.THP_DEFRAG);
        p.write(ProcFs.COMPACT_MEMORY, "");
        p.chmod(ProcFs.COMPACT_MEMORY, "-w-------");
        return p;
    }

    public Path root() {
        return root;
    }

    public ProcFs procFs() {
        return new ProcFs(root, "Linux");
    }

    public FakeProc copy(String fixture, String relative) {
        try {
            Path to = root.resolve(relative);
            Files.createDirectories(to.getParent());
            Files.copy(fixture(fixture), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeProc write(String relative, String text) {
        try {
            Path to = root.resolve(relative);
            Files.createDirectories(to.getParent());
            Files.writeString(to, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(String relative) {
        try {
            return Files.readString(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeProc delete(String relative) {
        try {
            Files.delete(root.resolve(relative));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeProc chmod(String relative, String mode) {
        try {
            Files.setPosixFilePermissions(root.resolve(relative), PosixFilePermissions.fromString(mode));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the "Uid:" line of proc/self/status (real, effective, saved, fs). */
    public FakeProc uids(int real, int effective) {
        String status = read(ProcFs.SELF_STATUS).replaceAll("(?m)^Uid:.*$", "Uid:\t" + real + "\t" + effective + "\t" + effective + "\t" + effective);
        return write(ProcFs.SELF_STATUS, status);
    }

    /** Replaces MemAvailable in proc/meminfo. */
    public FakeProc memAvailableKb(long kb) {
        return write(ProcFs.MEMINFO, read(ProcFs.MEMINFO).replaceAll("(?m)^MemAvailable:.*$", "MemAvailable:   " + kb + " kB"));
    }
}
