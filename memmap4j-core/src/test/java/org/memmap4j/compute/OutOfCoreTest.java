package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.Order;
import org.memmap4j.format.Npy;
import org.memmap4j.testing.NumPy;

/**
 * Out of core for real: a forked JVM with a 32 MB heap reduces and transforms a 256 MB file (8 times its heap),
 * and takes the medians of a 128 MB complex128 file, and NumPy checks the answers.
 */
class OutOfCoreTest {

    @TempDir
    Path dir;

    /**
     * The forked program: prints sum, std, median, masked sum, then writes the fused transform; given a third file,
     * prints the median of its rows on a second line.
     */
    public static void main(String[] args) throws Exception {
        Compute c = Compute.local();
        try (NDArray d = Npy.open(Path.of(args[0]), Mode.READ_ONLY)) {
            System.out.printf(Locale.ROOT, "%.17g %.17g %.17g %.17g%n", c.sum(d).getDouble(), c.std(d).getDouble(),
                    c.median(d).getDouble(), c.sumWhere(d, Expr.of(d).gt(0.5)).getDouble());
            c.evalToNpy(Expr.of(d).multiply(9).divide(5).add(32).multiply(1.02), Path.of(args[1]), false).close();
        }
        if (args.length > 2) {
            try (NDArray z = Npy.open(Path.of(args[2]), Mode.READ_ONLY)) {
                NDArray m = c.median(z, 1);
                StringBuilder sb = new StringBuilder();
                for (long i = 0; i < m.size(); i++) {
                    double[] v = m.getComplex(i);
                    sb.append(i > 0 ? " " : "").append(v[0]).append(' ').append(v[1]);
                }
                System.out.println(sb);
            }
        }
    }

    @Test
    void aJvmWithA32MegabyteHeapProcessesAFileEightTimesLarger() throws Exception {
        Path in = dir.resolve("big.npy");
        Path out = dir.resolve("out.npy");
        Path complex = dir.resolve("complex.npy");
        long n = 64L << 20;  // 64 Mi float32 = 256 MB
        try (NDArray a = Npy.create(in, DType.FLOAT32, Order.C, false, n)) {
            Compute.local().fillUniform(a, 7);
            a.flush();
        }
        // 2 rows of 4 Mi complex128 (128 MB): a thousand real parts, so thousands of ties on each, which the second
        // stage of the selection orders by the imaginary parts.
        NumPy.run("r = np.random.default_rng(3); n = 2**22; "
                + "np.save(sys.argv[1], r.integers(0, 1000, (2, n)) + 1j * r.normal(size=(2, n)))", complex);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx32m", "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                OutOfCoreTest.class.getName(), in.toString(), out.toString(), complex.toString()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        List<String> lines = output.lines().filter(l -> !l.startsWith("WARNING")).toList();
        String[] got = lines.getFirst().split(" ");
        double[] complexMedians = Arrays.stream(NumPy.run("m = np.median(np.load(sys.argv[1], mmap_mode='r'), "
                + "axis=1); print(' '.join(repr(float(x)) for z in m for x in (z.real, z.imag)))", complex).strip()
                .split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertThat(Arrays.stream(lines.get(1).split(" ")).mapToDouble(Double::parseDouble).toArray())
                .containsExactly(complexMedians);
        String[] want = NumPy.run("d = np.load(sys.argv[1], mmap_mode='r'); f = np.load(sys.argv[2], mmap_mode='r'); "
                + "s = sum(float(d[i:i + 2**24].astype(np.float64).sum()) for i in range(0, d.size, 2**24)); "
                + "print(repr(s), repr(float(d.std(dtype=np.float64))), repr(float(np.median(d))), "
                + "repr(sum(float(c[c > 0.5].astype(np.float64).sum()) for c in (d[i:i + 2**24] for i in range(0, d.size, 2**24)))), "
                + "all(np.array_equal(f[i:i + 2**24], (d[i:i + 2**24] * 9 / 5 + 32) * 1.02) for i in range(0, d.size, 2**24)))",
                in, out).split(" ");
        assertThat(Double.parseDouble(got[0])).isCloseTo(Double.parseDouble(want[0]), org.assertj.core.data.Percentage.withPercentage(1e-5));
        assertThat(Double.parseDouble(got[1])).isCloseTo(Double.parseDouble(want[1]), org.assertj.core.data.Percentage.withPercentage(1e-4));
        assertThat(Double.parseDouble(got[2])).isEqualTo(Double.parseDouble(want[2]));
        assertThat(Double.parseDouble(got[3])).isCloseTo(Double.parseDouble(want[3]), org.assertj.core.data.Percentage.withPercentage(1e-5));
        assertThat(want[4]).isEqualTo("True");
        assertThat(Files.size(out)).isEqualTo(Files.size(in));
    }
}
