package io.github.lrubench.hostkernel;

import io.github.lrubench.results.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's documented files under one root: "/" on the host, a temporary directory holding
 * fake files in tests. Reads /proc/vmstat, /proc/buddyinfo, /proc/meminfo and a few settings, and
 * writes 1 to /proc/sys/vm/compact_memory. A file or counter the kernel does not have is reported
 * as absent (empty Optional, missing map key), never as 0.
 */
public class ProcFs {
    public static final String VMSTAT = "proc/vmstat";
    public static final String BUDDYINFO = "proc/buddyinfo";
    public static final String MEMINFO = "proc/meminfo";
    public static final String CPUINFO = "proc/cpuinfo";
    public static final String SELF_STATUS = "proc/self/status";
    public static final String STAT = "proc/stat";
    public static final String SELF_STAT = "proc/self/stat";
    public static final String OSRELEASE = "proc/sys/kernel/osrelease";
    public static final String COMPACT_MEMORY = "proc/sys/vm/compact_memory";
    public static final String COMPACTION_PROACTIVENESS = "proc/sys/vm/compaction_proactiveness";
    public static final String THP_ENABLED = "sys/kernel/mm/transparent_hugepage/enabled";
    public static final String THP_DEFRAG = "sys/kernel/mm/transparent_hugepage/defrag";
    /** Where tracefs is mounted on a kernel from 4.1 on (the debugfs path is only a compatibility link). */
    public static final String TRACEFS = "sys/kernel/tracing";
    public static final String SELF_CGROUP = "proc/self/cgroup";
    public static final String THREAD_SELF_STAT = "proc/thread-self/stat";

    private static final Pattern SELECTED = Pattern.compile("\\[([^\\]]+)]");

    private final Path root;
    private final String osName;

    /** @param osName what os.name says (tests pass another) */
    public ProcFs(Path root, String osName) {
        this.root = root;
        this.osName = osName;
    }

    public ProcFs(Path root) {
        this(root, System.getProperty("os.name", ""));
    }

    /** The running machine. */
    public static ProcFs host() {
        return new ProcFs(Path.of("/"));
    }

    public Path root() {
        return root;
    }

    public String osName() {
        return osName;
    }

    /** A kernel file under the root, e.g. {@code file(VMSTAT)}. */
    public Path file(String relative) {
        return root.resolve(relative);
    }

    /**
     * The file's text, or empty when it does not exist. Read with large reads from offset 0: /proc
     * and /sys files say their size is 0, and a sysctl answers only the first read (proc_dointvec
     * returns end-of-file at any other offset), so a reader that probes with a 1-byte read, as
     * {@code Files.readString} does for a 0-size file, gets "2" of "20".
     */
    public Optional<String> read(String relative) {
        Path f = file(relative);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        return Optional.of(readFully(f));
    }

    /** A kernel file's whole text, read as {@link #read} reads (large reads from offset 0). */
    public static String readFully(Path f) {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (ch.read(buf) > 0) {
                if (!buf.hasRemaining()) {
                    buf = ByteBuffer.allocate(buf.capacity() * 2).put(buf.flip());
                }
            }
            buf.flip();
            return StandardCharsets.US_ASCII.decode(buf).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private String require(String relative) {
        return read(relative).orElseThrow(() -> new BadInputException(file(relative), "no such file"));
    }

    /**
     * Writes a sysfs or sysctl value (one write of the whole text, as {@code echo} does: a sysctl
     * takes only the first write at offset 0).
     */
    public void write(String relative, String value) {
        Path f = file(relative);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(value.getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write \"" + value + "\" to " + f + ": " + e.getMessage(), e);
        }
    }

    /** The thread id of the calling thread (the pid ftrace prints for it): the first field of /proc/thread-self/stat. */
    public OptionalInt threadId() {
        return read(THREAD_SELF_STAT).map(s -> s.substring(0, Math.max(0, s.indexOf(' '))))
                .filter(s -> s.matches("\\d+")).map(s -> OptionalInt.of(Integer.parseInt(s))).orElse(OptionalInt.empty());
    }

