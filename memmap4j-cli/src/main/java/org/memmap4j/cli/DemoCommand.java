package org.memmap4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.memmap4j.DType;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.format.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code memmap4j demo}: the first thing to run. Creates a memory-mapped .npy, writes through slices, reopens it
 * read-only and shows it, so the output can be checked against NumPy by hand.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Create a small memory-mapped .npy, write to it through slices, and show it.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the file goes (default: a new temporary directory).")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        Path d = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("memmap4j-demo");
        Path file = d.resolve("demo.npy");
        out.println("# np.lib.format.open_memmap('" + file + "', mode='w+', dtype='float32', shape=(4, 6))");
        try (NDArray a = Npy.create(file, DType.FLOAT32, Order.C, true, 4, 6)) {
            out.println("# a[...] = np.arange(24).reshape(4, 6); a[1:3, ::2] = -1; a[-1] *= 0.5 (as a[-1] = a[-1] / 2)");
            NDArrays.fillArange(a);
            a.set("1:3, ::2", -1L);
            NDArray last = a.get("-1");
            for (long j = 0; j < last.shape(0); j++) {
                last.setDouble(last.getDouble(j) / 2, j);
            }
            a.flush();
        }
        try (NDArray b = Npy.open(file, Mode.READ_ONLY)) {
            out.println("# np.load('" + file + "', mmap_mode='r')");
            out.println(b);
            out.println("# b[:, -2:].T");
            out.println(b.get(":, -2:").T());
            out.println("# shape " + NDArrays.shapeString(b.shape()) + ", dtype " + b.dtype() + ", " + b.nbytes() + " bytes of data in " + Files.size(file) + " bytes");
        }
        out.flush();
        return 0;
    }
}
