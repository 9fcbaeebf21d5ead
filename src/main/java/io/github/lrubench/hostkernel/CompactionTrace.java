package io.github.lrubench.hostkernel;

import io.github.lrubench.results.BadInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compaction events of an ftrace buffer ({@link TraceInstance}), read as text and matched into
 * compactions: an {@code mm_compaction_begin} opens one on its task, the isolation and migration
 * events of that task are its work, the task's {@code mm_compaction_end} closes it. One
 * begin/end pair is one {@code compact_zone()} (mm/compaction.c). Work seen on a task with no
 * open begin (its begin fell before tracing started) is kept apart as unmatched work, and so is a
 * begin whose end never came (tracing stopped first, or the end was lost).
 *
 * <p>The begin and end events print "sync" for every mode but MIGRATE_ASYNC ({@code cc->mode !=
 * MIGRATE_ASYNC}), so sync-light and sync are told apart by {@code mm_migrate_pages}, which names
 * the migration mode.
 */
public final class CompactionTrace {
    /** "  kcompactd0-38  [001] .....  6825.210790: mm_compaction_begin: zone_start=0x1 ..." (the flags column is optional). */
    private static final Pattern LINE = Pattern.compile(
            "^\\s*(.+)-(\\d+)\\s+(?:\\(\\s*[-\\d]+\\)\\s+)?\\[(\\d+)]\\s+(?:\\S+\\s+)?(\\d+)\\.(\\d+):\\s+(\\w+):\\s?(.*)$");
    private static final Pattern FIELD = Pattern.compile("(\\w+)=([^\\s,]+)");
    /** "entries-in-buffer/entries-written: 33667/33667" */
    private static final Pattern ENTRIES = Pattern.compile("entries-in-buffer/entries-written:\\s*(\\d+)/(\\d+)");

    private final List<Event> events;
    private final long lost;

    private CompactionTrace(List<Event> events, long lost) {
        this.events = events;
        this.lost = lost;
    }

    /** One trace line. */
    public record Event(String comm, int pid, int cpu, long ns, String name, Map<String, String> fields) {
        long number(String field) {
            String v = fields.get(field);
            if (v == null) {
                return 0;
            }
            return v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
        }
    }

