package org.memmap4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.Order;
import org.memmap4j.compute.Compute;
import org.memmap4j.format.Npy;
import org.memmap4j.testing.NumPy;

/** {@code memmap4j plot}: PNGs of the requested size for every kind on .npy and raw input, and one-line errors. */
class PlotCommandTest {

    @TempDir
    Path dir;

    private static CliTest.Result run(Object... args) {
        return CliTest.run(args);
    }

    /** Reads a PNG back and checks its size and that something besides the background was drawn. */
    static BufferedImage png(Path f, int width, int height) throws Exception {
        assertThat(Files.readAllBytes(f)).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage img = ImageIO.read(f.toFile());
        assertThat(img).as(f + " is not a readable image").isNotNull();
        assertThat(img.getWidth()).isEqualTo(width);
        assertThat(img.getHeight()).isEqualTo(height);
        assertThat(colours(img, 0, 0, width, height)).as("distinct colours").isGreaterThan(3);
        return img;
    }

    /** How many distinct colours a region holds. */
    static long colours(BufferedImage img, int x, int y, int w, int h) {
        return java.util.stream.IntStream.range(0, w * h).map(i -> img.getRGB(x + i % w, y + i / w)).distinct().count();
    }

    private Path data() {
        NumPy.run("""
                rng = np.random.default_rng(1)
                d = sys.argv[1]
                a = rng.normal(size=(6, 5000)).astype('f4'); a[2, 100:200] = np.nan
                np.save(d + '/m.npy', a)
                a.tofile(d + '/m.f32')
                np.save(d + '/tall.npy', rng.normal(size=(300, 40)))
                np.save(d + '/cube.npy', np.zeros((2, 3, 4)))
                np.save(d + '/c.npy', np.zeros(5, dtype='c8'))
                """, dir);
        return dir;
    }

    @Test
    void everyKindOnNpyAndRawInputWritesAPngOfTheRequestedSize() throws Exception {
        data();
        List<Object[]> inputs = List.of(
                new Object[] {dir.resolve("m.npy")},
                new Object[] {dir.resolve("m.f32"), "--dtype", "float32", "--shape", "6,5000"});
        int k = 0;
        for (Object[] in : inputs) {
            for (String[] kind : new String[][] {{"line", "1"}, {"line", "::2, ::-3"}, {"hist", ":"}, {"heatmap", ":, 10:"}}) {
                Path out = dir.resolve("p" + k++ + ".png");
                List<Object> args = new ArrayList<>(List.of("plot", in[0], kind[1], "--out", out, "--kind", kind[0],
                        "--width", 640, "--height", 360 + k));
                args.addAll(List.of(in).subList(1, in.length));
                CliTest.Result r = run(args.toArray());
                assertThat(r.code()).as(r.err()).isZero();
                assertThat(r.out()).isEqualTo("wrote " + out + ": " + kind[0] + " plot of " + in[0] + "[" + kind[1]
                        + "], 640 x " + (360 + k));
                png(out, 640, 360 + k);
            }
        }
    }

    @Test
    void theDefaultKindIsLineUpToTenRowsThenHeatmap() throws Exception {
        data();
        assertThat(run("plot", dir.resolve("m.npy"), "--out", dir.resolve("a.png")).out()).contains(": line plot of ");
        assertThat(run("plot", dir.resolve("m.npy"), "0", "--out", dir.resolve("b.png")).out()).contains(": line plot of ");
        assertThat(run("plot", dir.resolve("tall.npy"), "--out", dir.resolve("c.png")).out()).contains(": heatmap plot of ");
        png(dir.resolve("c.png"), 1000, 600);
        CliTest.Result h = run("plot", dir.resolve("tall.npy"), "--kind", "hist", "--bins", 7, "--range", "(-1, 1)",
                "--out", dir.resolve("d.png"), "--title", "seven bins");
        assertThat(h.code()).as(h.err()).isZero();
    }