    /** The pids of the kcompactd threads, one per memory node (comm "kcompactd<node>"), in pid order. */
    public List<Integer> kcompactdPids() {
        Path proc = file("proc");
        if (!Files.isDirectory(proc)) {
            return List.of();
        }
        try (var s = Files.list(proc)) {
            return s.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> read("proc/" + p.getFileName() + "/comm").map(c -> c.strip().matches("kcompactd\\d+")).orElse(false))
                    .map(p -> Integer.parseInt(p.getFileName().toString())).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /**
     * A task's CPU time so far, ns: the first field of /proc/PID/schedstat (se.sum_exec_runtime).
     * Exact for a task that sleeps when read; a running task's figure lags by up to a tick.
     */
    public OptionalLong taskCpuNanos(int pid) {
        return read("proc/" + pid + "/schedstat").map(s -> s.strip().split("\\s+")[0]).filter(s -> s.matches("\\d+"))
                .map(s -> OptionalLong.of(Long.parseLong(s))).orElse(OptionalLong.empty());
    }

    /**
     * Bytes this process's memory cgroup can still charge (memory.max − memory.current on cgroup v2,
     * memory.limit_in_bytes − memory.usage_in_bytes on v1); empty when unlimited or unknown.
     */
    public OptionalLong cgroupMemoryRoom() {
        Optional<String> cg = read(SELF_CGROUP);
        if (cg.isEmpty()) {
            return OptionalLong.empty();
        }
        for (String line : cg.get().split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            String path = f[2].strip();
            String rel = path.equals("/") ? "" : path.substring(1) + "/";
            OptionalLong room;
            if (f[0].equals("0") && f[1].isEmpty()) {
                room = room("sys/fs/cgroup/unified/" + rel, "memory.max", "memory.current");
                if (room.isEmpty()) {
                    room = room("sys/fs/cgroup/" + rel, "memory.max", "memory.current");
                }
            } else if (List.of(f[1].split(",")).contains("memory")) {
                room = room("sys/fs/cgroup/memory/" + rel, "memory.limit_in_bytes", "memory.usage_in_bytes");
            } else {
                continue;
            }
            if (room.isPresent()) {
                return room;
            }
        }
        return OptionalLong.empty();
    }

    private OptionalLong room(String dir, String limitFile, String usageFile) {
        Optional<String> limit = read(dir + limitFile).map(String::strip), usage = read(dir + usageFile).map(String::strip);
        if (limit.isEmpty() || usage.isEmpty() || !limit.get().matches("\\d+") || !usage.get().matches("\\d+")) {
            return OptionalLong.empty(); // "max", or absent
        }
        long l = Long.parseLong(limit.get()), u = Long.parseLong(usage.get());
        return l >= Long.MAX_VALUE / 2 ? OptionalLong.empty() : OptionalLong.of(Math.max(0, l - u));
    }

    /** /proc/vmstat: every counter in the file's order. */
    public Map<String, Long> vmstat() {
        return parseVmstat(require(VMSTAT), file(VMSTAT));
    }

    /** Lines "name value"; a malformed line is a BadInputException naming the file. */
    public static Map<String, Long> parseVmstat(String text, Path source) {
        Map<String, Long> counters = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            if (f.length != 2) {
                throw new BadInputException(source, "line " + lineNo + " is not \"name value\": " + line.strip());
            }
            try {
                counters.put(f[0], Long.parseLong(f[1]));
            } catch (NumberFormatException e) {
                throw new BadInputException(source, "line " + lineNo + " has a non-numeric value: " + line.strip());
            }
        }
        if (counters.isEmpty()) {
            throw new BadInputException(source, "no counters");
        }
        return Collections.unmodifiableMap(counters);
    }

