package org.memmap4j.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;

/**
 * An open .npz archive: its arrays listed, each read on request. Obtained from {@link Npz#open(Path)}.
 *
 * <p>Stored members are mapped read-only in place, at their offset in the archive (NumPy ignores
 * {@code mmap_mode} for .npz files and reads them into memory). Deflated members are inflated into memory, or into
 * a temporary file that is mapped and deleted at once when their data exceeds the archive's in-memory limit; either
 * way the array is writable and changes never reach the archive. The data of a stored member is not checked
 * against its CRC-32 (that would read it all); inflated data is.
 *
 * <p>Arrays returned by {@link #get(String)} are independent of this object: they stay valid after
 * {@link #close()}, and each must be closed (or, in memory, dropped) on its own. An {@code NpzFile} is safe for use
 * by several threads.
 */
public final class NpzFile implements AutoCloseable {

    /** A member with what reading it needs. */
    private record Slot(NpzMember member, ZipDirectory.Entry entry, long dataStart, String source) {
    }

    private final Path path;
    private final FileChannel ch;
    private final long inMemoryLimit;
    private final List<NpzMember> members;
    /** Members by name and by entry name, as NumPy's {@code NpzFile.__getitem__} accepts both. */
    private final Map<String, Slot> slots;
    private volatile boolean closed;

    private NpzFile(Path path, FileChannel ch, long inMemoryLimit, List<Slot> slots) {
        this.path = path;
        this.ch = ch;
        this.inMemoryLimit = inMemoryLimit;
        this.members = slots.stream().map(Slot::member).toList();
        Map<String, Slot> byName = new HashMap<>();
        for (Slot s : slots) {
            byName.put(s.member().name(), s);
            byName.put(s.member().entryName(), s);
        }
        this.slots = byName;
    }

    /** Opens an archive and reads every member's .npy header; see {@link Npz#open(Path, long)}. */
    static NpzFile open(Path path, long inMemoryLimit) throws IOException {
        FileChannel ch = ChannelIO.openRead(path);
        try {
            return new NpzFile(path, ch, inMemoryLimit, readSlots(path, ch));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static List<Slot> readSlots(Path path, FileChannel ch) throws IOException {
        String archive = path.toString();
        ZipDirectory.Directory dir = ZipDirectory.read(ch, archive);
        List<Slot> slots = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (ZipDirectory.Entry e : dir.entries()) {
            String problem = MemberNames.problem(e.name());
            if (problem != null) {
                throw new FormatException(archive, "refusing member " + MemberNames.quoted(e.name()) + ": " + problem);
            }
            if (e.isDirectory() && e.size() == 0) {
                continue; // a folder entry holds no array
            }
            String source = archive + " (member " + MemberNames.forMessage(e.name()) + ")";
            String name = e.name().endsWith(".npy") ? e.name().substring(0, e.name().length() - 4) : e.name();
            for (String key : name.equals(e.name()) ? List.of(name) : List.of(name, e.name())) {
                String other = seen.putIfAbsent(key, e.name());
                if (other != null) {
                    throw new FormatException(archive, "members " + MemberNames.quoted(other) + " and "
                            + MemberNames.quoted(e.name()) + " are both called " + MemberNames.quoted(key));
                }
            }
            slots.add(slot(ch, dir, e, name, source));
        }
        return slots;
    }

    private static Slot slot(FileChannel ch, ZipDirectory.Directory dir, ZipDirectory.Entry e, String name, String source)
            throws IOException {
        if ((e.flags() & 1) != 0) {
            throw new FormatException(source, "encrypted members are not supported");
        }
        boolean deflated = switch (e.method()) {
            case ZipDirectory.STORED -> false;
            case ZipDirectory.DEFLATED -> true;
            default -> throw new FormatException(source, "compression method " + e.method()
                    + " is not supported (only stored and deflated, which NumPy writes)");
        };
        if (!deflated && e.compressedSize() != e.size()) {
            throw new FormatException(source, "a stored member's compressed size " + e.compressedSize()
                    + " differs from its size " + e.size());
        }
        if (deflated && e.size() / DeflatedMember.MAX_RATIO > e.compressedSize()) {
            throw new FormatException(source, "corrupt zip archive: " + e.compressedSize() + " bytes of deflated data"
                    + " cannot inflate to the " + e.size() + " bytes the directory entry announces (deflate expands at most "
                    + DeflatedMember.MAX_RATIO + "-fold)");
        }
        long dataStart = ZipDirectory.dataOffset(ch, e, dir.start(), source);
        NpyHeader h = deflated
                ? DeflatedMember.header(ch, dataStart, e, source)
                : NpyHeaderReader.read(ChannelIO.region(ch, dataStart, e.size()), source);
        Npy.checkComplete(h, e.size(), source);
        return new Slot(new NpzMember(name, e.name(), deflated, e.compressedSize(), e.size(), h, dataStart), e, dataStart, source);
    }

    /**
     * Returns the archive's path.
     *
     * @return the path given to {@link Npz#open(Path)}
     */
    public Path path() {
        return path;
    }

    /**
     * Returns the names of the arrays in archive order, like {@code np.load(file).files}: member names without
     * their {@code .npy} suffix.
     *
     * @return an unmodifiable list
     */
    public List<String> files() {
        return members.stream().map(NpzMember::name).toList();
    }

    /**
     * Returns the members in archive order.
     *
     * @return an unmodifiable list
     */
    public List<NpzMember> members() {
        return members;
    }

    /**
     * Returns one member.
     *
     * @param name an array name ({@code "x"}) or member file name ({@code "x.npy"})
     * @return the member
     * @throws NoSuchElementException if the archive has no such member
     */
    public NpzMember member(String name) {
        return slot(name).member();
    }

    private Slot slot(String name) {
        Slot s = slots.get(name);
        if (s == null) {
            throw new NoSuchElementException("'" + name + "' is not a file in the archive '" + path + "'; its files are " + files());
        }
        return s;
    }

    /**
     * Returns an array of the archive, like {@code np.load(file)[name]}: a stored member is mapped read-only in
     * place; a deflated member is inflated into a new writable array, in memory or, above the in-memory limit, in a
     * temporary file that is already deleted.
     *
     * @param name an array name ({@code "x"}) or member file name ({@code "x.npy"})
     * @return the array; close it to unmap or free it
     * @throws NoSuchElementException if the archive has no such member
     * @throws FormatException        if a deflated member's data is corrupt (bad compressed data, size or
     *                                CRC-32)
     * @throws IOException            if reading, mapping or writing the temporary file fails
     * @throws IllegalStateException  if this archive is closed
     */
    public NDArray get(String name) throws IOException {
        if (closed) {
            throw new IllegalStateException("the archive '" + path + "' is closed");
        }
        Slot s = slot(name);
        NpyHeader h = s.member().header();
        if (s.member().compressed()) {
            return DeflatedMember.read(ch, s.dataStart(), s.entry(), h, inMemoryLimit, s.source());
        }
        return MemMap.builder(path).dtype(h.dtype()).mode(Mode.READ_ONLY).offset(s.member().dataOffset())
                .shape(h.shape()).order(h.order()).open();
    }

    /**
     * Closes the archive. Arrays already returned stay valid. Idempotent.
     *
     * @throws UncheckedIOException if closing the file fails
     */
    @Override
    public void close() {
        closed = true;
        try {
            ch.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close '" + path + "'", e);
        }
    }

    @Override
    public String toString() {
        return "NpzFile[" + path + ", files " + files() + (closed ? ", closed]" : "]");
    }
}
