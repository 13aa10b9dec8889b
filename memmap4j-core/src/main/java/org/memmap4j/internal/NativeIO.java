package org.memmap4j.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What memmap4j asks of the operating system beyond the JDK: reserving the blocks of new file space, access
 * advice for mapped memory, and file locks owned by a descriptor. Optional, as in Lucene: the native calls ({@link Libc}) are linked on first use; when
 * they cannot be (not Linux, or the JVM runs without {@code --enable-native-access}) one warning is logged and
 * every method uses its documented fallback instead of failing. {@code -Dmemmap4j.native=false} chooses the
 * fallbacks without the warning.
 */
public final class NativeIO {

    /** {@code madvise} advice values (Linux, every architecture). */
    public static final int NORMAL = 0;
    /** Expect random access: read no more than asked around a fault. */
    public static final int RANDOM = 1;
    /** Expect sequential access: read ahead aggressively. */
    public static final int SEQUENTIAL = 2;
    /** Expect access soon: start reading now. */
    public static final int WILLNEED = 3;
    /** Do not expect access soon: drop the pages from this mapping (the data of shared mappings stays in the file). */
    public static final int DONTNEED = 4;

    private static final System.Logger LOG = System.getLogger("org.memmap4j");
    private static final AtomicBoolean NO_FALLOCATE_LOGGED = new AtomicBoolean();

    private NativeIO() {
    }

    /** Lazy holder: links libc at the first call that needs it, and warns once if it cannot. */
    private static final class Holder {
        static final Libc LIBC = link();

        private static Libc link() {
            if (!Boolean.parseBoolean(System.getProperty("memmap4j.native", "true"))) {
                return null;   // disabled on purpose: no warning
            }
            try {
                return Libc.load();
            } catch (UnsupportedOperationException e) {
                LOG.log(System.Logger.Level.WARNING, "memmap4j cannot call native code (" + e.getMessage() + "): new files "
                        + "are checked against the free space instead of being preallocated, and access advice other than "
                        + "WILLNEED/DONTNEED does nothing");
                return null;
            }
        }
    }

    /** {@return true if the native calls are linked (linking them now if this is the first use)} */
    public static boolean available() {
        return Holder.LIBC != null;
    }

    /**
     * Grows a file from {@code from} to {@code to} bytes. Sparse growth is NumPy's: one byte written at the end sets
     * the size and the new bytes stay a hole, taking no space until written. Otherwise the new bytes are reserved,
     * so that later writes to them, through a mapping or not, cannot fail for lack of space: with the native calls
     * this is {@code fallocate(2)} (mode 0), which on ext4, XFS, btrfs and tmpfs takes milliseconds whatever the
     * size. Where {@code fallocate} is not available (no native access, not Linux, or a file system without it) the
     * growth is checked against the file system's usable space and then left sparse: a full disk is still reported
     * now, but space taken by others later is not guarded against.
     *
     * <p>We call {@code fallocate(2)} rather than {@code posix_fallocate(3)} on purpose: glibc's
     * {@code posix_fallocate} silently emulates a missing {@code fallocate} by writing one byte per block, which for
     * a large file is minutes of I/O on, e.g., NFSv3. A {@link FileChannel}'s descriptor is not public, so the
     * native call opens the file again by its path.
     *
     * @param channel a channel open for writing on the file, {@code from} bytes long
     * @param file    the file's path
     * @param shownAs the name of the file in messages (a temporary file is shown as its target)
     * @param from    the current size
     * @param to      the new size, larger than {@code from}
     * @param sparse  whether to leave the new bytes as a hole
     * @throws IOException if the file system has no room for the new bytes (the message names the file, the bytes
     *                     needed and available, and the remedy), the file would exceed the file system's maximum
     *                     file size, or writing fails; the caller removes what it created
     */
    public static void grow(FileChannel channel, Path file, Path shownAs, long from, long to, boolean sparse) throws IOException {
        long length = to - from;
        if (!sparse) {
            // Checked first even when fallocate will run: ext4 allocates block groups one after another and, when it
            // runs out, fails with ENOSPC only after filling the disk, which other processes would feel until the
            // caller deletes the file.
            long usable = usableSpace(file);
            if (usable >= 0 && length > usable) {
                throw noSpace(shownAs, length, "no space left on device");
            }
        }
        Libc libc = sparse ? null : Holder.LIBC;
        if (libc != null) {
            int err = libc.fallocate(file.toString(), from, length);
            switch (err) {
                case 0 -> {
                    return;
                }
                case Libc.ENOSPC, Libc.EDQUOT -> throw noSpace(shownAs, length,
                        err == Libc.ENOSPC ? "no space left on device" : "disk quota exceeded");
                case Libc.EFBIG -> throw new IOException("cannot extend '" + shownAs + "' to " + to
                        + " bytes: the file would exceed the largest file its file system allows; write it to another file system");
                default -> {
                    // Typically EOPNOTSUPP (a file system without fallocate). Whatever it is, the fallback below still
                    // refuses what cannot fit, and a real I/O error shows again when the size is set.
                    if (NO_FALLOCATE_LOGGED.compareAndSet(false, true)) {
                        LOG.log(System.Logger.Level.INFO, "cannot preallocate '" + shownAs + "' (fallocate: errno " + err
                                + "): memmap4j checks new files against the free space instead");
                    }
                }
            }
        }
        ByteBuffer zero = ByteBuffer.allocate(1);
        while (zero.hasRemaining()) {
            channel.write(zero, to - 1);
        }
    }