    /**
     * Reads trace text; comment lines and events it does not use are skipped, a malformed event line
     * is a BadInputException naming {@code source} and the line.
     */
    public static CompactionTrace parse(String text, Path source) {
        List<Event> out = new ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>();
        for (TraceInstance.Event e : TraceInstance.Event.values()) {
            wanted.add(e.traceName());
        }
        long lost = 0;
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.startsWith("#")) {
                Matcher m = ENTRIES.matcher(line);
                if (m.find()) {
                    lost = Math.max(0, Long.parseLong(m.group(2)) - Long.parseLong(m.group(1)));
                }
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                if (line.contains(": mm_")) {
                    throw new BadInputException(source, "line " + lineNo + ": not a trace event line: " + line.strip());
                }
                continue; // e.g. "CPU:1 [LOST 12 EVENTS]" is counted by the header
            }
            String name = m.group(6);
            if (!wanted.contains(name)) {
                continue;
            }
            String frac = (m.group(5) + "000000000").substring(0, 9);
            long ns = Long.parseLong(m.group(4)) * 1_000_000_000L + Long.parseLong(frac);
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher f = FIELD.matcher(m.group(7));
            while (f.find()) {
                fields.put(f.group(1), f.group(2));
            }
            out.add(new Event(m.group(1).strip(), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), ns, name,
                    Collections.unmodifiableMap(fields)));
        }
        return new CompactionTrace(List.copyOf(out), lost);
    }

    public List<Event> events() {
        return events;
    }

    /** Events the ring buffer overwrote before it was read (the header's written less in-buffer). */
    public long lost() {
        return lost;
    }

    /**
     * What compaction did: pfns the migrate scanner scanned and pages it isolated
     * ({@code mm_compaction_isolate_migratepages}), pages migrated and failed
     * ({@code mm_compaction_migratepages}), and the migration modes {@code mm_migrate_pages} named.
     */
    public record Work(long scanned, long taken, long migrated, long failed, Set<String> migrateModes) {
        static final Work NONE = new Work(0, 0, 0, 0, Set.of());

        Work plus(Work o) {
            Set<String> modes = new LinkedHashSet<>(migrateModes);
            modes.addAll(o.migrateModes);
            return new Work(scanned + o.scanned, taken + o.taken, migrated + o.migrated, failed + o.failed, Collections.unmodifiableSet(modes));
        }

        static Work of(Event e) {
            return switch (e.name()) {
                case "mm_compaction_isolate_migratepages" -> new Work(e.number("nr_scanned"), e.number("nr_taken"), 0, 0, Set.of());
                case "mm_compaction_migratepages" -> new Work(0, 0, e.number("nr_migrated"), e.number("nr_failed"), Set.of());
                case "mm_migrate_pages" -> new Work(0, 0, 0, 0, e.fields().containsKey("mode") ? Set.of(e.fields().get("mode")) : Set.of());
                default -> NONE;
            };
        }
    }

    /**
     * One compaction of one zone by one task.
     *
     * @param beginNs  its mm_compaction_begin
     * @param endNs    its mm_compaction_end; -1 when no end was seen
     * @param async    the begin's mode: true for MIGRATE_ASYNC, false for every other mode ("sync")
     * @param status   the end's status ("success", "partial_skipped", "contended", ...); null without an end
     * @param work     what it did between begin and end
     */
    public record Compaction(String comm, int pid, long beginNs, long endNs, boolean async, String status, Work work) {
        public boolean matched() {
            return endNs >= 0;
        }

        public long nanos() {
            return matched() ? endNs - beginNs : -1;
        }

        /** compact_finished() found a free block of the requested order: the allocation that asked could be served. */
        public boolean succeeded() {
            return "success".equals(status);
        }
    }

    /** What the chosen tasks did in a window of time. */
    public record Window(List<Compaction> compactions, Work unmatched, Work all, int attempts) {
        public List<Compaction> matched() {
            return compactions.stream().filter(Compaction::matched).toList();
        }
    }

    /**
     * The compactions of the tasks {@code task} accepts, with events in [fromNs, toNs): matched pairs,
     * begins without an end, work outside any pair, and direct-compaction attempts
     * ({@code mm_compaction_try_to_compact_pages}, one per allocation that tried).
     */
    public Window window(IntPredicate task, long fromNs, long toNs) {
        Map<Integer, Compaction> open = new HashMap<>();
        Map<Integer, Work> openWork = new HashMap<>();
        List<Compaction> done = new ArrayList<>();
        Work unmatched = Work.NONE, all = Work.NONE;
        int attempts = 0;
        for (Event e : events) {
            if (e.ns() < fromNs || e.ns() >= toNs || !task.test(e.pid())) { // [from, to): adjacent windows share no event
                continue;
            }
            switch (e.name()) {
                case "mm_compaction_begin" -> {
                    Compaction prev = open.remove(e.pid());
                    if (prev != null) { // a second begin: the first one's end was lost
                        done.add(withWork(prev, openWork.remove(e.pid())));
                    }
                    open.put(e.pid(), new Compaction(e.comm(), e.pid(), e.ns(), -1, "async".equals(e.fields().get("mode")), null, Work.NONE));
                    openWork.put(e.pid(), Work.NONE);
                }
                case "mm_compaction_end" -> {
                    Compaction c = open.remove(e.pid());
                    if (c != null) {
                        done.add(new Compaction(c.comm(), c.pid(), c.beginNs(), e.ns(), c.async(), e.fields().get("status"), openWork.remove(e.pid())));
                    }
                }
                case "mm_compaction_try_to_compact_pages" -> attempts++;
                default -> {
                    Work w = Work.of(e);
                    all = all.plus(w);
                    if (open.containsKey(e.pid())) {
                        openWork.merge(e.pid(), w, Work::plus);
                    } else {
                        unmatched = unmatched.plus(w);
                    }
                }
            }
        }
        for (Map.Entry<Integer, Compaction> o : open.entrySet()) {
            done.add(withWork(o.getValue(), openWork.get(o.getKey())));
        }
        done.sort((a, b) -> Long.compare(a.beginNs(), b.beginNs()));
        return new Window(List.copyOf(done), unmatched, all, attempts);
    }

    private static Compaction withWork(Compaction c, Work w) {
        return new Compaction(c.comm(), c.pid(), c.beginNs(), -1, c.async(), null, w == null ? Work.NONE : w);
    }
}
