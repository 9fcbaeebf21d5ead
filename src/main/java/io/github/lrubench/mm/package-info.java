/**
 * The memory-management model: struct page and the memmap, the zone LRU and free lists, the page
 * cache ({@code address_space}), inodes and their slab cache, compaction's isolation and
 * migration, truncation and eviction, the workload that drives them, the invariant checker, and
 * the two axes under study ({@link io.github.lrubench.mm.IsolationCheck},
 * {@link io.github.lrubench.mm.InodeFreePolicy}).
 *
 * <p>Classes are named after the kernel file whose functions they model (Vmscan for mm/vmscan.c,
 * Compaction for mm/compaction.c, Migrate for mm/migrate.c, Filemap for mm/filemap.c, Truncate for
 * mm/truncate.c, Vfs for fs/inode.c) and each method names its kernel function and version, so a
 * kernel reader can hold the two side by side. Depends on the kernel and rcu packages only.
 */
package io.github.lrubench.mm;
