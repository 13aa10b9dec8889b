package org.memmap4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.compute.Compute;
import org.memmap4j.format.AtomicFile;
import org.memmap4j.format.Npy;
import org.memmap4j.format.Npz;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code memmap4j create FILE --dtype D --shape S}: a new .npy, .npz or raw file, filled as asked. The file is
 * written under a temporary name and renamed into place when complete; an existing FILE needs {@code --force}.
 */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a new array file, memory-mapped while it is filled.")
final class CreateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to create.")
    Path file;

    @Option(names = "--dtype", required = true, paramLabel = "D", description = "Element type, e.g. float32, '<f4', int64, '>u2'.")
    String dtype;

    @Option(names = "--shape", required = true, paramLabel = "S", description = "Shape, e.g. 1000,1000 or '(1000, 1000)'.")
    String shape;

    @Option(names = "--order", paramLabel = "C|F", defaultValue = "C", description = "Memory order (default C).")
    String order;

    @Option(names = "--format", paramLabel = "npy|raw|npz", description = "File format (default: from the extension, raw otherwise).")
    String format;

    @Option(names = "--fill", paramLabel = "F", defaultValue = "zeros",
            description = "zeros, ones, arange (C-order flat index k becomes k), random (floats in [0,1), integers in [0,100)), normal, or a number.")
    String fill;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed for random and normal (default 0).")
    long seed;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DType dt = DType.of(dtype);
        long[] sh = Shapes.parse(shape);
        Order ord = Order.of(order);
        String fmt = outputFormat(format, file);
        Filler filler = filler(fill, dt);
        AtomicFile.write(file, force, tmp -> {
            switch (fmt) {
                case "npy" -> {
                    try (NDArray a = Npy.create(tmp, dt, ord, true, sh)) {
                        filler.fill(a);
                        a.flush();
                    }
                }
                case "raw" -> {
                    try (NDArray a = MemMap.builder(tmp).dtype(dt).mode(Mode.WRITE).order(ord).shape(sh).open()) {
                        filler.fill(a);
                        a.flush();
                    }
                }
                case "npz" -> {
                    NDArray a = NDArrays.empty(dt, ord, sh);
                    filler.fill(a);
                    Npz.save(tmp, a);
                }
                default -> throw new AssertionError(fmt);
            }
        });
        spec.commandLine().getOut().println("created " + file + ": " + fmt + " " + dt.descr() + " " + NDArrays.shapeString(sh) + " order " + ord);
        return 0;
    }

    /**
     * The format of a file to write: --format if given (npy, raw or npz), else from the file's extension.
     *
     * @throws IllegalArgumentException if --format names another format
     */
    static String outputFormat(String format, Path file) {
        String fmt = format != null ? format.toLowerCase(Locale.ROOT) : defaultFormat(file);
        if (!java.util.Set.of("npy", "raw", "npz").contains(fmt)) {
            throw new IllegalArgumentException("--format must be npy, raw or npz, got '" + format + "'");
        }
        return fmt;
    }

    static String defaultFormat(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".npy") ? "npy" : n.endsWith(".npz") ? "npz" : "raw";
    }

    @FunctionalInterface
    interface Filler {
        void fill(NDArray a) throws IOException;
    }

    private Filler filler(String spec, DType dt) {
        return switch (spec.toLowerCase(Locale.ROOT)) {
            case "zeros" -> a -> { };
            case "ones" -> a -> a.fill(1L);
            case "arange" -> NDArrays::fillArange;
            case "random" -> a -> random(a, seed);
            case "normal" -> a -> Compute.local().fillNormal(a, seed);
            default -> number(spec, dt);
        };
    }

    /** Uniform [0, 1) for floats, integers in [0, 100) (bool: 0 or 1), in parallel; the same as Randoms.fillRandom. */
    private static void random(NDArray a, long seed) {
        DType.Kind k = a.dtype().kind();
        if (k.isInteger() || k.isBool()) {
            Compute.local().fillIntegers(a, 0, k.isBool() ? 2 : 100, seed);
        } else {
            Compute.local().fillUniform(a, seed);
        }
    }

    private static Filler number(String text, DType dt) {
        String t = text.strip();
        try {
            long v = Long.parseLong(t);
            return a -> a.fill(v);
        } catch (NumberFormatException notLong) {
            try {
                double v = switch (t.toLowerCase(Locale.ROOT)) {
                    case "nan" -> Double.NaN;
                    case "inf", "+inf" -> Double.POSITIVE_INFINITY;
                    case "-inf" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(t);
                };
                return a -> a.fill(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--fill must be zeros, ones, arange, random, normal or a number, got '" + text + "'");
            }
        }
    }
}
