package org.memmap4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.memmap4j.internal.NativeIO;

/**
 * An advisory lock on a whole file, for processes and threads that share an array file opened r+: an exclusive lock
 * for a writer, shared locks for readers. NumPy has no such thing; this is what {@code fcntl.lockf} gives Python.
 *
 * <pre>{@code
 * try (ArrayLock lock = ArrayLock.exclusive(path);
 *      NDArray a = Npy.open(path, Mode.READ_WRITE)) {
 *     a.set("0:10", 1.0);
 *     a.flush();
 * }   // closed in reverse: the array is unmapped, then the lock released
 * }</pre>
 *
 * <p><b>Advisory.</b> A lock keeps out only those who ask for it: it does not stop any process from opening, mapping,
 * reading or writing the file. Cooperating processes must lock the same file around the same work. memmap4j takes an
 * exclusive lock itself only to append to a .npy file ({@link org.memmap4j.format.Npy#append}); opening and mapping
 * never lock.
 *
 * <p><b>How.</b> On Linux with native access ({@code --enable-native-access}), the lock is an open file description
 * lock ({@code fcntl(F_OFD_SETLK)} on a descriptor of its own, from offset 0 to the end, however long the file
 * grows). Such locks conflict with each other whether they are held by this JVM or another process, so threads of
 * one JVM wait for each other as processes do; closing other descriptors or channels of the file (memmap4j opens
 * and closes them to map it) does not release them; and they conflict with the classic POSIX record locks of other
 * processes, which is what Python's {@code fcntl.lockf} and C's {@code lockf}/{@code fcntl(F_SETLK)} take. So a
 * Python process cooperates with:
 *
 * <pre>{@code
 * import fcntl, numpy as np
 * a = np.load(path, mmap_mode='r+')       # map first: np.load opens and closes the file
 * with open(path, 'r+b') as f:            # then lock through a file object kept open
 *     fcntl.lockf(f, fcntl.LOCK_EX)       # LOCK_SH to read; waits while memmap4j holds a lock
 *     a[0:10] = 1.0
 *     a.flush()
 * # closing f releases the lock
 * }</pre>
 *
 * A classic POSIX lock belongs to the process and is released as soon as the process closes <em>any</em> descriptor
 * of the file, which {@code np.load(path)} and {@code np.memmap(path)} do after mapping: the Python process must not
 * open the file again while it holds the lock (or it takes an open file description lock itself, with
 * {@code fcntl.fcntl(f, fcntl.F_OFD_SETLKW, ...)}).
 *
 * <p><b>Without native access</b> (or on another system) the lock is {@link FileChannel#lock} on a channel of its
 * own. It conflicts the same way with other processes, but two limits of the JDK's locks apply: the JDK allows one
 * lock of a file per JVM, so while one is held every other lock of the file in this JVM waits, shared or not
 * (threads take turns); and the operating system releases the JVM's lock when <em>any</em> channel of the file is
 * closed in this JVM, including those memmap4j opens to map or append to the file, after which other processes may
 * take the lock while this one still reports {@link #isValid()}. Run with {@code --enable-native-access=org.memmap4j} (or
 * {@code ALL-UNNAMED} on the class path) when other processes depend on the lock.
 *
 * <p><b>Lifetime.</b> A lock is held from its creation until {@link #close()}, which releases it once; later calls do
 * nothing. It belongs to no thread: any thread may close it. Locks are not reentrant: a thread that asks again for a
 * lock that conflicts with one it holds waits for itself (use a timeout, or keep the lock). Neither flushing nor
 * closing an array releases a lock, and a lock does not flush: flush before closing the lock so that the next holder
 * sees the writes (processes sharing a file see each other's writes through the page cache once written; a flush
 * makes them durable).
 */
public final class ArrayLock implements AutoCloseable {

    /** The longest pause between two attempts while waiting. */
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(16);

    private final Path file;
    private final boolean exclusive;
    /** The descriptor owning an open file description lock, or -1 for a JDK lock. */
    private final int fd;
    /** The JDK lock and its channel, or null for a descriptor lock. */
    private final FileLock jdkLock;
    /** The entry of {@link #JDK_LOCKED} of a JDK lock, or null. */
    private final Object jdkSlot;
    private final AtomicBoolean released = new AtomicBoolean();

