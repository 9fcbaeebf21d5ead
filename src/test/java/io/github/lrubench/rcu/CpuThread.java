package io.github.lrubench.rcu;

import io.github.lrubench.kernel.Cpu;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** A test thread that owns one simulated CPU and runs tasks on it, one at a time. */
final class CpuThread implements AutoCloseable {

    final Cpu cpu;
    private final ExecutorService ex;

    CpuThread(Cpu cpu) {
        this.cpu = cpu;
        this.ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-" + cpu);
            t.setDaemon(true);
            return t;
        });
    }

    <T> Future<T> submit(Callable<T> task) {
        return ex.submit(task);
    }

    Future<?> submit(Runnable task) {
        return ex.submit(task);
    }

    @Override
    public void close() {
        ex.shutdownNow();
        try {
            ex.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls {@code condition} until it holds or {@code millis} pass. */
    static boolean within(long millis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    /** True if {@code condition} stayed false for the whole {@code millis}. */
    static boolean staysFalseFor(long millis, BooleanSupplier condition) {
        return !within(millis, condition);
    }
}
