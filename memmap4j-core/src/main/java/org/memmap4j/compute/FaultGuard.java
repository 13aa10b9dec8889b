package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Keeps a fault in a vectorised kernel (its file truncated under the mapping) a Java exception instead of a JVM
 * crash.
 *
 * <p>When a read of a mapped file faults (SIGBUS: the page is gone), HotSpot recovers only if the faulting code is
 * marked as doing "unsafe access": it then skips the read and throws {@link InternalError} at the next safepoint,
 * which the executor turns into an {@link IllegalStateException} naming the file. C2 marks a compiled method when it
 * inlines a scalar {@code Unsafe} access (every {@code MemorySegment.get} is one), but not for the Vector API's loads
 * ({@code LibraryCallKit::inline_vector_mem_operation} never sets {@code has_unsafe_access}): a kernel made only of
 * vector loads kills the JVM with SIGBUS (seen in CI). One scalar read per kernel call marks the whole compiled
 * method. It is placed after the kernel's loop so that on-stack-replacement compilations, which are parsed from the
 * loop onwards, include it as well.
 */
final class FaultGuard {

    private FaultGuard() {
    }

    /**
     * Reads one byte of a segment, so that the compiled kernel calling this recovers from faults.
     *
     * @param s   the segment the kernel reads
     * @param off a byte offset the kernel read (so no new page is touched); ignored if outside the segment
     */
    static void mark(MemorySegment s, long off) {
        if (off >= 0 && off < s.byteSize()) {
            s.get(ValueLayout.JAVA_BYTE, off);
        }
    }
}
