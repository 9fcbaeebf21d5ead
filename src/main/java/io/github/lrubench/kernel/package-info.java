/**
 * Kernel primitives: simulated CPUs with IRQ and preempt state, jiffies and the scheduler tick
 * (a timer interrupt each CPU takes only where its IRQs are on), user mode and idle, spinlocks
 * with the irqsave variants, atomic page-flag bit operations with the kernel's ordering, and
 * might_sleep().
 *
 * <p>Nothing here knows about memory management, RCU internals, JMH or results. A simulated CPU
 * is a Java thread that owns a {@link io.github.lrubench.kernel.Cpu} record and passes it
 * explicitly (the Java spelling of {@code this_cpu}); no thread-local lookup sits on a hot path.
 */
package io.github.lrubench.kernel;
