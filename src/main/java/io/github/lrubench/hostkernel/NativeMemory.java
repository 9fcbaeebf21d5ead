package io.github.lrubench.hostkernel;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * sun.misc.Unsafe (module jdk.unsupported, readable without flags on JDK 17), reached by
 * reflection on "theUnsafe": memory outside the heap that is not zeroed when allocated, so this
 * process decides the order in which its pages are first touched, and the unmapping of a mapped
 * buffer now rather than at some later garbage collection.
 *
 * <p>Why not {@code ByteBuffer.allocateDirect}: it zeroes the whole buffer as it allocates it, so
 * every page of one buffer is faulted in before the next buffer exists and the two never
 * interleave physically; freeing one then returns whole blocks to the buddy allocator instead of
 * single pages between the other's (measured on the dev VM: order-0 free blocks did not grow).
 */
final class NativeMemory {
    private static final MethodHandle ALLOCATE, FREE, PUT_BYTE, INVOKE_CLEANER, PAGE_SIZE;

    static {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Object unsafe = f.get(null);
            MethodHandles.Lookup l = MethodHandles.lookup();
            ALLOCATE = l.findVirtual(unsafeClass, "allocateMemory", MethodType.methodType(long.class, long.class)).bindTo(unsafe);
            FREE = l.findVirtual(unsafeClass, "freeMemory", MethodType.methodType(void.class, long.class)).bindTo(unsafe);
            PUT_BYTE = l.findVirtual(unsafeClass, "putByte", MethodType.methodType(void.class, long.class, byte.class)).bindTo(unsafe);
            INVOKE_CLEANER = l.findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class)).bindTo(unsafe);
            PAGE_SIZE = l.findVirtual(unsafeClass, "pageSize", MethodType.methodType(int.class)).bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private NativeMemory() {
    }

    /** malloc(bytes), not zeroed; a large request is its own mmap (glibc: 32 MiB and up always). */
    static long allocate(long bytes) {
        try {
            return (long) ALLOCATE.invokeExact(bytes);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** free(): an mmapped block goes back to the kernel at once (munmap). */
    static void free(long address) {
        try {
            FREE.invokeExact(address);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void putByte(long address, byte value) {
        try {
            PUT_BYTE.invokeExact(address, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Unmaps a MappedByteBuffer (or frees a direct buffer) now; the buffer must not be used again. */
    static void unmap(ByteBuffer buffer) {
        try {
            INVOKE_CLEANER.invokeExact(buffer);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int pageSize() {
        try {
            return (int) PAGE_SIZE.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