    private ArrayLock(Path file, boolean exclusive, int fd, FileLock jdkLock, Object jdkSlot) {
        this.file = file;
        this.exclusive = exclusive;
        this.fd = fd;
        this.jdkLock = jdkLock;
        this.jdkSlot = jdkSlot;
    }

    /**
     * Takes an exclusive lock on a file, waiting as long as another lock on it (of this or another process) is held.
     *
     * @param file the file; it must exist and be writable
     * @return the lock; close it to release
     * @throws java.nio.file.NoSuchFileException     if the file does not exist
     * @throws java.nio.file.AccessDeniedException   if the file is not writable
     * @throws IOException                           if the file is a directory or cannot be locked
     * @throws InterruptedException                  if the thread is interrupted while waiting; nothing is held
     */
    public static ArrayLock exclusive(Path file) throws IOException, InterruptedException {
        return acquire(file, true, null).orElseThrow();
    }

    /**
     * Takes a shared lock on a file, waiting as long as an exclusive lock on it (of this or another process) is held.
     * Any number of shared locks may be held at once.
     *
     * @param file the file; it must exist and be readable
     * @return the lock; close it to release
     * @throws java.nio.file.NoSuchFileException     if the file does not exist
     * @throws java.nio.file.AccessDeniedException   if the file is not readable
     * @throws IOException                           if the file is a directory or cannot be locked
     * @throws InterruptedException                  if the thread is interrupted while waiting; nothing is held
     */
    public static ArrayLock shared(Path file) throws IOException, InterruptedException {
        return acquire(file, false, null).orElseThrow();
    }

    /**
     * Takes an exclusive lock on the file an array maps, as {@link #exclusive(Path)}.
     *
     * @param array an array mapped from a file (open or closed)
     * @return the lock; close it to release
     * @throws IllegalArgumentException if the array is in memory
     * @throws IOException              as {@link #exclusive(Path)}
     * @throws InterruptedException     if the thread is interrupted while waiting; nothing is held
     */
    public static ArrayLock exclusive(NDArray array) throws IOException, InterruptedException {
        return exclusive(fileOf(array));
    }

    /**
     * Takes a shared lock on the file an array maps, as {@link #shared(Path)}.
     *
     * @param array an array mapped from a file (open or closed)
     * @return the lock; close it to release
     * @throws IllegalArgumentException if the array is in memory
     * @throws IOException              as {@link #shared(Path)}
     * @throws InterruptedException     if the thread is interrupted while waiting; nothing is held
     */
    public static ArrayLock shared(NDArray array) throws IOException, InterruptedException {
        return shared(fileOf(array));
    }

