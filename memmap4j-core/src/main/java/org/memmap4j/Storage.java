package org.memmap4j;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.memmap4j.internal.NativeIO;

/**
 * The memory behind arrays: one mapped file region or one off-heap allocation, shared by every view of it.
 * Element type and shape live in {@link NDArray}; this class knows only bytes, lifetime and where they come from.
 *
 * <p>Every storage owns a shared {@link Arena}: {@link #close()} unmaps or frees at once, and any later access
 * through any view fails with {@link IllegalStateException} (the FFM liveness check) instead of touching freed
 * memory. In-memory storage that is never closed is freed by a {@link Cleaner} once no view refers to it.
 */
final class Storage {

    private static final Cleaner CLEANER = Cleaner.create();

    private final MemorySegment segment;
    private final Arena arena;          // null for wrapped segments owned by the caller
    private final Path path;            // null in memory
    private final Mode mode;
    private final long fileOffset;      // position in the file of segment byte 0; -1 in memory
    private final AtomicBoolean closed = new AtomicBoolean();

    private Storage(MemorySegment segment, Arena arena, Path path, Mode mode, long fileOffset) {
        this.fileOffset = fileOffset;
        this.segment = segment;
        this.arena = arena;
        this.path = path;
        this.mode = mode;
    }

    /** Storage for a file region mapped with the given arena, which this storage will close. */
    static Storage mapped(MemorySegment segment, Arena arena, Path path, Mode mode, long fileOffset) {
        return new Storage(segment, arena, path, mode, fileOffset);
    }

    /** Zero-filled off-heap storage of the given size, 64-byte aligned (vector-friendly). */
    static Storage allocate(long bytes) {
        Arena arena = Arena.ofShared();
        MemorySegment seg = arena.allocate(Math.max(bytes, 1), 64).asSlice(0, bytes);
        Storage st = new Storage(seg, arena, null, Mode.READ_WRITE, -1);
        // The action must not refer to st; the AtomicBoolean makes a later explicit close() skip the arena.
        AtomicBoolean closed = st.closed;
        CLEANER.register(st, () -> {
            if (closed.compareAndSet(false, true)) {
                arena.close();
            }
        });
        return st;
    }

    /** Storage over an existing segment the caller keeps alive (no unmapping on close). */
    static Storage wrap(MemorySegment segment, boolean writable) {
        return new Storage(writable ? segment : segment.asReadOnly(), null, null, writable ? Mode.READ_WRITE : Mode.READ_ONLY, -1);
    }

    MemorySegment segment() {
        return segment;
    }

    Path path() {
        return path;
    }

    long fileOffset() {
        return fileOffset;
    }

    /**
     * Throws if the mapped file no longer holds every mapped byte (another process truncated it): touching the lost
     * pages would raise SIGBUS, which HotSpot turns into an InternalError only in some code (not in vectorised loops,
     * where it crashes the JVM), so scans check first.
     */
    void checkFile() {
        if (path == null || arena == null || closed.get()) {
            return;
        }
        long size;
        try {
            size = java.nio.file.Files.size(path);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(describe() + ": its file cannot be checked any more (" + e.getMessage()
                    + "); close the array and open the file again", e);
        }
        long end = fileOffset + segment.byteSize();
        if (size < end) {
            throw new IllegalStateException(describe() + " was truncated by another process to " + size + " bytes while "
                    + "mapped (the array needs " + end + "); close the array and open the file again");
        }
    }

    Mode mode() {
        return mode;
    }

    boolean writable() {
        return !segment.isReadOnly();
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Writes dirty pages of r+/w+ mappings to the file; a no-op for r, c and memory. */
    void flush() {
        if (closed.get()) {
            throw closedException();
        }
        if (path != null && mode.writesFile() && segment.byteSize() > 0) {
            try {
                segment.force();
            } catch (IllegalStateException e) {
                throw closedException();
            }
        }
    }

    /**
     * Advises the kernel about bytes [from, to) of the mapping. Memory that is not a file mapping gets no advice:
     * DONTNEED would zero anonymous memory. Nor do copy-on-write mappings get DONTNEED, which would discard their
     * private changes.
     */
    void advise(long from, long to, Advice advice) {
        if (closed.get()) {
            throw closedException();
        }
        if (path == null || arena == null || to <= from || (advice == Advice.DONTNEED && mode == Mode.COPY_ON_WRITE)) {
            return;
        }
        int code = switch (advice) {
            case NORMAL -> NativeIO.NORMAL;
            case SEQUENTIAL -> NativeIO.SEQUENTIAL;
            case RANDOM -> NativeIO.RANDOM;
            case WILLNEED -> NativeIO.WILLNEED;
            case DONTNEED -> NativeIO.DONTNEED;
        };
        try {
            NativeIO.advise(segment.asSlice(from, to - from), arena, code);
        } catch (IllegalStateException e) {
            throw closedException();
        }
    }

    /**
     * Unmaps (or releases) now; idempotent. A native call or channel I/O that is using the memory at this moment
     * keeps the arena acquired for its duration (a madvise, a positional write): closing waits for it, briefly, since
     * no new use can start once {@code closed} is set.
     *
     * @throws IllegalStateException if the memory is still in use after {@link #CLOSE_WAIT_NANOS}
     */
    void close() {
        if (closed.compareAndSet(false, true)) {
            if (arena != null) {
                closeWaiting();
            }
        }
    }

    /** How long close() waits for native calls and I/O that hold the memory. */
    private static final long CLOSE_WAIT_NANOS = 30_000_000_000L;

    private void closeWaiting() {
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        for (int attempt = 0; ; attempt++) {
            try {
                arena.close();
                return;
            } catch (IllegalStateException acquired) {
                if (!arena.scope().isAlive()) {
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(describe() + " cannot be unmapped: a native call or I/O on it has not "
                            + "finished after " + CLOSE_WAIT_NANOS / 1_000_000_000L + " s; close it when that operation ends",
                            acquired);
                }
                if (attempt < 100) {
                    Thread.onSpinWait();
                } else {
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                }
            }
        }
    }

    String describe() {
        return path == null ? "in-memory array" : "array mapped from '" + path + "' (mode " + mode.code() + ")";
    }

    IllegalStateException closedException() {
        return new IllegalStateException(describe() + " is closed: it was unmapped by close(), so its views "
                + "cannot be read or written any more; open the file again");
    }

    UnsupportedOperationException readOnlyException() {
        return new UnsupportedOperationException("assignment destination is read-only: " + describe()
                + (path != null && mode == Mode.READ_ONLY ? "; open it with mode r+ to write to the file, or c for private changes" : ""));
    }
}
