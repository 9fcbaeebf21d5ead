package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded file workload, driven by one task on one CPU: create files and fill them with pages
 * (write(2) into the page cache), some dirty, some under writeback, some pinned, then truncate and
 * unlink them (iput() -> evict()). Each file operation is a system call: the task enters the
 * kernel at its start ({@link Cpu#enterFromUserMode()}) and returns to user space at its end
 * ({@link Cpu#exitToUserMode()}). Returning to user space is no context switch and reports
 * nothing by itself; a scheduler tick that lands between two system calls lands in user mode and
 * is a quiescent state for every RCU flavour (rcu_check_callbacks(1)), and only such a tick: the
 * task's user mode lasts as long as the caller's code between two calls, so these ticks are rare.
 *
 * <p>Pinned pages hold one extra reference taken by "another user" (a concurrent read(2)'s
 * find_get_page(), a GUP pin, another CPU's pagevec), from the write or from just before the
 * truncation ({@link PinAt}), and dropped only after the inode was evicted.
 * Jan Kara's trace needs exactly this: truncation's last put, pagevec_release() ->
 * release_pages() of its lookup references, is "not the last ref", so the page stays on the LRU,
 * with page->mapping already NULL, while its inode is freed. Without another reference,
 * release_pages() would need the LRU lock, which the compacting CPU holds, and the race could not
 * happen for that page. Nor can it when the truncating CPU's own lru_add pagevec still holds pages
 * (see {@link Config#drainAfterWrite()}).
 */
public final class FileWorkload {

    /**
     * @param seed                  random seed (the workload is reproducible)
     * @param minPages              smallest file, in pages, 1..4096
     * @param maxPages              largest file, in pages, minPages..4096
     * @param dirtyFraction         share of file pages left dirty, 0..1 (anonymous pages are
     *                              dirtied by migration, see {@link AnonPte})
     * @param writebackFraction     share of pages under writeback, 0..1
     * @param pinnedFraction        share of pages with an extra reference until after eviction, 0..1
     * @param noMigratepageFraction share of files whose a_ops lacks migratepage, 0..1
     * @param drainAfterWrite       the writing CPU's lru_add pagevec is drained once a file is
     *                              written (or the anonymous memory faulted in), as a full pagevec,
     *                              the task's next munmap() or exit, writeback it starts or any
     *                              other lru_add_drain() would; the pages are on the LRU from then.
     *                              False: they wait in the pagevec until the task's next
     *                              truncation drains it, which takes the LRU lock between clearing
     *                              page->mapping and destroy_inode() and so closes Jan Kara's
     *                              window (the page is never on the LRU with its mapping set, and
     *                              the inode is never freed inside a compacting CPU's lock hold)
     * @param pinAt                 when the other user takes its pins ({@link PinAt})
     * @param writebackFiles        I/O completion: the writeback a file's write started ends
     *                              (end_page_writeback()) once the writer has written this many
     *                              further files, or earlier if a task sleeps for it; 0: it never
     *                              ends by itself, only while a task sleeps for it (truncation's
     *                              wait_on_page_writeback()), the workload before issue 20
     */
    public record Config(long seed, int minPages, int maxPages, double dirtyFraction, double writebackFraction,
                         double pinnedFraction, double noMigratepageFraction, boolean drainAfterWrite,
                         PinAt pinAt, int writebackFiles) {
        /** Pins held for the file's whole life, writeback that never completes (before issue 20). */
        public Config(long seed, int minPages, int maxPages, double dirtyFraction, double writebackFraction,
                      double pinnedFraction, double noMigratepageFraction, boolean drainAfterWrite) {
            this(seed, minPages, maxPages, dirtyFraction, writebackFraction, pinnedFraction, noMigratepageFraction,
                    drainAfterWrite, PinAt.WRITE, 0);
        }

        /** The workload with the writer's pagevec drained after each file ({@code drainAfterWrite}). */
        public Config(long seed, int minPages, int maxPages, double dirtyFraction, double writebackFraction,
                      double pinnedFraction, double noMigratepageFraction) {
            this(seed, minPages, maxPages, dirtyFraction, writebackFraction, pinnedFraction, noMigratepageFraction, true);
        }

        public Config {
            if (minPages < 1 || minPages > 4096) {
                throw new IllegalArgumentException("minPages must be in 1..4096, was " + minPages);
            }
            if (maxPages < minPages || maxPages > 4096) {
                throw new IllegalArgumentException("maxPages must be in minPages(" + minPages + ")..4096, was " + maxPages);
            }
            fraction("dirtyFraction", dirtyFraction);
            fraction("writebackFraction", writebackFraction);
            fraction("pinnedFraction", pinnedFraction);
            fraction("noMigratepageFraction", noMigratepageFraction);
            if (pinAt == null) {
                throw new IllegalArgumentException("pinAt must not be null");
            }
            if (writebackFiles < 0) {
                throw new IllegalArgumentException("writebackFiles must be >= 0, was " + writebackFiles);
            }
            if (dirtyFraction + writebackFraction > 1.0) {
                throw new IllegalArgumentException("dirtyFraction + writebackFraction must be <= 1, was "
                        + (dirtyFraction + writebackFraction));
            }
        }

        private static void fraction(String field, double v) {
            if (!(v >= 0.0 && v <= 1.0)) {
                throw new IllegalArgumentException(field + " must be in 0..1, was " + v);
            }
        }

        /**
         * Files of 1..8 pages, half dirty, 5% under writeback, none pinned, all migratable, the
         * writer's pagevec drained after each file.
         */
        public static Config defaults(long seed) {
            return new Config(seed, 1, 8, 0.5, 0.05, 0.0, 0.0);
        }

        // Plain per-field withers: each result passes the canonical constructor's validation.

        public Config withSeed(long v) {
            return new Config(v, minPages, maxPages, dirtyFraction, writebackFraction, pinnedFraction, noMigratepageFraction, drainAfterWrite, pinAt, writebackFiles);
        }

        public Config withMinPages(int v) {
            return new Config(seed, v, maxPages, dirtyFraction, writebackFraction, pinnedFraction, noMigratepageFraction, drainAfterWrite, pinAt, writebackFiles);
        }

        public Config withMaxPages(int v) {
            return new Config(seed, minPages, v, dirtyFraction, writebackFraction, pinnedFraction, noMigratepageFraction, drainAfterWrite, pinAt, writebackFiles);
        }

        /** Both bounds at once, as min <= max must hold after every step. */
        public Config withPages(int min, int max) {
            return new Config(seed, min, max, dirtyFraction, writebackFraction, pinnedFraction, noMigratepageFraction, drainAfterWrite, pinAt, writebackFiles);
        }

        public Config withDirtyFraction(double v) {
            return new Config(seed, minPages, maxPages, v, writebackFraction, pinnedFraction, noMigratepageFraction, drainAfterWrite, pinAt, writebackFiles);
        }

        public Config withWritebackFraction(double v) {
            return new Config(seed, minPages, maxPages, dirtyFraction, v, pinnedFraction, noMigratepageFraction, drainAfterWrite, pinAt, writebackFiles);
        }

        /** Both at once, as their sum is bounded: one at a time may pass through an invalid pair. */
        public Config withDirtyAndWriteback(double dirty, double writeback) {
            return new Config(seed, minPages, maxPages, dirty, writeback, pinnedFraction, noMigratepageFraction, drainAfterWrite, pinAt, writebackFiles);
        }

        public Config withPinnedFraction(double v) {
            return new Config(seed, minPages, maxPages, dirtyFraction, writebackFraction, v, noMigratepageFraction, drainAfterWrite, pinAt, writebackFiles);
        }

        public Config withDrainAfterWrite(boolean v) {
            return new Config(seed, minPages, maxPages, dirtyFraction, writebackFraction, pinnedFraction, noMigratepageFraction, v, pinAt, writebackFiles);
        }

        public Config withPinAt(PinAt v) {
            return new Config(seed, minPages, maxPages, dirtyFraction, writebackFraction, pinnedFraction, noMigratepageFraction, drainAfterWrite, v, writebackFiles);
        }

        public Config withWritebackFiles(int v) {
            return new Config(seed, minPages, maxPages, dirtyFraction, writebackFraction, pinnedFraction, noMigratepageFraction, drainAfterWrite, pinAt, v);
        }

        public Config withNoMigratepageFraction(double v) {
            return new Config(seed, minPages, maxPages, dirtyFraction, writebackFraction, pinnedFraction, v, drainAfterWrite, pinAt, writebackFiles);
        }
    }

    /**
     * When "another user" takes its extra reference on the pages drawn as pinned (the same pages
     * either way: the draw happens at write time, so the zone's layout does not depend on it).
     */
    public enum PinAt {
        /** At write time, held for the file's whole life (a long-lived GUP pin or mapping). */
        WRITE,
        /**
         * Just before the file's truncate_inode_pages_range(), by a lookup as a concurrent
         * read(2)'s find_get_page() takes one, dropped after evict(): all Jan Kara's trace needs
         * ("put_page: not the last ref" across truncation and the inode's free), and no longer.
         * Between write and truncation the pages are migratable.
         */
        TRUNCATE
    }

    /** A file of the workload: its inode and the pages another user pins. */
    public static final class File {
        final Inode inode;
        final long ino;
        final int nrPages;
        final List<Page> pinned = new ArrayList<>(0);
        /** Indices drawn as pinned, for {@link PinAt#TRUNCATE}. */
        final List<Integer> pinIndices = new ArrayList<>(0);
        /** Indices whose write started writeback, until its I/O completes ({@link Config#writebackFiles()}). */
        final List<Integer> writebackIndices = new ArrayList<>(0);
        /** filesCreated when it was written: its I/O's start on the writer's clock. */
        long writtenAt;

        File(Inode inode, int nrPages) {
            this.inode = inode;
            this.ino = inode.ino;
            this.nrPages = nrPages;
        }

        public Inode inode() {
            return inode;
        }

        public int nrPages() {
            return nrPages;
        }
    }

    private final Kernel kernel;
    private final Config config;
    private final SplittableRandom rnd;
    private final ArrayDeque<File> files = new ArrayDeque<>();
    /** Live files with writeback in flight, oldest first. Owner thread only. */
    private final ArrayDeque<File> writebackInFlight = new ArrayDeque<>();
    /** Extra references held per pfn by the simulated other users. Owner thread only. */
    private final int[] pins;
    /** The long-lived process's anonymous memory, one pte per page. */
    private final List<AnonPte> anon = new ArrayList<>();
    private long filesCreated;
    private long filesEvicted;

    public FileWorkload(Kernel kernel, Config config) {
        this.kernel = kernel;
        this.config = config;
        this.rnd = new SplittableRandom(config.seed());
        this.pins = new int[kernel.zone.nrPages()];
    }

    public Config config() {
        return config;
    }

    /**
     * Creates one file and fills it (open(O_CREAT) + write(2)). Returns null if the zone had no
     * free page for it; a file may come out shorter than drawn if memory runs out midway.
     */
    public File createFile(Cpu cpu) {
        Zone zone = kernel.zone;
        int n = config.minPages() + rnd.nextInt(config.maxPages() - config.minPages() + 1);
        if (zone.nrFreePages() < n) {
            return null;
        }
        AddressSpaceOperations aOps = rnd.nextDouble() < config.noMigratepageFraction()
                ? AddressSpaceOperations.WITHOUT_MIGRATEPAGE : AddressSpaceOperations.WITH_MIGRATEPAGE;
        cpu.enterFromUserMode();
        Inode inode = kernel.vfs.newInode(aOps, n);
        File file = new File(inode, n);
        for (int index = 0; index < n; index++) {
            Page page = zone.allocPage(cpu);
            if (page == null) {
                break;
            }
            zone.fillPage(page, inode.ino, index);
            kernel.filemap.addToPageCacheLru(cpu, page, inode.iData, index);
            double r = rnd.nextDouble();
            if (r < config.dirtyFraction()) {
                page.setBit(Page.PG_DIRTY); // set_page_dirty()
            } else if (r < config.dirtyFraction() + config.writebackFraction()) {
                page.setBit(Page.PG_WRITEBACK); // clear_page_dirty_for_io() + set_page_writeback()
                file.writebackIndices.add(index);
            }
            if (rnd.nextDouble() < config.pinnedFraction()) {
                if (config.pinAt() == PinAt.WRITE) {
                    page.getPage();
                    pins[page.pfn]++;
                    file.pinned.add(page);
                } else {
                    file.pinIndices.add(index);
                }
            }
            zone.putPage(cpu, page); // the allocation reference; the page cache keeps its own
        }
        if (config.drainAfterWrite()) {
            kernel.swap.lruAddDrain(cpu);
        }
        files.addLast(file);
        file.writtenAt = filesCreated;
        filesCreated++;
        if (!file.writebackIndices.isEmpty()) {
            writebackInFlight.addLast(file);
        }
        cpu.exitToUserMode(); // back to user space between system calls
        completeWriteback(cpu);
        return file;
    }

    /**
     * The I/O completion of the writeback that files written {@link Config#writebackFiles()} or
     * more files ago started: end_page_writeback() (mm/filemap.c, v4.15) of each such page still
     * under writeback, as the block device's completion interrupt (bio_endio() ->
     * end_buffer_async_write() or mpage_end_io()) runs it, here on the writer's CPU. The bound is
     * in files written, not in time, so that a run is reproducible: on a machine whose disk keeps
     * up with the writer, the pages under writeback are those of its last few files, not 5% of
     * every file it ever wrote. The page is looked up by index (find_get_page()) with a
     * reference, as a live file's page may have been migrated since (once a sleeping waiter has
     * completed its I/O: migration never moves a page under writeback).
     */
    private void completeWriteback(Cpu cpu) {
        int bound = config.writebackFiles();
        if (bound == 0) {
            return;
        }
        File f;
        while ((f = writebackInFlight.peekFirst()) != null && filesCreated - f.writtenAt > bound) {
            writebackInFlight.removeFirst();
            cpu.enterFromUserMode(); // the completion interrupt, taken in the kernel
            for (int index : f.writebackIndices) {
                Page page = kernel.filemap.findGetPage(cpu, f.inode.iData, index);
                if (page != null) {
                    Filemap.endPageWriteback(page);
                    kernel.zone.putPage(cpu, page);
                }
            }
            f.writebackIndices.clear();
            cpu.exitToUserMode();
        }
    }

    /**
     * do_anonymous_page() (mm/memory.c, v4.15) {@code n} times for the workload's long-lived
     * process, each a write fault: a new page, mapped by one pte (its reference), added to the LRU
     * through this CPU's pagevec (lru_cache_add_active_or_unevictable()). The pte is dirty, the
     * page is not ({@code entry = pte_mkwrite(pte_mkdirty(entry))}): PG_dirty comes only when
     * migration unmaps it (see {@link AnonPte}). page_mapping() of these pages is NULL: a dirty
     * one is what the v4.16 inversion refused. They stay mapped until {@link #exitMm}.
     */
    public int populateAnon(Cpu cpu, int n) {
        Zone zone = kernel.zone;
        int created = 0;
        cpu.enterFromUserMode();
        for (; created < n; created++) {
            Page page = zone.allocPage(cpu); // its reference becomes the pte's
            if (page == null) {
                break;
            }
            AnonPte pte = new AnonPte(anon.size());
            zone.fillPage(page, anonIno(pte), 0);
            page.setBit(Page.PG_ANON); // page_add_new_anon_rmap()
            page.anonPte = pte;
            pte.dirty = true; // VM_WRITE: pte_mkdirty()
            pte.page = page;
            kernel.swap.lruCacheAdd(cpu, page);
            anon.add(pte);
        }
        if (config.drainAfterWrite()) {
            kernel.swap.lruAddDrain(cpu);
        }
        cpu.exitToUserMode();
        return created;
    }

    /**
     * exit_mmap() (mm/memory.c, mm/mmap.c, v4.15): lru_add_drain(), then zap_pte_range() gathers
     * the anonymous pages and tlb_finish_mmu() -> free_pages_and_swap_cache() -> release_pages()
     * drops the ptes' references in batches.
     */
    public void exitMm(Cpu cpu) {
        cpu.enterFromUserMode();
        Swap swap = kernel.swap;
        swap.lruAddDrain(cpu);
        Page[] batch = new Page[Swap.PAGEVEC_SIZE];
        int n = 0;
        for (AnonPte pte : anon) {
            Page page = pte.page;
            pte.page = null;
            page.anonPte = null; // page_remove_rmap()
            batch[n++] = page;
            if (n == batch.length) {
                swap.releasePages(cpu, batch, n);
                n = 0;
            }
        }
        swap.releasePages(cpu, batch, n);
        anon.clear();
        cpu.exitToUserMode();
    }

    private static long anonIno(AnonPte pte) {
        return -1 - pte.id;
    }

    /** Creates files until at most {@code freeReserve} pages are left free. Returns files created. */
    public int populate(Cpu cpu, int freeReserve) {
        int created = 0;
        while (kernel.zone.nrFreePages() - config.maxPages() >= freeReserve) {
            if (createFile(cpu) == null) {
                break;
            }
            created++;
        }
        return created;
    }

    /**
     * Creates files until at most {@code freeReserve} pages are left free, as {@link #populate}
     * does, with the long-lived process's anonymous memory faulted in between them
     * ({@link #populateAnon}, one page at a time) so that about {@code anonShare} of the pages in
     * use are anonymous, spread over the zone as the files are. Returns files created.
     */
    public int populateWithAnon(Cpu cpu, int freeReserve, double anonShare) {
        int created = 0;
        while (kernel.zone.nrFreePages() - config.maxPages() >= freeReserve) {
            if (createFile(cpu) == null) {
                break;
            }
            created++;
            int used = kernel.zone.nrPages() - kernel.zone.nrFreePages();
            while (anon.size() < anonShare * used && kernel.zone.nrFreePages() > freeReserve) {
                populateAnon(cpu, 1);
            }
        }
        return created;
    }

    /**
     * Evicts files drawn at random (the workload's seeded generator) until at least
     * {@code freePages} pages of the zone are free: what a filled machine looks like after some of
     * its files went, the free memory in holes of a file's size spread over every pageblock the
     * files took, none of them free (as {@code hostkernel.Fragmenter} leaves a real zone). Returns
     * the files evicted.
     */
    public int fragment(Cpu cpu, int freePages) {
        List<File> live = new ArrayList<>(files);
        int evicted = 0;
        while (kernel.zone.nrFreePages() < freePages && !live.isEmpty()) {
            int i = rnd.nextInt(live.size());
            File f = live.get(i);
            live.set(i, live.get(live.size() - 1));
            live.remove(live.size() - 1);
            truncateAndEvict(cpu, f);
            evicted++;
        }
        return evicted;
    }

    /**
     * truncate(2) to zero and unlink(2) of a file: iput_final() -> evict() (with the inode free
     * policy), then the other user drops its pins.
     */
    public void truncateAndEvict(Cpu cpu, File file) {
        if (!files.remove(file)) {
            throw new IllegalArgumentException("not a live file of this workload: inode " + file.ino);
        }
        if (!file.writebackIndices.isEmpty()) {
            // Truncation waits for the I/O (wait_on_page_writeback() in its second pass).
            writebackInFlight.remove(file);
            file.writebackIndices.clear();
        }
        cpu.enterFromUserMode();
        if (config.pinAt() == PinAt.TRUNCATE) {
            pinForTruncation(cpu, file);
        }
        kernel.vfs.evict(cpu, file.inode);
        cpu.exitToUserMode();
        releasePins(cpu, file);
    }

    /**
     * {@link PinAt#TRUNCATE}: the other user's find_get_page() (mm/filemap.c, v4.15) of each page
     * drawn as pinned, just before truncation, wherever migration moved it since; its reference
     * outlives evict() ({@link #releasePins}).
     */
    private void pinForTruncation(Cpu cpu, File file) {
        for (int index : file.pinIndices) {
            Page page = kernel.filemap.findGetPage(cpu, file.inode.iData, index);
            if (page != null) {
                pins[page.pfn]++;
                file.pinned.add(page);
            }
        }
    }

    private void releasePins(Cpu cpu, File file) {
        cpu.enterFromUserMode();
        for (Page page : file.pinned) {
            pins[page.pfn]--;
            kernel.zone.putPage(cpu, page);
        }
        file.pinned.clear();
        filesEvicted++;
        cpu.exitToUserMode();
    }

    /** One step of the steady state: evict the oldest file, create a new one. */
    public void step(Cpu cpu) {
        File oldest = files.peekFirst();
        if (oldest != null) {
            truncateAndEvict(cpu, oldest);
        }
        createFile(cpu);
    }

    /** Evicts every file (the end of a run). */
    public void evictAll(Cpu cpu) {
        while (!files.isEmpty()) {
            truncateAndEvict(cpu, files.peekFirst());
        }
    }

    public List<File> files() {
        return List.copyOf(files);
    }

    public long filesCreated() {
        return filesCreated;
    }

    public long filesEvicted() {
        return filesEvicted;
    }

    /** The process's anonymous ptes, in fault order. */
    public List<AnonPte> anonPtes() {
        return List.copyOf(anon);
    }

    /** Extra references the simulated other users hold on this page. */
    int pinCount(Page page) {
        return pins[page.pfn];
    }

    /**
     * Checks that every live file's pages hold exactly the bytes written into them, wherever
     * migration moved them. Call at a quiescent point.
     */
    public void verifyContents() {
        Zone zone = kernel.zone;
        for (AnonPte pte : anon) {
            Page p = pte.page;
            if (p.anonPte != pte || !zone.pageHolds(p, anonIno(pte), 0)) {
                throw new InvariantViolation("anonymous page " + pte.id + " (pfn " + p.pfn
                        + ") lost its pte or its contents");
            }
        }
        for (File f : files) {
            Page[] tree = f.inode.iData.pageTree;
            for (int i = 0; i < tree.length; i++) {
                Page p = tree[i];
                if (p != null && !zone.pageHolds(p, f.ino, i)) {
                    throw new InvariantViolation("contents of inode " + f.ino + " index " + i + " (pfn " + p.pfn
                            + ") differ from what was written");
                }
            }
        }
    }
}
