package io.github.lrubench.mm;

/**
 * One present pte of a process mapping one anonymous page: what try_to_unmap() and
 * remove_migration_ptes() (mm/rmap.c, mm/migrate.c, v4.15) rewrite when the page migrates.
 *
 * <p>Simplification: anonymous memory belongs to a long-lived process of the workload and is
 * unmapped only at the end of a run, when no CPU compacts; so migration is the only writer while
 * the model runs, and it writes under the page lock. No page-table lock is modelled.
 */
public final class AnonPte {
    /** The mapped page; rewritten by migration. */
    volatile Page page;
    /** Which anonymous page of the process this is (for content checks). */
    final long id;

    AnonPte(long id) {
        this.id = id;
    }

    public Page page() {
        return page;
    }
}
