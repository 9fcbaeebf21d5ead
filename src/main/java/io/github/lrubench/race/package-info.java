/**
 * The truncate vs {@code __isolate_lru_page()} race end to end: the two-CPU stress that drives the
 * model ({@link io.github.lrubench.race.RaceStress}), the outcome row and its verdict, the table
 * written as race.csv and race.json and read back for the report, and the run of that table over
 * a list of isolation checks x inode free policies.
 *
 * <p>Uses the model (mm, kernel) through its public API only, and the generic result-file helpers
 * of {@code io.github.lrubench.results}; knows nothing of JMH or the command line.
 */
package io.github.lrubench.race;
