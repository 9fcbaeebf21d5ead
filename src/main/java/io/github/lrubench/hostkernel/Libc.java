package io.github.lrubench.hostkernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few system calls pure Java cannot make (JNA, direct mapping): an anonymous mapping advised
 * {@code MADV_HUGEPAGE}, so that a fault in it asks for a transparent huge page and, with none
 * free, runs direct compaction; and {@code fallocate(PUNCH_HOLE)}, which frees single pages of a
 * file in place, so one large write then every other page punched fragments memory at a fraction
 * of the cost of two files written page by page in turn. Linux x86-64 and arm64 constants.
 */
final class Libc {
    static final int PROT_READ = 0x1, PROT_WRITE = 0x2;
    static final int MAP_PRIVATE = 0x02, MAP_ANONYMOUS = 0x20, MAP_NORESERVE = 0x4000;
    /** include/uapi/asm-generic/mman-common.h */
    static final int MADV_HUGEPAGE = 14;
    static final int O_RDWR = 0x2;
    /** include/uapi/linux/falloc.h: punching needs KEEP_SIZE. */
    static final int FALLOC_FL_KEEP_SIZE = 0x01, FALLOC_FL_PUNCH_HOLE = 0x02;
    static final long MAP_FAILED = -1L;

    private static volatile boolean loaded;
    private static volatile Throwable loadFailure;

    private Libc() {
    }

    static native Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset) throws LastErrorException;

    static native int munmap(Pointer addr, long length) throws LastErrorException;

    static native int madvise(Pointer addr, long length, int advice) throws LastErrorException;

    static native int open(String path, int flags) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int mount(String source, String target, String type, long flags, Pointer data) throws LastErrorException;

    static native int umount2(String target, int flags) throws LastErrorException;

    static native int fallocate(int fd, int mode, long offset, long len) throws LastErrorException;

    /** Registers the natives once; empty when it worked, else why not (no JNA native library for this platform). */
    static synchronized java.util.Optional<String> load() {
        if (!loaded && loadFailure == null) {
            try {
                Native.register(Libc.class, "c");
                loaded = true;
            } catch (UnsatisfiedLinkError | NoClassDefFoundError | IllegalStateException e) {
                loadFailure = e;
            }
        }
        return loaded ? java.util.Optional.empty() : java.util.Optional.of("cannot call libc through JNA: " + loadFailure.getMessage());
    }

    /** "errno N (strerror)" for a failed call. */
    static String describe(LastErrorException e) {
        return "errno " + e.getErrorCode() + " (" + e.getMessage() + ")";
    }
}
