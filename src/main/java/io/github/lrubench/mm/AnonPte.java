package io.github.lrubench.mm;

/**
 * One present pte of a process mapping one anonymous page: what try_to_unmap() and
 * remove_migration_ptes() (mm/rmap.c, mm/migrate.c, v4.15) rewrite when the page migrates, with
 * its dirty bit. An anonymous page is dirtied the kernel's way: do_anonymous_page() makes the pte
 * dirty, not the page ({@code entry = pte_mkwrite(pte_mkdirty(entry))}); try_to_unmap_one() moves
 * the pte's dirty bit to the page ({@code if (pte_dirty(pteval)) set_page_dirty(page)});
 * migrate_page_states() carries PG_dirty to the new page, whose new pte starts clean. Nothing
 * clears an anonymous page's PG_dirty in the model (only swap-out would), so the pages that are
 * dirty are exactly those that have been migrated at least once.
 *
 * <p>Simplification: anonymous memory belongs to a long-lived process of the workload that never
 * writes to it again after the first fault, and is unmapped only at the end of a run, when no CPU
 * compacts; so migration is the only writer of the pte while the model runs, and it writes under
 * the page lock. No page-table lock is modelled.
 */
public final class AnonPte {
    /** The mapped page; rewritten by migration. */
    volatile Page page;
    /** pte_dirty(): set by the write fault that allocated the page, cleared by unmap. Written under the page lock. */
    boolean dirty;
    /** Which anonymous page of the process this is (for content checks). */
    final long id;

    AnonPte(long id) {
        this.id = id;
    }

    public Page page() {
        return page;
    }

    /** pte_dirty(). */
    public boolean dirty() {
        return dirty;
    }
}
