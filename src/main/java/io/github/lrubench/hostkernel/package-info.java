/**
 * The host kernel as an instrument, per compaction mode ({@link io.github.lrubench.hostkernel.CompactionMode}).
 * The check runs wherever {@code cc->mode != MIGRATE_SYNC}; so direct async compaction for THP
 * faults and kcompactd's proactive sync-light compaction are measured per check, from a private
 * ftrace instance, on memory filled with dirty page cache whose every other page is freed; a write
 * to /proc/sys/vm/compact_memory (MIGRATE_SYNC, which runs no check) is kept as the per-migrated-page
 * reference. Every kernel setting changed is restored. Uses only documented kernel interfaces, libc
 * through JNA where Java cannot reach a system call, and the generic results tooling; nothing of
 * the model or the suite.
 */
package io.github.lrubench.hostkernel;
