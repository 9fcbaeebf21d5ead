package io.github.lrubench.hostkernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fragments physical memory with one page type: allocates two halves page by page in turn (page i
 * of A, then page i of B), so the kernel hands them out interleaved, then frees B at once; B's
 * pages go back to the buddy allocator as single pages between A's. What is {@link Held} (A) stays
 * in memory while the kernel compacts and is released on {@code close()}.
 */
final class Fragmenter {
    static final int PAGE = 4096;
    /** Largest piece of a file mapped at once (a MappedByteBuffer holds at most 2 GiB). */
    static final long MAP_CHUNK = 1L << 30;

    /** Mappings that could not be unmapped: kept reachable until exit, so no GC unmaps them mid-trial. */
    private static final List<MappedByteBuffer> LEFT_MAPPED = Collections.synchronizedList(new ArrayList<>());

    private Fragmenter() {
    }

    /** The half that stays allocated while the kernel compacts. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param size  bytes over both halves (each is size/2, whole pages)
     * @param warn  where a note goes when something could not be released as planned
     */
    static Held fragment(PageType type, Scratch scratch, long size, Consumer<String> warn) {
        long half = size / 2 / PAGE * PAGE;
        return switch (type) {
            case ANON -> anon(half);
            case PAGE_CACHE_DIRTY, PAGE_CACHE_CLEAN, PAGE_CACHE_MAPPED -> file(type, scratch, half, warn);
        };
    }

    private static Held anon(long half) {
        long a = NativeMemory.allocate(half);
        long b;
        try {
            b = NativeMemory.allocate(half);
        } catch (RuntimeException | Error e) {
            NativeMemory.free(a);
            throw e;
        }
        try {
            for (long off = 0; off < half; off += PAGE) {
                NativeMemory.putByte(a + off, (byte) 1);
                NativeMemory.putByte(b + off, (byte) 1);
            }
        } catch (RuntimeException | Error e) {
            NativeMemory.free(a);
            throw e;
        } finally {
            NativeMemory.free(b);
        }
        return () -> NativeMemory.free(a);
    }

    private static Held file(PageType type, Scratch scratch, long half, Consumer<String> warn) {
        Path kept = scratch.newFile("kept");
        Path freed = scratch.newFile("freed");
        List<MappedByteBuffer> maps = new ArrayList<>();
        Held held = () -> release(scratch, kept, maps, warn);
        try {
            try (FileChannel a = FileChannel.open(kept, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                try (FileChannel b = FileChannel.open(freed, StandardOpenOption.WRITE)) {
                    ByteBuffer page = ByteBuffer.allocateDirect(PAGE);
                    while (page.hasRemaining()) {
                        page.put((byte) 0x5a);
                    }
                    for (long off = 0; off < half; off += PAGE) {
                        writePage(a, page);
                        writePage(b, page);
                    }
                }
                scratch.delete(freed);
                if (type == PageType.PAGE_CACHE_CLEAN) {
                    a.force(true); // written back: the kept file's pages are clean page cache
                }
                if (type == PageType.PAGE_CACHE_MAPPED) {
                    for (long pos = 0; pos < half; pos += MAP_CHUNK) {
                        MappedByteBuffer m = a.map(FileChannel.MapMode.READ_WRITE, pos, Math.min(MAP_CHUNK, half - pos));
                        maps.add(m);
                        for (int i = 0; i < m.capacity(); i += PAGE) {
                            m.put(i, (byte) 1); // fault every page into this process's page tables
                        }
                    }
                }
            }
            return held;
        } catch (IOException e) {
            throw releasing(held, new UncheckedIOException("cannot fragment with " + type + " in " + scratch.dir() + ": " + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw releasing(held, e);
        } catch (Error e) {
            throw releasing(held, e);
        }
    }

    /** Releases {@code held} after a failure, keeping a failure of the release as suppressed; returns the failure to throw. */
    static <T extends Throwable> T releasing(Held held, T failure) {
        try {
            held.close();
        } catch (RuntimeException | Error e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    private static void writePage(FileChannel ch, ByteBuffer page) throws IOException {
        page.clear();
        while (page.hasRemaining()) {
            ch.write(page);
        }
    }

    private static void release(Scratch scratch, Path kept, List<MappedByteBuffer> maps, Consumer<String> warn) {
        for (MappedByteBuffer m : maps) {
            try {
                NativeMemory.unmap(m);
            } catch (RuntimeException | Error e) {
                LEFT_MAPPED.add(m);
                warn.accept("could not unmap " + kept + " (" + e + "): its pages stay mapped until the JVM exits");
            }
        }
        maps.clear();
        scratch.delete(kept);
    }
}
