/**
 * The host kernel as an instrument: fragments memory with one page type, writes 1 to
 * /proc/sys/vm/compact_memory, and reads the cost of compaction per migrated page from the wall
 * time of that write and the /proc/vmstat counters. Uses only documented kernel interfaces and
 * the generic results tooling; nothing of the model or the suite.
 */
package io.github.lrubench.hostkernel;