    /**
     * Takes an exclusive lock on a file if it can within a time.
     *
     * @param file    the file; it must exist and be writable
     * @param timeout how long to wait; {@link Duration#ZERO} (or negative) tries once
     * @return the lock, or empty if another lock was held all that time
     * @throws java.nio.file.NoSuchFileException     if the file does not exist
     * @throws java.nio.file.AccessDeniedException   if the file is not writable
     * @throws IOException                           if the file is a directory or cannot be locked
     * @throws InterruptedException                  if the thread is interrupted while waiting; nothing is held
     */
    public static Optional<ArrayLock> tryExclusive(Path file, Duration timeout) throws IOException, InterruptedException {
        return acquire(file, true, Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Takes a shared lock on a file if it can within a time.
     *
     * @param file    the file; it must exist and be readable
     * @param timeout how long to wait; {@link Duration#ZERO} (or negative) tries once
     * @return the lock, or empty if an exclusive lock was held all that time
     * @throws java.nio.file.NoSuchFileException     if the file does not exist
     * @throws java.nio.file.AccessDeniedException   if the file is not readable
     * @throws IOException                           if the file is a directory or cannot be locked
     * @throws InterruptedException                  if the thread is interrupted while waiting; nothing is held
     */
    public static Optional<ArrayLock> tryShared(Path file, Duration timeout) throws IOException, InterruptedException {
        return acquire(file, false, Objects.requireNonNull(timeout, "timeout"));
    }

    private static Path fileOf(NDArray array) {
        return array.file().orElseThrow(() -> new IllegalArgumentException(
                "the array is in memory, not mapped from a file: there is no file to lock"));
    }

    /** One non-blocking attempt; true if the lock is now held. */
    @FunctionalInterface
    private interface Attempt {
        boolean tryOnce() throws IOException;
    }

    /**
     * Tries, then pauses (1, 2, 4, ... up to 16 ms) and tries again until the deadline. Waiting by polling keeps the
     * wait interruptible and bounded, which a blocking fcntl in native code or {@link FileChannel#lock} is not.
     */
    private static boolean poll(Attempt attempt, Duration timeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long limit = timeout == null ? Long.MAX_VALUE : Math.max(0, saturatedNanos(timeout));
        long pause = TimeUnit.MILLISECONDS.toNanos(1);
        while (true) {
            if (attempt.tryOnce()) {
                return true;
            }
            long left = limit - (System.nanoTime() - start);
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? 0 : Long.MAX_VALUE;
        }
    }

    private static Optional<ArrayLock> acquire(Path file, boolean exclusive, Duration timeout)
            throws IOException, InterruptedException {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new IOException("'" + file + "' is a directory, not a file: cannot lock it");
        }
        int fd = NativeIO.openForLock(file, exclusive);
        if (fd >= 0) {
            boolean held = false;
            try {
                held = poll(() -> NativeIO.tryLockWholeFile(fd, exclusive), timeout);
                return held ? Optional.of(new ArrayLock(file, exclusive, fd, null, null)) : Optional.empty();
            } catch (UnsupportedOperationException e) {
                // A kernel before Linux 3.15 has no open file description locks: the JDK's locks below.
            } finally {
                if (!held) {
                    NativeIO.closeLockDescriptor(fd);
                }
            }
        }
        return acquireJdkLock(file, exclusive, timeout);
    }

    /**
     * Files locked through the JDK in this JVM, by file key (device and inode). The JDK allows one lock of a file per
     * JVM, and a second attempt would open and close another channel of the file, which releases the first lock as
     * far as other processes are concerned: so a thread that finds the file here waits without touching it.
     */
    private static final Set<Object> JDK_LOCKED = ConcurrentHashMap.newKeySet();

    private static Optional<ArrayLock> acquireJdkLock(Path file, boolean exclusive, Duration timeout)
            throws IOException, InterruptedException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        Object slot = key != null ? key : file.toRealPath();
        FileLock[] got = {null};
        boolean held = poll(() -> {
            if (!JDK_LOCKED.add(slot)) {
                return false;   // held by this JVM: wait as for another process
            }
            FileChannel ch = null;
            try {
                ch = exclusive ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                        : FileChannel.open(file, StandardOpenOption.READ);
                got[0] = ch.tryLock(0, Long.MAX_VALUE, !exclusive);
            } catch (OverlappingFileLockException e) {
                got[0] = null;   // a FileLock taken outside this class: wait for it too
            } finally {
                if (got[0] == null) {
                    JDK_LOCKED.remove(slot);
                    if (ch != null) {
                        ch.close();
                    }
                }
            }
            return got[0] != null;
        }, timeout);
        return held ? Optional.of(new ArrayLock(file, exclusive, -1, got[0], slot)) : Optional.empty();
    }

    /** {@return the locked file, as given} */
    public Path file() {
        return file;
    }

    /** {@return true for an exclusive lock, false for a shared one} */
    public boolean isExclusive() {
        return exclusive;
    }

    /** {@return true until {@link #close()} is called} */
    public boolean isValid() {
        return !released.get();
    }

    /**
     * Releases the lock, the first time it is called; later calls do nothing. Does not flush anything.
     *
     * @throws UncheckedIOException if closing the JDK lock's channel fails (the lock is released all the same)
     */
    @Override
    public void close() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        if (fd >= 0) {
            NativeIO.closeLockDescriptor(fd);
            return;
        }
        try {
            jdkLock.acquiredBy().close();   // releases the lock too
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the lock of '" + file + "'", e);
        } finally {
            JDK_LOCKED.remove(jdkSlot);
        }
    }

    /** {@return e.g. {@code ArrayLock[exclusive, data.npy]}, or with {@code released} once closed} */
    @Override
    public String toString() {
        return "ArrayLock[" + (exclusive ? "exclusive" : "shared") + ", " + file + (isValid() ? "" : ", released") + "]";
    }
}
