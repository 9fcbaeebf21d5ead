package io.github.lrubench.hostkernel;

import com.sun.jna.LastErrorException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/**
 * Fills memory with dirty page cache and frees every other page: one file written with 1 MiB
 * writes (the allocator hands its pages out in physical order), then {@code fallocate(PUNCH_HOLE)}
 * on every odd page. What is left is order-0 free pages between kept dirty file pages, everywhere
 * the file landed: the state in which a THP fault finds no free pageblock and compacts. One file
 * written in large chunks then punched takes one system call per 1 MiB plus one per freed page; two
 * files written a page at a time in turn (what {@link Fragmenter} does for the small compact_memory
 * trials) take two per page. On the dev VM the difference is small all the same (about 11.5 µs a
 * page here, 63.8 s for 21.6 GiB, against 13 µs for the interleaved writes in a trial by hand): the
 * VM backing each page at its first touch dominates both.
 *
 * <p>On tmpfs the kept pages are dirty and unmapped, never written back: every page the migrate
 * scanner isolates passes through the check. On a disk file system they carry buffer heads and
 * are written back after dirty_expire_centisecs (30 s by default), so some are clean or under
 * writeback by the time compaction reaches them.
 */
final class MemoryFill implements Fragmenter.Held {
    static final int CHUNK = 1 << 20;

    private final FileChannel channel;
    private final long bytes;

    private MemoryFill(FileChannel channel, long bytes) {
        this.channel = channel;
        this.bytes = bytes;
    }

    /**
     * The file is unlinked as soon as it is open and lives only as long as this process holds it:
     * however the process ends (SIGKILL and the OOM killer included), the kernel frees its pages.
     *
     * @param bytes    the file's size, whole MiB; half of it is freed again
     * @param progress told the bytes written so far, every 256 MiB
     */
    static MemoryFill fill(Scratch scratch, long bytes, LongConsumer progress) {
        libc();
        long size = bytes / CHUNK * CHUNK;
        Path f = scratch.newFile("fill");
        FileChannel ch;
        int fd;
        try {
            ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            scratch.delete(f);
            throw new UncheckedIOException("cannot open " + f + ": " + e.getMessage(), e);
        }
        try {
            fd = Libc.open(f.toString(), Libc.O_RDWR);
        } catch (LastErrorException e) {
            closeQuietly(ch);
            scratch.delete(f);
            throw new IllegalStateException("cannot open " + f + ": " + Libc.describe(e), e);
        }
        scratch.delete(f); // unlinked: its pages go when the last descriptor closes, at exit at the latest
        MemoryFill held = new MemoryFill(ch, size);
        try {
            ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
            while (chunk.hasRemaining()) {
                chunk.put((byte) 0x5a);
            }
            for (long off = 0; off < size; off += CHUNK) {
                chunk.clear();
                while (chunk.hasRemaining()) {
                    ch.write(chunk, off + chunk.position());
                }
                if ((off + CHUNK) % (256L * CHUNK) == 0) {
                    progress.accept(off + CHUNK);
                }
            }
            punchOddPages(fd, f, size);
            return held;
        } catch (IOException e) {
            throw Fragmenter.releasing(held, new UncheckedIOException("cannot fill " + f + ": " + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw Fragmenter.releasing(held, e);
        } catch (Error e) {
            throw Fragmenter.releasing(held, e);
        } finally {
            Libc.close(fd);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing was written yet
        }
    }

    private static void punchOddPages(int fd, Path f, long size) {
        try {
            for (long off = Fragmenter.PAGE; off < size; off += 2L * Fragmenter.PAGE) {
                Libc.fallocate(fd, Libc.FALLOC_FL_PUNCH_HOLE | Libc.FALLOC_FL_KEEP_SIZE, off, Fragmenter.PAGE);
            }
        } catch (LastErrorException e) {
            throw new IllegalStateException("cannot punch a hole in " + f + ": " + Libc.describe(e)
                    + " (the file system does not support FALLOC_FL_PUNCH_HOLE?)", e);
        }
    }

    static void libc() {
        Libc.load().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        try {
            channel.close(); // the last descriptor of the unlinked file: its pages go back
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the fill: " + e.getMessage(), e);
        }
    }
}