    /**
     * after - before for every counter present in both snapshots (a counter one of them lacks is
     * absent from the result, not 0), in the order of {@code after}.
     */
    public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            Long b = before.get(k);
            if (b != null) {
                d.put(k, v - b);
            }
        });
        return Collections.unmodifiableMap(d);
    }

    public BuddyInfo buddyinfo() {
        return BuddyInfo.parse(require(BUDDYINFO), file(BUDDYINFO));
    }

    /** A /proc/meminfo line in kB ("MemAvailable:   24352852 kB"); empty when the kernel lacks it. */
    public OptionalLong meminfoKb(String key) {
        Optional<String> text = read(MEMINFO);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        for (String line : text.get().split("\n")) {
            if (line.startsWith(key + ":")) {
                String[] f = line.substring(key.length() + 1).strip().split("\\s+");
                try {
                    return OptionalLong.of(Long.parseLong(f[0]));
                } catch (NumberFormatException e) {
                    throw new BadInputException(file(MEMINFO), "non-numeric " + key + ": " + line.strip());
                }
            }
        }
        return OptionalLong.empty();
    }

    /** The text after the colon of the first "key : value" line of a /proc file (cpuinfo's "model name", meminfo's "MemTotal"). */
    public Optional<String> field(String relative, String key) {
        return read(relative).flatMap(text -> text.lines().filter(l -> l.startsWith(key)).filter(l -> l.indexOf(':') >= key.length())
                .filter(l -> l.substring(key.length(), l.indexOf(':')).isBlank())
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst());
    }

    public OptionalLong memAvailableKb() {
        return meminfoKb("MemAvailable");
    }

    /**
     * The memory this process may still fill, in bytes: MemAvailable, bounded by its memory
     * cgroup's room where it has a limit (issue 22 #5: a calibration sized by MemAvailable alone
     * was OOM-killed in a 700 MiB cgroup); empty without MemAvailable.
     */
    public OptionalLong memoryRoomBytes() {
        OptionalLong avail = memAvailableKb();
        if (avail.isEmpty()) {
            return OptionalLong.empty();
        }
        long room = avail.getAsLong() * 1024;
        OptionalLong cgroup = cgroupMemoryRoom();
        return OptionalLong.of(cgroup.isPresent() ? Math.min(room, cgroup.getAsLong()) : room);
    }

    public OptionalLong memTotalKb() {
        return meminfoKb("MemTotal");
    }

    /** /proc/sys/kernel/osrelease, e.g. "6.18.44-fc-v595". */
    public Optional<String> kernelRelease() {
        return read(OSRELEASE).map(String::strip);
    }

    /** The selected value of /sys/kernel/mm/transparent_hugepage/enabled ("madvise" in "always [madvise] never"). */
    public Optional<String> transparentHugepage() {
        return read(THP_ENABLED).map(ProcFs::selected);
    }

    /** The selected value of a sysfs choice list ("madvise" of "always [madvise] never"); any other text stripped. */
    public static String selected(String text) {
        Matcher m = SELECTED.matcher(text);
        return m.find() ? m.group(1) : text.strip();
    }

    /** /proc/sys/vm/compaction_proactiveness; empty on kernels before 5.9, which lack it. */
    public Optional<String> compactionProactiveness() {
        return read(COMPACTION_PROACTIVENESS).map(String::strip);
    }

    /** The CPU flags in /proc/cpuinfo include "hypervisor": a virtual machine. */
    public boolean hypervisor() {
        return read(CPUINFO).map(s -> s.lines()
                .filter(l -> l.startsWith("flags"))
                .anyMatch(l -> (" " + l.substring(l.indexOf(':') + 1) + " ").contains(" hypervisor "))).orElse(false);
    }

    /** The effective uid: the second field of the "Uid:" line of /proc/self/status. */
    public OptionalInt effectiveUid() {
        Optional<String> text = read(SELF_STATUS);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        for (String line : text.get().split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] f = line.substring(4).strip().split("\\s+");
                try {
                    return f.length >= 2 ? OptionalInt.of(Integer.parseInt(f[1])) : OptionalInt.empty();
                } catch (NumberFormatException e) {
                    return OptionalInt.empty();
                }
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Time of every CPU together from the first line of /proc/stat, in clock ticks.
     *
     * @param busy  everything but idle and iowait (steal included: the hypervisor ran someone else)
     * @param steal the hypervisor's share alone
     * @param total all of it
     */
    public record CpuTicks(long busy, long steal, long total) {
    }

    /** The first line of /proc/stat; empty where the file is missing. */
    public Optional<CpuTicks> cpuTicks() {
        return read(STAT).map(text -> parseCpuTicks(text, file(STAT)));
    }

    /** "cpu  user nice system idle iowait irq softirq steal ..." */
    public static CpuTicks parseCpuTicks(String text, Path source) {
        String first = text.lines().findFirst().orElse("");
        String[] f = first.strip().split("\\s+");
        if (f.length < 5 || !f[0].equals("cpu")) {
            throw new BadInputException(source, "first line is not \"cpu user nice system idle ...\": " + first);
        }
        long total = 0, idle = 0, steal = 0;
        try {
            for (int i = 1; i < f.length && i <= 8; i++) { // guest and guest_nice are already in user and nice
                long v = Long.parseLong(f[i]);
                total += v;
                if (i == 4 || i == 5) {
                    idle += v;
                }
                if (i == 8) {
                    steal = v;
                }
            }
        } catch (NumberFormatException e) {
            throw new BadInputException(source, "non-numeric CPU time: " + first);
        }
        return new CpuTicks(total - idle, steal, total);
    }

    /** This process's CPU time, utime + stime of /proc/self/stat, in clock ticks; empty where the file is missing. */
    public OptionalLong selfCpuTicks() {
        Optional<String> text = read(SELF_STAT);
        return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(parseSelfCpuTicks(text.get(), file(SELF_STAT)));
    }

    /** "pid (comm) state ...": the command name may hold spaces and parentheses, so fields count from the last ')'. */
    public static long parseSelfCpuTicks(String text, Path source) {
        int close = text.lastIndexOf(')');
        String[] f = close < 0 ? new String[0] : text.substring(close + 1).strip().split("\\s+");
        // after the name: state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15)
        if (f.length < 13) {
            throw new BadInputException(source, "not \"pid (comm) state ... utime stime\"");
        }
        try {
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (NumberFormatException e) {
            throw new BadInputException(source, "non-numeric utime or stime");
        }
    }

    /** Online CPUs: the "processor" entries of /proc/cpuinfo, else what the JVM sees. */
    public int cores() {
        long n = read(CPUINFO).map(s -> s.lines().filter(l -> l.matches("processor\\s*:.*")).count()).orElse(0L);
        return n > 0 ? (int) n : Runtime.getRuntime().availableProcessors();
    }

    /**
     * /proc/sys/vm/compact_memory exists and accepts a write: a regular file whose mode grants its
     * owner write (a read-only sysctl is 0444) and that this process may open for writing (not on a
     * read-only /proc/sys, as containers mount it). Opening does not compact; only a write does.
     */
    public boolean compactMemoryWritable() {
        Path f = file(COMPACT_MEMORY);
        try {
            return Files.isRegularFile(f)
                    && Files.getPosixFilePermissions(f).contains(PosixFilePermission.OWNER_WRITE)
                    && Files.isWritable(f);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Writes "1" to /proc/sys/vm/compact_memory: the kernel compacts every zone of every node
     * inside the write (compact_nodes()). Returns the wall nanoseconds of the write alone.
     */
    public long compactMemory() {
        Path f = file(COMPACT_MEMORY);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer one = ByteBuffer.wrap("1".getBytes(StandardCharsets.US_ASCII));
            long t0 = System.nanoTime();
            while (one.hasRemaining()) {
                ch.write(one);
            }
            return System.nanoTime() - t0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write 1 to " + f + ": " + e.getMessage(), e);
        }
    }
}
