package org.memmap4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;

/** The CLI driven in-process through {@link Main#run}, with NumPy checking what it writes and shows. */
class CliTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(Object... args) {
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = args[i].toString();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(a, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString().strip(), err.toString().strip());
    }

    @Test
    void createArangeNpyIsWhatNumPyMeansByArange() {
        for (String order : new String[] {"C", "F"}) {
            Path f = dir.resolve("a" + order + ".npy");
            Result r = run("create", f, "--dtype", ">i4", "--shape", "(3, 4)", "--order", order, "--fill", "arange");
            assertThat(r.code()).as(r.err()).isZero();
            String ok = NumPy.run("a = np.load(sys.argv[1]); e = np.arange(12).reshape(3, 4).astype('>i4'); "
                    + "print(a.dtype.str, a.flags.f_contiguous and not a.flags.c_contiguous, np.array_equal(a, e))", f);
            assertThat(ok).isEqualTo(">i4 " + (order.equals("F") ? "True" : "False") + " True");
        }
    }

    @Test
    void createRawAndNpzAndFillValues() {
        Path raw = dir.resolve("r.dat");
        assertThat(run("create", raw, "--dtype", "float32", "--shape", "5", "--fill", "2.5").code()).isZero();
        assertThat(NumPy.run("print(np.fromfile(sys.argv[1], dtype='f4').tolist())", raw)).isEqualTo("[2.5, 2.5, 2.5, 2.5, 2.5]");
        Path npz = dir.resolve("z.npz");
        assertThat(run("create", npz, "--dtype", "uint8", "--shape", "2,3", "--fill", "ones").code()).isZero();
        assertThat(NumPy.run("z = np.load(sys.argv[1]); print(z.files, z['arr_0'].tolist(), z['arr_0'].dtype)", npz))
                .isEqualTo("['arr_0'] [[1, 1, 1], [1, 1, 1]] uint8");
    }

    @Test
    void createRandomIsInRangeAndReproducible() {
        Path a = dir.resolve("a.npy");
        Path b = dir.resolve("b.npy");
        Path i = dir.resolve("i.npy");
        assertThat(run("create", a, "--dtype", "f8", "--shape", "1000", "--fill", "random", "--seed", "7").code()).isZero();
        assertThat(run("create", b, "--dtype", "f8", "--shape", "1000", "--fill", "random", "--seed", "7").code()).isZero();
        assertThat(run("create", i, "--dtype", "i2", "--shape", "1000", "--fill", "random").code()).isZero();
        String out = NumPy.run("a = np.load(sys.argv[1]); b = np.load(sys.argv[2]); i = np.load(sys.argv[3]); "
                + "print(np.array_equal(a, b), 0 <= a.min(), a.max() < 1, 0.4 < a.mean() < 0.6, i.min() >= 0, i.max() < 100, len(np.unique(i)) > 90)", a, b, i);
        assertThat(out).isEqualTo("True True True True True True True");
    }

    @Test
    void createNormalHasStandardMoments() {
        Path f = dir.resolve("n.npy");
        assertThat(run("create", f, "--dtype", "float32", "--shape", "200000", "--fill", "normal", "--seed", "3").code()).isZero();
        String out = NumPy.run("a = np.load(sys.argv[1]); print(abs(a.mean()) < 0.01, abs(a.std() - 1) < 0.01)", f);
        assertThat(out).isEqualTo("True True");
    }

    @Test
    void createRefusesAnExistingFileUnlessForced() throws Exception {
        Path f = dir.resolve("keep.npy");
        Files.writeString(f, "precious");
        Result r = run("create", f, "--dtype", "f4", "--shape", "3");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(f.toString()).contains("--force").doesNotContain("Exception");
        assertThat(Files.readString(f)).isEqualTo("precious");
        assertThat(run("create", f, "--dtype", "f4", "--shape", "3", "--force").code()).isZero();
        assertThat(Files.size(f)).isEqualTo(128 + 12);
        try (var s = Files.list(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void infoJsonForNpyRawAndNpz() {
        Path npy = dir.resolve("x.npy");
        Path npz = dir.resolve("x.npz");
        Path raw = dir.resolve("x.bin");
        NumPy.run("a = np.arange(6, dtype='<f4').reshape(2, 3); np.save(sys.argv[1], np.asfortranarray(a)); "
                + "np.savez(sys.argv[2], a, named=np.ones(4, '>i2')); a.tofile(sys.argv[3])", npy, npz, raw);
        assertThat(run("info", npy, "--json").out()).isEqualTo("{\"path\":\"" + npy + "\",\"format\":\"npy\",\"dtype\":\"<f4\","
                + "\"shape\":[2,3],\"order\":\"F\",\"offset\":128,\"itemsize\":4,\"size\":6,\"nbytes\":24,\"version\":\"1.0\"}");
        assertThat(run("info", raw, "--dtype", "float32", "--shape", "3,2", "--json").out()).isEqualTo("{\"path\":\"" + raw
                + "\",\"format\":\"raw\",\"dtype\":\"<f4\",\"shape\":[3,2],\"order\":\"C\",\"offset\":0,\"itemsize\":4,\"size\":6,"
                + "\"nbytes\":24,\"version\":null}");
        String z = run("info", npz, "--json").out();
        assertThat(z).startsWith("{\"path\":\"" + npz + "\",\"format\":\"npz\",\"members\":[");
        assertThat(z).contains("{\"name\":\"arr_0\",\"compressed\":false,\"dtype\":\"<f4\",\"shape\":[2,3],\"order\":\"C\",\"offset\":");
        assertThat(z).contains("{\"name\":\"named\",\"compressed\":false,\"dtype\":\">i2\",\"shape\":[4],\"order\":\"C\"");
        // A stored member's offset is where its data sits in the archive: NumPy can memmap it there.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"name\":\"arr_0\".*?\"offset\":(\\d+)").matcher(z);
        assertThat(m.find()).isTrue();
        assertThat(NumPy.run("m = np.memmap(sys.argv[1], dtype='<f4', mode='r', offset=int(sys.argv[2]), shape=(2, 3)); "
                + "print(np.array_equal(m, np.arange(6).reshape(2, 3)))", npz, m.group(1))).isEqualTo("True");
        Result text = run("info", npy);
        assertThat(text.out()).contains("format:   npy").contains("shape:    (2, 3)").contains("order:    F");
    }

    @Test
    void showPrintsLikeNumPyAndAcceptsSlicesStartingWithMinus() {
        Path f = dir.resolve("s.npy");
        NumPy.run("np.save(sys.argv[1], (np.arange(20, dtype='f8') / 4).reshape(4, 5))", f);
        for (String slice : new String[] {"-1", "-2:, ::2", "1:3, -5::3", "[0, -1]", "..., 0", ":, None, 1"}) {
            Result r = run("show", f, slice);
            assertThat(r.code()).as(slice + ": " + r.err()).isZero();
            String expected = NumPy.run("print(np.load(sys.argv[1], mmap_mode='r')[" + slice + "])", f);
            assertThat(r.out()).as(slice).isEqualTo(expected);
        }
        assertThat(run("show", f).out()).isEqualTo(NumPy.run("print(np.load(sys.argv[1]))", f));
    }

    @Test
    void showJsonEncodesSpecialValuesAndComplex() {
        Path f = dir.resolve("j.npy");
        Path c = dir.resolve("c.npy");
        Path b = dir.resolve("b.npy");
        NumPy.run("np.save(sys.argv[1], np.array([1.5, np.nan, np.inf, -np.inf, 0.1], dtype='f4')); "
                + "np.save(sys.argv[2], np.array([[1+2j], [-0.5j]])); np.save(sys.argv[3], np.array([True, False]))", f, c, b);
        assertThat(run("show", f, "--json").out())
                .isEqualTo("{\"dtype\":\"<f4\",\"shape\":[5],\"data\":[1.5,\"nan\",\"inf\",\"-inf\",0.1]}");
        assertThat(run("show", c, "--json").out()).isEqualTo("{\"dtype\":\"<c16\",\"shape\":[2,1],\"data\":[[[1.0,2.0]],[[-0.0,-0.5]]]}");
        assertThat(run("show", b, "--json").out()).isEqualTo("{\"dtype\":\"|b1\",\"shape\":[2],\"data\":[true,false]}");
    }

    @Test
    void showRawNeedsDtypeAndJsonIsBounded() throws Exception {
        Path raw = dir.resolve("plain.bin");
        Files.write(raw, new byte[8_000_008]);
        Result r = run("show", raw);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(raw.toString()).contains("--dtype").doesNotContain("at org.");
        Result big = run("show", raw, "--dtype", "u1", "--json");
        assertThat(big.code()).isEqualTo(1);
        assertThat(big.err()).contains("limited to 1000000");
        Result ok = run("show", raw, "--dtype", "u1", "-3:", "--json");
        assertThat(ok.out()).isEqualTo("{\"dtype\":\"|u1\",\"shape\":[3],\"data\":[0,0,0]}");
    }

    @Test
    void errorsAreOneLineAndDebugAddsTheStackTrace() {
        Path missing = dir.resolve("nope.npy");
        Result r = run("show", missing);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains(missing.toString());
        Result d = run("show", missing, "--debug");
        assertThat(d.code()).isEqualTo(1);
        assertThat(d.err()).contains("\tat ");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("create", dir.resolve("u.npy")).code()).isEqualTo(2);
        assertThat(run("frobnicate").code()).isEqualTo(2);
        assertThat(run("info", "--no-such-option", "x").code()).isEqualTo(2);
        Result help = run("show", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("SLICE");
    }

    @Test
    void launcherWithoutASuitableJdkSaysWhatToInstallInOneLine() throws Exception {
        Path launcher = Path.of("..", "memmap4j").toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "--version");
        pb.environment().put("JAVA_HOME", dir.toString());
        pb.environment().put("MEMMAP4J_JVM_DIR", dir.resolve("no-jvms").toString());
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes()).strip();
        assertThat(p.waitFor()).isEqualTo(1);
        assertThat(err.lines().count()).isEqualTo(1);
        assertThat(err).contains("needs a JDK 25 or newer").contains("install");
    }

    @Test
    void demoRuns() {
        Result r = run("demo", "--dir", dir);
        assertThat(r.code()).as(r.err()).isZero();
        String expected = NumPy.run("a = np.arange(24, dtype='f4').reshape(4, 6); a[1:3, ::2] = -1; a[-1] /= 2; "
                + "b = np.load(sys.argv[1], mmap_mode='r'); print(np.array_equal(a, b)); print(repr(b))", dir.resolve("demo.npy"));
        assertThat(expected.lines().findFirst()).contains("True");
        assertThat(r.out()).contains(expected.substring(expected.indexOf('\n') + 1));
    }
}
