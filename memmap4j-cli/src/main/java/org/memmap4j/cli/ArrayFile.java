package org.memmap4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.Order;
import org.memmap4j.format.Npy;
import org.memmap4j.format.NpyHeader;
import org.memmap4j.format.Npz;
import org.memmap4j.format.NpzFile;
import org.memmap4j.format.NpzMember;

/**
 * An input file as the CLI sees it: .npy and .npz recognised by their magic bytes, anything else raw binary
 * described by {@link RawOptions}. Knows how to describe itself ({@code info}) and to open its array read-only.
 */
final class ArrayFile {

    enum Format { NPY, NPZ, RAW }

    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private ArrayFile() {
    }

    static Format detect(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not an array file");
        }
        byte[] head = new byte[6];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 6);
        }
        if (n == 6 && java.util.Arrays.equals(head, NPY_MAGIC)) {
            return Format.NPY;
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6)) {
            return Format.NPZ;
        }
        return Format.RAW;
    }

    /**
     * Opens the array of a file read-only: a .npy, one member of a .npz (named, or the only one), or a raw file.
     *
     * @throws IllegalArgumentException if a raw file has no --dtype, or an npz member must be named
     */
    static NDArray open(Path file, RawOptions raw, String member) throws IOException {
        return switch (detect(file)) {
            case NPY -> Npy.open(file, Mode.READ_ONLY);
            case NPZ -> {
                NpzFile npz = Npz.open(file);
                try {
                    String name = member != null ? member : onlyMember(file, npz);
                    // The array keeps its own mapping or memory; the zip directory is no longer needed.
                    yield npz.get(name);
                } finally {
                    npz.close();
                }
            }
            case RAW -> openRaw(file, raw);
        };
    }

    private static String onlyMember(Path file, NpzFile npz) {
        List<NpzMember> members = npz.members();
        if (members.size() != 1) {
            List<String> names = new ArrayList<>();
            members.forEach(m -> names.add(m.name()));
            throw new IllegalArgumentException(file + ": holds " + members.size() + " arrays " + names + "; choose one with --member NAME");
        }
        return members.getFirst().name();
    }

    static NDArray openRaw(Path file, RawOptions raw) throws IOException {
        DType dtype = raw.dtypeOrNull();
        if (dtype == null) {
            throw new IllegalArgumentException(file + ": no .npy/.npz header found; give --dtype (and --shape) to read it as raw binary");
        }
        MemMap.Builder b = MemMap.builder(file).dtype(dtype).mode(Mode.READ_ONLY).offset(raw.offset).order(raw.orderOrC());
        long[] shape = raw.shapeOrNull();
        if (shape != null) {
            b.shape(shape);
        }
        return b.open();
    }

    /** The {@code info} description: NumPy-style fields of the file's array(s). */
    static Map<String, Object> describe(Path file, RawOptions raw) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", file.toString());
        switch (detect(file)) {
            case NPY -> {
                m.put("format", "npy");
                NpyHeader h = Npy.readHeader(file);
                fields(m, h.dtype(), h.shape(), h.order(), h.dataOffset(), version(h));
            }
            case NPZ -> {
                m.put("format", "npz");
                List<Object> members = new ArrayList<>();
                try (NpzFile npz = Npz.open(file)) {
                    for (NpzMember mem : npz.members()) {
                        Map<String, Object> e = new LinkedHashMap<>();
                        e.put("name", mem.name());
                        e.put("compressed", mem.compressed());
                        NpyHeader h = mem.header();
                        fields(e, h.dtype(), h.shape(), h.order(), mem.dataOffset(), version(h));
                        members.add(e);
                    }
                }
                m.put("members", members);
            }
            case RAW -> {
                m.put("format", "raw");
                try (NDArray a = openRaw(file, raw)) {
                    fields(m, a.dtype(), a.shape(), raw.orderOrC(), raw.offset, null);
                }
            }
        }
        return m;
    }

    private static String version(NpyHeader h) {
        return h.major() + "." + h.minor();
    }

    private static void fields(Map<String, Object> m, DType dtype, long[] shape, Order order, long offset, String version) {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        m.put("dtype", dtype.descr());
        m.put("shape", shape);
        m.put("order", order.name());
        m.put("offset", offset);
        m.put("itemsize", dtype.itemSize());
        m.put("size", size);
        m.put("nbytes", size * dtype.itemSize());
        m.put("version", version);
    }
}