    /**
     * Opens a file for an open file description lock ({@link #tryLockWholeFile}), or returns -1 when the native calls
     * are not available; the caller then uses {@link FileChannel#lock} instead.
     *
     * @param file  the file
     * @param write whether to open it for writing too (needed for an exclusive lock)
     * @return the descriptor, or -1 without native calls
     * @throws IOException if the file cannot be opened: {@link java.nio.file.NoSuchFileException},
     *                     {@link java.nio.file.AccessDeniedException}, or another, naming the file and errno
     */
    public static int openForLock(Path file, boolean write) throws IOException {
        Libc libc = Holder.LIBC;
        if (libc == null) {
            return -1;
        }
        int fd = libc.openForLock(file.toString(), write);
        if (fd >= 0) {
            return fd;
        }
        switch (-fd) {
            case 2 -> throw new java.nio.file.NoSuchFileException(file.toString());
            case Libc.EACCES, 1 -> throw new java.nio.file.AccessDeniedException(file.toString(), null,
                    write ? "not writable: an exclusive lock needs write permission" : "not readable");
            default -> throw new IOException("cannot open '" + file + "' to lock it: errno " + -fd);
        }
    }

    /**
     * Tries once to lock a whole file through a descriptor from {@link #openForLock}: a Linux open file description
     * lock, which conflicts with every other descriptor's lock (in this process too) and with other processes'
     * POSIX record locks ({@code fcntl}, {@code lockf}), and is not released when other descriptors of the file are
     * closed.
     *
     * @param fd        the descriptor
     * @param exclusive whether to take an exclusive (write) lock rather than a shared (read) one
     * @return true if locked, false if a conflicting lock is held
     * @throws UnsupportedOperationException if the kernel has no such locks (Linux before 3.15)
     * @throws IOException                   if the kernel refuses otherwise
     */
    public static boolean tryLockWholeFile(int fd, boolean exclusive) throws IOException {
        int err = Holder.LIBC.tryLockWholeFile(fd, exclusive);
        return switch (err) {
            case 0 -> true;
            case Libc.EAGAIN, Libc.EACCES -> false;
            case Libc.EINVAL -> throw new UnsupportedOperationException("the kernel has no open file description locks");
            default -> throw new IOException("fcntl(F_OFD_SETLK) failed: errno " + err);
        };
    }

    /**
     * Closes a descriptor from {@link #openForLock}, releasing its lock. Call once.
     *
     * @param fd the descriptor
     */
    public static void closeLockDescriptor(int fd) {
        int err = Holder.LIBC.close(fd);
        if (err != 0) {
            LOG.log(System.Logger.Level.DEBUG, "close(" + fd + ") of a lock descriptor failed with errno " + err);
        }
    }

    private static IOException noSpace(Path file, long needed, String what) {
        long usable = usableSpace(file.toAbsolutePath().getParent());
        return new IOException(what + ": '" + file + "' needs " + needed + " more bytes (" + human(needed) + ")"
                + (usable >= 0 ? " but its file system has " + usable + " bytes (" + human(usable) + ") available" : "")
                + "; free space there or write the file elsewhere");
    }

    private static long usableSpace(Path file) {
        try {
            return Files.getFileStore(file.toAbsolutePath()).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Formats a byte count for people: {@code 4.0 MiB}.
     *
     * @param bytes the count
     * @return the text
     */
    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /**
     * Gives the kernel advice about mapped memory: {@code madvise} on the pages spanning {@code region}. Without the native calls,
     * WILLNEED loads the region ({@link MemorySegment#load()}, which waits), DONTNEED unloads it
     * ({@link MemorySegment#unload()}), and the rest do nothing. The kernel's refusals are ignored: advice is a
     * hint. The caller must not pass DONTNEED for private or anonymous memory, whose contents it would discard.
     *
     * @param region a slice of a file mapping
     * @param owner  the arena of the mapping, kept alive during the call
     * @param advice one of the constants of this class
     * @throws IllegalStateException if the arena is closed
     */
    public static void advise(MemorySegment region, Arena owner, int advice) {
        if (region.byteSize() == 0) {
            return;
        }
        Libc libc = Holder.LIBC;
        if (libc == null) {
            if (advice == WILLNEED) {
                region.load();
            } else if (advice == DONTNEED) {
                region.unload();
            }
            return;
        }
        int err = libc.madvise(region.address(), region.byteSize(), owner, advice);
        if (err != 0) {
            LOG.log(System.Logger.Level.DEBUG, "madvise(" + advice + ") of " + region.byteSize() + " bytes failed with errno " + err);
        }
    }

    /**
     * Maps a region of a file copy-on-write while opening it read-only (mmap with {@code MAP_PRIVATE}), for mode c
     * on files Java cannot open for writing: read-only permissions, a read-only file system. NumPy does the same.
     *
     * @param file   the file
     * @param offset the byte offset of the region
     * @param length its length, at least 1
     * @param arena  the arena the mapping belongs to: closing it unmaps
     * @return the mapped region, readable and writable; writes never reach the file
     * @throws IOException                   if the file cannot be opened or mapped (the message names it and errno)
     * @throws UnsupportedOperationException if native calls are not available here (see {@link #available()})
     */
    public static MemorySegment mapPrivate(Path file, long offset, long length, Arena arena) throws IOException {
        Libc libc = Holder.LIBC;
        if (libc == null) {
            throw new UnsupportedOperationException("native calls are not available");
        }
        Libc.Mapping m = libc.mapPrivate(file.toString(), offset, length, arena);
        if (m.segment() == null) {
            throw new IOException("cannot map '" + file + "' copy-on-write: " + m.call() + " failed with errno " + m.errno());
        }
        return m.segment();
    }
}
