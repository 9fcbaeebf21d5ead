package io.github.lrubench.bench;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * {@link BenchDefaults} as JMH annotations, which every benchmark class of the suite inherits: JMH
 * looks for a setting on the method, then its class, then up the superclasses (as in JMH's
 * JMHSample_24_Inheritance), so a class states only what differs, such as a contended class's
 * throughput mode. The mode here, average time in ns, is what most classes measure.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = BenchDefaults.WARMUP_ITERATIONS, time = BenchDefaults.WARMUP_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = BenchDefaults.MEASUREMENT_ITERATIONS, time = BenchDefaults.MEASUREMENT_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = BenchDefaults.FORKS, jvmArgsAppend = BenchDefaults.XMX)
public abstract class JmhDefaults {
}
