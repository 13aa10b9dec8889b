package org.memmap4j.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The only class that calls native code: seven libc functions of 64-bit Linux through the FFM linker. Every method
 * returns 0 (or a descriptor) or an errno value (never -1), so callers decide what each failure means.
 *
 * <p>Created by {@link #load()}, which refuses (with the reason) when downcalls are not allowed or not known to be
 * right: not Linux on a 64-bit architecture whose {@code open} flags we know, or native access not enabled for this
 * module. Checking {@link Module#isNativeAccessEnabled()} first means the JVM's own "restricted method" warning
 * never appears: without {@code --enable-native-access} memmap4j simply uses its fallbacks.
 */
final class Libc {

    /** errno values used by callers (Linux, every architecture). */
    static final int EINTR = 4;
    static final int ENOSPC = 28;
    static final int EFBIG = 27;
    static final int EDQUOT = 122;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EINVAL = 22;

    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 1;
    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int MAP_PRIVATE = 2;
    private static final long MAP_FAILED = -1;
    private static final int O_RDWR = 2;
    /** fcntl commands for open file description locks (Linux 3.15+), and lock types: the generic values. */
    private static final int F_OFD_SETLK = 37;
    private static final short F_RDLCK = 0;
    private static final short F_WRLCK = 1;
    /**
     * struct flock of 64-bit Linux: short l_type, short l_whence, (padding), off_t l_start, off_t l_len, pid_t l_pid,
     * (padding). l_whence = SEEK_SET, l_start = 0 and l_len = 0 lock the whole file, however long it grows.
     */
    private static final StructLayout FLOCK = MemoryLayout.structLayout(JAVA_SHORT.withName("l_type"),
            JAVA_SHORT.withName("l_whence"), MemoryLayout.paddingLayout(4), JAVA_LONG.withName("l_start"),
            JAVA_LONG.withName("l_len"), JAVA_INT.withName("l_pid"), MemoryLayout.paddingLayout(4));
    private static final VarHandle L_TYPE = FLOCK.varHandle(MemoryLayout.PathElement.groupElement("l_type"));
    private static final int O_CLOEXEC = 0x80000;   // 02000000: the generic value, on x86-64, arm64, riscv64, ppc64le, s390x
    private static final int SC_PAGESIZE = 30;

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private final MethodHandle open;
    private final MethodHandle close;
    private final MethodHandle fallocate;
    private final MethodHandle madvise;
    private final MethodHandle mmap;
    private final MethodHandle munmap;
    private final MethodHandle fcntl;
    private final long pageSize;
    private final Charset pathCharset;

    @SuppressWarnings("restricted")   // load() checked that native access is enabled
    private Libc() throws Throwable {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        // open is variadic: the mode argument (unused without O_CREAT) is passed as a variadic int, as C does.
        open = linker.downcallHandle(libc.findOrThrow("open"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
                errno, Linker.Option.firstVariadicArg(2));
        close = linker.downcallHandle(libc.findOrThrow("close"), FunctionDescriptor.of(JAVA_INT, JAVA_INT), errno);
        fallocate = linker.downcallHandle(libc.findOrThrow("fallocate"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG), errno);
        madvise = linker.downcallHandle(libc.findOrThrow("madvise"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT),
                errno);
        mmap = linker.downcallHandle(libc.findOrThrow("mmap"),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), errno);
        munmap = linker.downcallHandle(libc.findOrThrow("munmap"), FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));
        // fcntl is variadic too: the struct flock pointer is the variadic argument.
        fcntl = linker.downcallHandle(libc.findOrThrow("fcntl"), FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS),
                errno, Linker.Option.firstVariadicArg(2));
        MethodHandle sysconf = linker.downcallHandle(libc.findOrThrow("sysconf"), FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
        pageSize = (long) sysconf.invokeExact(SC_PAGESIZE);
        if (pageSize <= 0 || Long.bitCount(pageSize) != 1) {
            throw new IllegalStateException("sysconf(_SC_PAGESIZE) returned " + pageSize);
        }
        // The bytes Java itself uses for file names (UnixPath encodes with sun.jnu.encoding).
        Charset cs;
        try {
            cs = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            cs = StandardCharsets.UTF_8;
        }
        pathCharset = cs;
    }

    /**
     * Returns the downcalls, or throws an exception whose message says why they cannot be used here.
     *
     * @throws UnsupportedOperationException if this platform or JVM does not allow them
     */
    static Libc load() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.equals("Linux")) {
            throw new UnsupportedOperationException("native calls are implemented for Linux only, this is " + os);
        }
        if (!(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64") || arch.equals("riscv64")
                || arch.equals("ppc64le") || arch.equals("s390x"))) {
            throw new UnsupportedOperationException("native calls are not implemented for Linux on " + arch);
        }
        if (!Libc.class.getModule().isNativeAccessEnabled()) {
            throw new UnsupportedOperationException("native access is not enabled; run java with --enable-native-access="
                    + (Libc.class.getModule().isNamed() ? Libc.class.getModule().getName() : "ALL-UNNAMED"));
        }
        try {
            return new Libc();
        } catch (Throwable t) {
            throw new UnsupportedOperationException("cannot link libc functions: " + t, t);
        }
    }

    /**
     * Reserves the blocks of {@code [offset, offset + length)} of a file and extends it to cover them, as
     * {@code fallocate(fd, 0, offset, length)}; the file is opened and closed here.
     *
     * @return 0, or the errno of open or fallocate
     */
    int fallocate(String path, long offset, long length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) open.invokeExact(state, cString(arena, path), O_WRONLY | O_CLOEXEC, 0);
            if (fd < 0) {
                return errno(state);
            }
            try {
                int rc;
                do {
                    rc = (int) fallocate.invokeExact(state, fd, 0, offset, length) == 0 ? 0 : errno(state);
                } while (rc == EINTR);
                return rc;
            } finally {
                int ignored = (int) close.invokeExact(state, fd);
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * Gives the kernel advice about the pages spanning {@code [address, address + length)} of a mapping, as
     * {@code madvise}: the start is aligned down to a page, as madvise requires (the page belongs to the same
     * mapping, which starts on a page boundary). The mapping's arena is kept open during the call, so a concurrent
     * close cannot unmap (and let someone else map) these pages while the kernel works on them.
     *
     * @return 0, or the errno of madvise
     * @throws IllegalStateException if the arena is closed
     */
    @SuppressWarnings("restricted")   // load() checked that native access is enabled
    int madvise(long address, long length, Arena owner, int advice) {
        long start = address & -pageSize;
        long len = address + length - start;
        MemorySegment pages = MemorySegment.ofAddress(start).reinterpret(len, owner, null);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) madvise.invokeExact(state, pages, len, advice);
            return rc == 0 ? 0 : errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** The result of {@link #mapPrivate}: the mapped segment, or the errno of the call that failed. */
    record Mapping(MemorySegment segment, int errno, String call) {
    }

    /**
     * Maps bytes {@code [offset, offset + length)} of a file privately, readable and writable (copy-on-write: writes
     * stay in this process), opening the file read-only; what the JDK cannot do, since its {@code PRIVATE} map mode
     * needs a channel open for writing. The descriptor is closed at once (the mapping keeps the file); closing the
     * arena unmaps.
     *
     * @param length at least 1
     * @return the segment (bound to arena), or the errno of open or mmap
     */
    @SuppressWarnings("restricted")   // load() checked that native access is enabled
    Mapping mapPrivate(String path, long offset, long length, Arena arena) {
        long start = offset & -pageSize;   // mmap's offset must be a multiple of the page size
        long len = offset - start + length;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = call.allocate(CALL_STATE);
            int fd = (int) open.invokeExact(state, cString(call, path), O_RDONLY | O_CLOEXEC, 0);
            if (fd < 0) {
                return new Mapping(null, errno(state), "open");
            }
            long address;
            try {
                address = (long) mmap.invokeExact(state, 0L, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, start);
                if (address == MAP_FAILED) {
                    return new Mapping(null, errno(state), "mmap");
                }
            } finally {
                int ignored = (int) close.invokeExact(state, fd);
            }
            MemorySegment pages = MemorySegment.ofAddress(address).reinterpret(len, arena, s -> unmap(address, len));
            return new Mapping(pages.asSlice(offset - start, length), 0, null);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * Opens a file for locking: read only for shared locks, read and write for exclusive ones (the kernel refuses a
     * write lock on a descriptor not open for writing). The descriptor is close-on-exec.
     *
     * @return the descriptor (0 or more), or minus the errno of open
     */
    int openForLock(String path, boolean write) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd;
            do {
                fd = (int) open.invokeExact(state, cString(arena, path), (write ? O_RDWR : O_RDONLY) | O_CLOEXEC, 0);
            } while (fd < 0 && errno(state) == EINTR);
            return fd >= 0 ? fd : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * Tries once to lock a whole file through a descriptor, as {@code fcntl(fd, F_OFD_SETLK, ...)}: an open file
     * description lock, owned by the descriptor rather than the process, so it conflicts with other descriptors of
     * this process too, survives the closing of other descriptors of the file, and is released when this one is
     * closed. It conflicts with the classic POSIX locks of other processes ({@code fcntl(F_SETLK)},
     * {@code lockf}, Python's {@code fcntl.lockf}).
     *
     * @return 0 if locked; EAGAIN or EACCES if a conflicting lock is held; EINVAL if the kernel has no such locks
     *         (before Linux 3.15); another errno otherwise
     */
    int tryLockWholeFile(int fd, boolean exclusive) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment flock = arena.allocate(FLOCK);   // zeroed: SEEK_SET, start 0, length 0 (to the end), pid 0
            L_TYPE.set(flock, 0L, exclusive ? F_WRLCK : F_RDLCK);
            int rc;
            do {
                rc = (int) fcntl.invokeExact(state, fd, F_OFD_SETLK, flock) == 0 ? 0 : errno(state);
            } while (rc == EINTR);
            return rc;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    private void unmap(long address, long length) {
        try {
            int ignored = (int) munmap.invokeExact(address, length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * Closes a descriptor, releasing its open file description locks.
     *
     * @return 0, or the errno of close
     */
    int close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            // Never retried on EINTR: on Linux the descriptor is released even then, and may already be reused.
            return (int) close.invokeExact(state, fd) == 0 ? 0 : errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    private MemorySegment cString(Arena arena, String path) {
        byte[] b = path.getBytes(pathCharset);
        MemorySegment s = arena.allocate(b.length + 1L);   // zeroed: the last byte terminates the string
        s.copyFrom(MemorySegment.ofArray(b));
        return s;
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
