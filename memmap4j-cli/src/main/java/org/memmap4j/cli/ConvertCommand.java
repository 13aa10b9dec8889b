package org.memmap4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.ProgressListener;
import org.memmap4j.format.AtomicFile;
import org.memmap4j.format.Npy;
import org.memmap4j.format.Npz;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code memmap4j convert IN OUT}: {@code np.save(OUT, np.load(IN).astype(D, order=O))} (or {@code tofile}, or
 * {@code np.savez}) without loading IN: the elements stream chunk by chunk through NumPy's unsafe cast into a
 * memory-mapped output ({@link BlockedCast}). OUT is written under a temporary name and renamed when complete, so a
 * failure leaves no partial file; an existing OUT needs {@code --force}; IN itself is never a valid OUT.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert an array file to another dtype (NumPy's astype), format or memory order, streaming.")
final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "The input file (.npy, .npz, or raw with --in-dtype).")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write.")
    Path out;

    @Option(names = "--dtype", paramLabel = "D", description = "Output element type, e.g. float32, '>f8', uint8 (default: the input's).")
    String dtype;

    @Option(names = "--format", paramLabel = "npy|raw|npz", description = "Output format (default: from OUT's extension, raw otherwise).")
    String format;

    @Option(names = "--order", paramLabel = "C|F",
            description = "Output memory order (default: the input's for npy and npz, C for raw, as tofile writes).")
    String order;

    @Option(names = "--force", description = "Replace OUT if it exists.")
    boolean force;

    @Option(names = "--member", paramLabel = "NAME", description = "The .npz member to read (needed when there are several).")
    String member;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "arr_0", description = "Member name in an npz output (default arr_0).")
    String name;

    @Option(names = "--compress", description = "Deflate the npz output's member (np.savez_compressed).")
    boolean compress;

    @Mixin
    InputRawOptions inRaw;

    @Mixin
    ExecOptions exec;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String fmt = CreateCommand.outputFormat(format, out);
        if (compress && !fmt.equals("npz")) {
            throw new IllegalArgumentException("--compress applies to npz output only (the output format is " + fmt + ")");
        }
        DType target = dtype == null ? null : DType.of(dtype);
        Order wanted = order == null ? null : Order.of(order);
        checkWritableTarget(out);
        if (Files.exists(out) && Files.isSameFile(in, out)) {
            throw new IllegalArgumentException(out + ": is the input file; convert to another file (and rename it over the input if you want)");
        }
        if (ArrayFile.detect(in) == ArrayFile.Format.RAW && inRaw.dtype == null) {
            throw new IllegalArgumentException(in + ": no .npy/.npz header found; give --in-dtype (and --in-shape) to read it as raw binary");
        }
        try (NDArray a = ArrayFile.open(in, inRaw.toRawOptions(), member);
             ChunkExecutor executor = exec.open();
             Progress progress = exec.progress()) {
            DType dt = target != null ? target : a.dtype();
            Order ord = outputOrder(a, wanted, fmt);
            if (a.dtype().kind().isComplex() && !dt.kind().isComplex()) {
                spec.commandLine().getErr().println("memmap4j: warning: " + in + ": casting complex values to " + dt.kind().numpyName()
                        + " discards the imaginary part (NumPy's ComplexWarning)");
            }
            AtomicFile.write(out, force, tmp -> {
                ProgressListener listener = progress.phase("convert");
                switch (fmt) {
                    case "npy" -> {
                        try (NDArray o = Npy.create(tmp, dt, ord, true, a.shape())) {
                            BlockedCast.copy(a, o, executor, listener);
                            o.flush();
                        }
                    }
                    case "raw" -> {
                        if (a.size() > 0) {
                            try (NDArray o = MemMap.builder(tmp).dtype(dt).mode(Mode.WRITE).order(ord).shape(a.shape()).open()) {
                                BlockedCast.copy(a, o, executor, listener);
                                o.flush();
                            }
                        }
                    }
                    case "npz" -> npz(a, dt, ord, tmp, executor, listener);
                    default -> throw new AssertionError(fmt);
                }
                progress.finish();
            });
            spec.commandLine().getOut().println("converted " + in + " -> " + out + ": " + fmt + " " + dt.descr() + " "
                    + NDArrays.shapeString(a.shape()) + " order " + ord);
        }
        return 0;
    }

    /** Refuses an OUT that cannot become a file, before any work: a directory, or one in a missing directory. */
    private static void checkWritableTarget(Path out) throws IOException {
        if (Files.isDirectory(out)) {
            throw new IOException(out + ": is a directory");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new java.nio.file.NoSuchFileException(out.toString(), null, "no such directory: " + parent);
        }
    }

    /**
     * The output's memory order: as asked, else the input's for npy and npz (astype keeps the layout, np.save
     * records it) and C for raw (tofile writes C order). An array that is both C- and F-contiguous (at most one
     * axis longer than 1) is C, as np.save records it.
     */
    static Order outputOrder(NDArray a, Order wanted, String fmt) {
        Order o = wanted != null ? wanted
                : fmt.equals("raw") ? Order.C
                : a.isFContiguous() && !a.isCContiguous() ? Order.F : Order.C;
        long longAxes = java.util.Arrays.stream(a.shape()).filter(d -> d > 1).count();
        return longAxes <= 1 ? Order.C : o;
    }

    /**
     * Writes a one-member archive. Its member is written from an array: the input itself when it already has the
     * dtype and layout; otherwise the converted elements, staged in a temporary raw file next to OUT (memory-mapped,
     * so the heap stays small) that is deleted afterwards.
     */
    private void npz(NDArray a, DType dt, Order ord, Path tmp, ChunkExecutor executor, ProgressListener listener) throws IOException {
        if (a.dtype().equals(dt) && (ord == Order.C ? a.isCContiguous() : a.isFContiguous())) {
            saveNpz(tmp, a);
            return;
        }
        if (a.size() == 0) {
            saveNpz(tmp, NDArrays.empty(dt, ord, a.shape()));
            return;
        }
        Path stage = Files.createTempFile(tmp.toAbsolutePath().getParent(), "." + out.getFileName() + ".", ".stage.tmp");
        try {
            try (NDArray staged = MemMap.builder(stage).dtype(dt).mode(Mode.WRITE).order(ord).shape(a.shape()).open()) {
                BlockedCast.copy(a, staged, executor, listener);
                saveNpz(tmp, staged);
            }
        } finally {
            Files.deleteIfExists(stage);
        }
    }

    private void saveNpz(Path file, NDArray member) throws IOException {
        if (compress) {
            Npz.saveCompressed(file, Map.of(name, member));
        } else {
            Npz.save(file, Map.of(name, member));
        }
    }
}
