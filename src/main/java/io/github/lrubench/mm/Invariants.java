package io.github.lrubench.mm;

import io.github.lrubench.rcu.Rcu;

/**
 * The "nothing lost" checker, run at a quiescent point (no CPU inside the model): every pfn is
 * exactly one of free, on the LRU, waiting in a CPU's lru_add pagevec (not yet on the LRU, no
 * PG_lru, one reference of the pagevec's), or isolated by a compacting CPU (nothing is under
 * migration between passes); refcounts and nrpages agree with the page trees; no page points at
 * a freed inode; no RCU callback ran before its grace period. A violation throws
 * {@link InvariantViolation} naming the pfn or the inode.
 */
public final class Invariants {

    private static final byte UNSEEN = 0;
    private static final byte FREE = 1;
    private static final byte LRU = 2;
    private static final byte ISOLATED = 3;
    private static final byte PAGEVEC = 4;
    private static final byte BALLAST = 5;
    private static final byte HUGE = 6;

    private Invariants() {
    }

    /**
     * @param workload the workload whose files must be intact (null if none)
     * @param ccs      every compacting CPU's control, with the pages it holds isolated
     */
    public static void check(Kernel kernel, FileWorkload workload, CompactControl... ccs) {
        Zone zone = kernel.zone;
        byte[] state = new byte[zone.nrPages()];

        for (int pfn : zone.freePfnsSnapshot()) {
            Page p = zone.memmap[pfn];
            claim(state, pfn, FREE);
            if (!p.pageBuddy() || p.pageCount() != 0 || p.pageLru() || p.mapping() != null) {
                throw new InvariantViolation("pfn " + pfn + " is on the free list but " + p);
            }
        }
        zone.ballast.stream().forEach(pfn -> claim(state, pfn, BALLAST)); // Ballast: allocated for good, refcount 1
        zone.hugePages.stream().forEach(pfn -> claim(state, pfn, HUGE)); // a fault's THP: allocated, refcount 1, off the LRU
        int[] lruCount = {0};
        zone.forEachLruPage(p -> {
            claim(state, p.pfn, LRU);
            lruCount[0]++;
            if (!p.pageLru() || p.pageBuddy()) {
                throw new InvariantViolation("pfn " + p.pfn + " is on the LRU list without PG_lru: " + p);
            }
        });
        if (lruCount[0] != zone.nrLruPages()) {
            throw new InvariantViolation("LRU list holds " + lruCount[0] + " pages, counter says " + zone.nrLruPages());
        }
        kernel.swap.forEachPagevecPage(p -> {
            claim(state, p.pfn, PAGEVEC);
            if (p.pageLru() || p.pageBuddy() || p.pageCount() < 1) {
                throw new InvariantViolation("pfn " + p.pfn + " in an lru_add pagevec is in a bad state: " + p);
            }
        });
        for (CompactControl cc : ccs) {
            int[] n = {0};
            cc.forEachIsolated(p -> {
                claim(state, p.pfn, ISOLATED);
                n[0]++;
                if (p.pageLru() || p.pageBuddy() || p.pageCount() < 1) {
                    throw new InvariantViolation("isolated pfn " + p.pfn + " in a bad state: " + p);
                }
            });
            if (n[0] != cc.nrMigratepages) {
                throw new InvariantViolation("cc->nr_migratepages is " + cc.nrMigratepages + " but " + n[0] + " pages are listed");
            }
        }
        for (int pfn = 0; pfn < state.length; pfn++) {
            if (state[pfn] == UNSEEN) {
                throw new InvariantViolation("pfn " + pfn + " is lost: neither free, on the LRU, in a pagevec, nor isolated: "
                        + zone.memmap[pfn]);
            }
            Page p = zone.memmap[pfn];
            if (state[pfn] == FREE || (state[pfn] == BALLAST || state[pfn] == HUGE) && p.pageCount() == 1 && !p.pageLru()) {
                continue;
            }
            AddressSpace m = p.mapping();
            int pins = workload == null ? 0 : workload.pinCount(p);
            int isolation = state[pfn] == ISOLATED ? 1 : 0;
            int pagevec = state[pfn] == PAGEVEC ? 1 : 0;
            int expected = (m != null ? 1 : 0) + p.pageMapcount() + pins + isolation + pagevec;
            if (p.pageCount() != expected) {
                throw new InvariantViolation("pfn " + pfn + " has refcount " + p.pageCount() + ", expected " + expected
                        + " (page cache " + (m != null ? 1 : 0) + ", ptes " + p.pageMapcount() + ", pins " + pins
                        + ", isolation " + isolation + ", pagevec " + pagevec + ")");
            }
            if (p.anonPte != null && p.anonPte.page != p) {
                throw new InvariantViolation("pfn " + pfn + " is mapped by a pte that points elsewhere");
            }
            if (m != null) {
                if (m.host.isFreed()) {
                    throw new InvariantViolation("pfn " + pfn + " points at freed " + m.host);
                }
                if (p.index >= m.pageTree.length || m.pageTree[(int) p.index] != p) {
                    throw new InvariantViolation("pfn " + pfn + " claims index " + p.index + " of " + m.host
                            + " but the page tree does not hold it");
                }
            }
            if (p.pageLocked()) {
                throw new InvariantViolation("pfn " + pfn + " is still locked at a quiescent point");
            }
        }
        if (workload != null) {
            for (FileWorkload.File f : workload.files()) {
                AddressSpace m = f.inode.iData;
                if (f.inode.isFreed()) {
                    throw new InvariantViolation(f.inode + " is freed but still reachable from the workload");
                }
                int populated = 0;
                for (int i = 0; i < m.pageTree.length; i++) {
                    Page p = m.pageTree[i];
                    if (p != null) {
                        populated++;
                        if (p.mapping() != m || p.index != i) {
                            throw new InvariantViolation(f.inode + " slot " + i + " holds pfn " + p.pfn
                                    + " whose mapping/index disagree");
                        }
                    }
                }
                if (populated != m.nrpages()) {
                    throw new InvariantViolation(f.inode + " has nrpages " + m.nrpages() + " but " + populated
                            + " populated slots");
                }
            }
        }
        checkRcu(kernel.rcuSched);
        checkRcu(kernel.rcuPreempt);
    }

    private static void checkRcu(Rcu rcu) {
        long early = rcu.stats().earlyCallbacks();
        if (early != 0) {
            throw new InvariantViolation(early + " " + rcu.flavour() + " RCU callbacks ran before their grace period ended");
        }
    }

    private static void claim(byte[] state, int pfn, byte s) {
        if (state[pfn] != UNSEEN) {
            throw new InvariantViolation("pfn " + pfn + " is both " + name(state[pfn]) + " and " + name(s));
        }
        state[pfn] = s;
    }

    private static String name(byte s) {
        switch (s) {
            case FREE: return "free";
            case LRU: return "on the LRU";
            case ISOLATED: return "isolated";
            case PAGEVEC: return "in a pagevec";
            case BALLAST: return "ballast";
            case HUGE: return "a fault's huge page";
            default: return "unseen";
        }
    }
}