    @Test
    void badInputGivesOneLineErrors() throws Exception {
        data();
        Path m = dir.resolve("m.npy");
        Path out = dir.resolve("x.png");
        String[][] cases = {
            {dir.resolve("cube.npy").toString(), "--kind", "line", "a line plot takes 1-d or 2-d data (one line per row), got 3-d"},
            {dir.resolve("cube.npy").toString(), "no default plot for 3-d data; give --kind hist"},
            {m.toString(), "0", "--kind", "heatmap", "a heatmap takes 2-d data, got 1-d"},
            {dir.resolve("tall.npy").toString(), "--kind", "line", "300 rows are too many lines (at most 10)"},
            {m.toString(), "--kind", "pie", "--kind must be line, hist or heatmap, got 'pie'"},
            {m.toString(), "--bins", "5", "--bins and --range apply to --kind hist only"},
            {m.toString(), "--kind", "hist", "--range", "1,0", "--range must be MIN,MAX with finite MIN <= MAX, got '1,0'"},
            {m.toString(), "--kind", "hist", "--bins", "0", "--bins must be at least 1, got 0"},
            {m.toString(), "--width", "50", "--width must be between 100 and 8000 pixels, got 50"},
            {m.toString(), "2:2", "no elements to plot (shape [0, 5000])"},
            {dir.resolve("c.npy").toString(), "cannot plot complex64 data"},
            {dir.resolve("m.f32").toString(), "no .npy/.npz header found; give --dtype"},
            {dir.resolve("nope.npy").toString(), "nope.npy: no such file"},
        };
        for (String[] c : cases) {
            List<Object> args = new ArrayList<>(List.of("plot"));
            args.addAll(List.of(c).subList(0, c.length - 1));
            args.addAll(List.of("--out", out));
            CliTest.Result r = run(args.toArray());
            assertThat(r.code()).as(String.join(" ", c)).isEqualTo(1);
            assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith("memmap4j: ").contains(c[c.length - 1]);
            assertThat(out).doesNotExist();
        }
        CliTest.Result missing = run("plot", m);
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--out");
    }

    @Test
    void anExistingPngIsReplacedOnlyWithForceAndNeverByTheInput() throws Exception {
        data();
        Path out = dir.resolve("keep.png");
        Files.writeString(out, "precious");
        CliTest.Result r = run("plot", dir.resolve("m.npy"), "--out", out);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("memmap4j: " + out + ": file exists (use --force to replace it)");
        assertThat(Files.readString(out)).isEqualTo("precious");
        assertThat(run("plot", dir.resolve("m.npy"), "--out", out, "--force").code()).isZero();
        png(out, 1000, 600);
        Path in = dir.resolve("m.npy");
        byte[] before = Files.readAllBytes(in);
        CliTest.Result self = run("plot", in, "--out", in, "--force");
        assertThat(self.code()).isEqualTo(1);
        assertThat(self.err()).isEqualTo("memmap4j: " + in + ": is the input file; choose another --out");
        assertThat(Files.readAllBytes(in)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aLinePlotOfTwentyMillionElementsCompletes() throws Exception {
        Path f = dir.resolve("big.npy");
        try (NDArray a = Npy.create(f, DType.FLOAT32, Order.C, false, 20_000_000)) {
            Compute.local().fillNormal(a, 11);
            a.flush();
        }
        Path out = dir.resolve("big.png");
        CliTest.Result r = run("plot", f, "--out", out, "--width", 1200, "--height", 500);
        assertThat(r.code()).as(r.err()).isZero();
        png(out, 1200, 500);
    }

    @Test
    void plotsWithoutADisplayEvenWhenDisplayPointsNowhere() throws Exception {
        data();
        Path out = dir.resolve("headless.png");
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "plot", dir.resolve("m.npy").toString(),
                "--out", out.toString(), "--kind", "hist");
        pb.environment().put("DISPLAY", ":97");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        png(out, 1000, 600);
    }
}
