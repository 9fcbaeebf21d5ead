/**
 * The JMH benchmarks: one class per question, both fix axes as enum parameters. Defaults (forks,
 * warmup, measurement) live in {@link io.github.lrubench.bench.BenchDefaults}, and every class
 * inherits them from {@link io.github.lrubench.bench.JmhDefaults}; override any of them with JMH's
 * own flags ({@code -f -wi -i -w -r -p -tg}). A run's plan and its time estimates are
 * {@link io.github.lrubench.bench.RunPlan}'s. Every benchmark that drives the
 * model checks its invariants at each iteration teardown: a broken model fails the run (run with
 * {@code -foe true}) instead of reporting a number.
 *
 * <p>This machine has 2 cores: a 1+1 {@code @Group} (compacting CPU + truncating CPU) already
 * fills it, and the RCU grace-period thread competes with both.
 */
package io.github.lrubench.bench;
