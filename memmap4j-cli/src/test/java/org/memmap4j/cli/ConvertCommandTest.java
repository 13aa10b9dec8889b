package org.memmap4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memmap4j.cli.CliTest.run;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.cli.CliTest.Result;
import org.memmap4j.testing.Fingerprint;
import org.memmap4j.testing.NumPy;

/** {@code memmap4j convert} against NumPy's astype, np.save, tofile and savez. */
class ConvertCommandTest {

    @TempDir
    Path dir;

    /**
     * Sources with the values casts disagree on: NaN with payloads (quiet and signalling), infinities, -0.0,
     * subnormals, values out of every integer range, halfway cases for float32 and float16 rounding, integer extremes.
     */
    private static final String SOURCES = """
            import warnings
            warnings.simplefilter('ignore')
            f8 = np.array([0.0, -0.0, 1.5, -2.5, 0.1, 255.9, -128.5, 65504.0, 65520.0, 1e10, -1e10, 3e38, 3.5e38, 1e300, -1e300,
                           2.0**31, -2.0**31 - 1, 2.0**63, -2.0**63, 2.0**64, 1e-320, 5e-324, 1 + 2.0**-24, 1 + 3 * 2.0**-24,
                           np.inf, -np.inf, np.nan])
            f8 = np.concatenate([f8, np.array([0x7ff0000000000123, 0x7ff8dead00000000, 0xfff4000000000001], 'u8').view('f8')])
            f4 = np.concatenate([f8.astype('f4'), np.array([0x7fc12345, 0x7f800001, 0xffa00000], 'u4').view('f4')])
            i8 = np.array([0, 1, -1, 127, 128, 255, 256, -129, 2**31, -2**31, 2**53 + 1, 2**63 - 1, -2**63, 65505, 2049], 'i8')
            u8 = np.array([0, 1, 2**63, 2**64 - 1, 2**53 + 1, 2**32 + 7], 'u8')
            srcs = {'f8': f8.reshape(6, 5), 'f4': f4.reshape(11, 3), 'i8': i8.reshape(3, 5), 'u8': u8.reshape(2, 3),
                    'b1': np.array([[True, False, True]]), 'i1': np.array([-128, -1, 0, 127], 'i1'),
                    'u2': np.array([0, 65535, 2049, 32768], 'u2'), 'f2': np.array([1.5, -0.0, 65504, np.inf, np.nan, 6e-8], 'f2'),
                    'be': f4.astype('>f4').reshape(3, 11), 'bei': i8.astype('>i4')}
            """;

    private static final String[] TARGETS = {"f8", "f4", "f2", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "bool", ">f8", ">i4", "<u2", "c8"};

    @Test
    void castsAreNumPysAstypeBitForBit() {
        List<String> names = List.of("f8", "f4", "i8", "u8", "b1", "i1", "u2", "f2", "be", "bei");
        NumPy.run(SOURCES + "for k, v in srcs.items(): np.save(sys.argv[1] + '/' + k + '.npy', v)\n", dir);
        List<Object> args = new ArrayList<>(List.of(dir));
        for (String src : names) {
            for (String t : TARGETS) {
                Path out = dir.resolve(src + "-" + t.replace('<', 'l').replace('>', 'b') + ".npy");
                Result r = run("convert", dir.resolve(src + ".npy"), out, "--dtype", t);
                assertThat(r.code()).as(src + " -> " + t + ": " + r.err()).isZero();
                args.add(src + ":" + t + ":" + out);
            }
        }
        String checked = NumPy.run(SOURCES + """
                def known(x, t):
                    # Where memmap4j knowingly differs, per element of the source x:
                    # - float -> uint32 out of range or NaN: NumPy's SIMD loop gives 0 or 2^31 for the bulk of a contiguous
                    #   array, its scalar loop (strided data, the tail) what memmap4j gives; C leaves it undefined
                    #   (see Elements.castDouble).
                    # - a signalling NaN -> float16, and float32 -> complex64: memmap4j quiets it, NumPy keeps it signalling.
                    x = x.ravel()
                    skip = np.zeros(x.shape, bool)
                    if x.dtype.kind == 'f' and np.dtype(t) == np.dtype('u4'):
                        with np.errstate(all='ignore'):
                            skip |= ~((x > -1) & (x < 2.0**32))
                    if x.dtype.kind == 'f' and np.dtype(t).str[1:] in ('f2', 'c8'):
                        bits = x.astype(x.dtype.newbyteorder('=')).view('u%d' % x.dtype.itemsize).astype('u8')
                        quiet = {2: 0x200, 4: 0x400000, 8: 0x8000000000000}[x.dtype.itemsize]
                        skip |= np.isnan(x) & ((bits & quiet) == 0)
                    return skip
                bad = []
                skipped = 0
                for arg in sys.argv[2:]:
                    src, t, out = arg.split(':', 2)
                    a = srcs[src]
                    with np.errstate(all='ignore'):
                        e = a.astype(t)
                    g = np.load(out)
                    if g.dtype != e.dtype or g.shape != e.shape or g.flags.f_contiguous != e.flags.f_contiguous:
                        bad.append((src, t, g.dtype.str, e.dtype.str, g.shape))
                        continue
                    u = 'V%d' % e.dtype.itemsize
                    differ = (g.ravel().view(u) != e.ravel().view(u)) & ~known(a, t)
                    skipped += int(known(a, t).sum())
                    if differ.any():
                        bad.append((src, t, a.ravel()[differ], g.ravel()[differ], e.ravel()[differ]))
                print(len(sys.argv) - 2, bad, skipped > 0)
                """, args.toArray());
        assertThat(checked).isEqualTo((names.size() * TARGETS.length) + " [] True");
    }

    @Test
    void fortranOutputTransposesInTilesAcrossTheirBoundaries() {
        Path c2 = dir.resolve("c2.npy");
        Path c3 = dir.resolve("c3.npy");
        Path fin = dir.resolve("fin.npy");
        NumPy.run("""
                r = np.random.default_rng(3)
                np.save(sys.argv[1], r.normal(0, 100, (1100, 1030)).astype('f4'))
                np.save(sys.argv[2], r.integers(-300, 300, (5, 30, 4200)).astype('i2'))
                np.save(sys.argv[3], np.asfortranarray(r.normal(0, 100, (700, 5000))))
                """, c2, c3, fin);
        String[][] cases = {
            {"c2", "--order", "F"}, {"c2", "--order", "F", "--dtype", "f8"}, {"c2", "--order", "F", "--dtype", "u1"},
            {"c3", "--order", "F"}, {"c3", "--order", "F", "--dtype", ">f4"},
            {"fin", "--order", "C"}, {"fin", "--order", "C", "--dtype", "i4"}, {"fin"}, {"fin", "--dtype", "f4"},
        };
        List<Object> args = new ArrayList<>();
        int k = 0;
        for (String[] c : cases) {
            Path out = dir.resolve("o" + k++ + ".npy");
            List<Object> cli = new ArrayList<>(List.of("convert", dir.resolve(c[0] + ".npy"), out, "--threads", "2"));
            cli.addAll(List.of((Object[]) c).subList(1, c.length));
            Result r = run(cli.toArray());
            assertThat(r.code()).as(cli + ": " + r.err()).isZero();
            String dtype = cli.contains("--dtype") ? cli.get(cli.indexOf("--dtype") + 1).toString() : "same";
            String order = cli.contains("--order") ? cli.get(cli.indexOf("--order") + 1).toString() : "K";
            args.addAll(List.of(dir.resolve(c[0] + ".npy"), out, dtype, order));
        }
        String checked = NumPy.run("""
                res = []
                a = sys.argv[1:]
                for i in range(0, len(a), 4):
                    x = np.load(a[i])
                    with np.errstate(all='ignore'):
                        e = x.astype(x.dtype if a[i + 2] == 'same' else a[i + 2], order=a[i + 3])
                    g = np.load(a[i + 1], mmap_mode='r')
                    res.append(g.dtype == e.dtype and g.flags.f_contiguous == e.flags.f_contiguous and g.tobytes() == e.tobytes())
                print(res)
                """, args.toArray());
        assertThat(checked).isEqualTo("[True, True, True, True, True, True, True, True, True]");
    }

    @Test
    void npzOutputIsOneMemberNumPyLoads() throws Exception {
        Path in = dir.resolve("in.npy");
        NumPy.run("np.save(sys.argv[1], np.arange(24, dtype='>i4').reshape(4, 6))", in);
        Path plain = dir.resolve("plain.npz");
        Path named = dir.resolve("named.npz");
        Path packed = dir.resolve("packed.npz");
        Path fortran = dir.resolve("fortran.npz");
        assertThat(run("convert", in, plain).code()).isZero();
        assertThat(run("convert", in, named, "--name", "data", "--dtype", "f4").code()).isZero();
        assertThat(run("convert", in, packed, "--compress", "--dtype", "u2").code()).isZero();
        assertThat(run("convert", in, fortran, "--order", "F", "--dtype", "i8").code()).isZero();
        String out = NumPy.run("""
                import zipfile
                a = np.load(sys.argv[1])
                for f, t, name in [(sys.argv[2], '>i4', 'arr_0'), (sys.argv[3], 'f4', 'data'), (sys.argv[4], 'u2', 'arr_0'), (sys.argv[5], 'i8', 'arr_0')]:
                    z = np.load(f)
                    m = z[name]
                    kind = zipfile.ZipFile(f).infolist()[0].compress_type
                    print(z.files, m.dtype == np.dtype(t), np.array_equal(m, a), m.flags.f_contiguous, kind)
                """, in, plain, named, packed, fortran);
        assertThat(out).isEqualTo("""
                ['arr_0'] True True False 0
                ['data'] True True False 0
                ['arr_0'] True True False 8
                ['arr_0'] True True True 0""");
        // The staged elements of a converted member do not stay behind.
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("in.npy", "plain.npz", "named.npz", "packed.npz", "fortran.npz");
        }
        assertThat(run("convert", in, dir.resolve("x.npy"), "--compress").err()).contains("--compress applies to npz output only");
    }

    @Test
    void rawInAndOut() {
        Path in = dir.resolve("in.npy");
        NumPy.run("np.save(sys.argv[1], np.asfortranarray(np.arange(12, dtype='f8').reshape(3, 4) / 3))", in);
        Path raw = dir.resolve("out.bin");
        Result r = run("convert", in, raw, "--dtype", "f4");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("converted " + in + " -> " + raw + ": raw <f4 (3, 4) order C");
        // Raw output is C order by default, as tofile writes, even from a Fortran-ordered input.
        assertThat(NumPy.run("print(np.array_equal(np.fromfile(sys.argv[2], 'f4'), np.load(sys.argv[1]).astype('f4').ravel()))", in, raw))
                .isEqualTo("True");
        Path rawF = dir.resolve("outF.bin");
        assertThat(run("convert", in, rawF, "--order", "F", "--dtype", ">i2").code()).isZero();
        assertThat(NumPy.run("print(np.array_equal(np.fromfile(sys.argv[2], '>i2'), np.load(sys.argv[1]).astype('>i2').ravel(order='F')))", in, rawF))
                .isEqualTo("True");
        // Raw input: described by --in-* options, since --dtype and --order describe the output.
        Path back = dir.resolve("back.npy");
        Result b = run("convert", raw, back, "--in-dtype", "f4", "--in-shape", "3,4", "--dtype", "f8");
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(NumPy.run("print(np.array_equal(np.load(sys.argv[2]), np.load(sys.argv[1]).astype('f4').astype('f8')))", in, back))
                .isEqualTo("True");
        Result noDtype = run("convert", raw, dir.resolve("y.npy"));
        assertThat(noDtype.code()).isEqualTo(1);
        assertThat(noDtype.err()).contains(raw.toString()).contains("--in-dtype");
        Result empty = run("convert", raw, dir.resolve("e.bin"), "--in-dtype", "f4", "--in-shape", "0,4");
        assertThat(empty.code()).as(empty.err()).isZero();
    }

    @Test
    void defaultsKeepDtypeAndLayoutAndTakeTheFormatFromTheName() {
        Path in = dir.resolve("in.npy");
        NumPy.run("np.save(sys.argv[1], np.asfortranarray(np.arange(6, dtype='>u2').reshape(2, 3)))", in);
        Path out = dir.resolve("copy.npy");
        Result r = run("convert", in, out);
        assertThat(r.out()).isEqualTo("converted " + in + " -> " + out + ": npy >u2 (2, 3) order F");
        assertThat(NumPy.run("a = np.load(sys.argv[1]); b = np.load(sys.argv[2]); print(b.dtype.str, b.flags.f_contiguous, np.array_equal(a, b))", in, out))
                .isEqualTo(">u2 True True");
        // One long axis: C and F are the same layout, recorded as C as np.save does.
        Path row = dir.resolve("row.npy");
        NumPy.run("np.save(sys.argv[1], np.arange(5.0))", row);
        assertThat(run("convert", row, dir.resolve("rowF.npy"), "--order", "F").out()).endsWith("order C");
        assertThat(NumPy.run("import numpy.lib.format as f; h = open(sys.argv[1], 'rb'); f.read_magic(h); print(f.read_array_header_1_0(h)[1])",
                dir.resolve("rowF.npy"))).isEqualTo("False");
        Path npz = dir.resolve("two.npz");
        NumPy.run("np.savez(sys.argv[1], a=np.arange(3), b=np.ones((2, 2), 'f4'))", npz);
        Result member = run("convert", npz, dir.resolve("b.npy"), "--member", "b", "--dtype", "f8");
        assertThat(member.code()).as(member.err()).isZero();
        assertThat(NumPy.run("print(np.load(sys.argv[1]).tolist())", dir.resolve("b.npy"))).isEqualTo("[[1.0, 1.0], [1.0, 1.0]]");
    }

    @Test
    void anExistingOutputIsKeptWithoutForceAndTheInputIsNeverTheOutput() throws Exception {
        Path in = dir.resolve("in.npy");
        Path out = dir.resolve("out.npy");
        NumPy.run("np.save(sys.argv[1], np.arange(10.0)); np.save(sys.argv[2], np.zeros(3))", in, out);
        Fingerprint before = Fingerprint.of(out);
        Fingerprint inBefore = Fingerprint.of(in);
        Result r = run("convert", in, out, "--dtype", "f4");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("memmap4j: " + out + ": file exists (use --force to replace it)");
        assertThat(Fingerprint.of(out)).isEqualTo(before);
        assertThat(run("convert", in, out, "--dtype", "f4", "--force").code()).isZero();
        assertThat(NumPy.run("print(np.load(sys.argv[1]).dtype)", out)).isEqualTo("float32");
        for (Path same : new Path[] {in, dir.resolve(".").resolve("in.npy"), Files.createSymbolicLink(dir.resolve("link.npy"), in)}) {
            Result s = run("convert", in, same, "--force", "--dtype", "i4");
            assertThat(s.code()).isEqualTo(1);
            assertThat(s.err()).contains("is the input file");
        }
        assertThat(Fingerprint.of(in)).isEqualTo(inBefore);
        assertNoTemporaryFiles();
    }

    @Test
    void failuresLeaveNeitherOutputNorTemporaryFile() throws Exception {
        Path in = dir.resolve("in.npy");
        NumPy.run("np.save(sys.argv[1], np.arange(10.0))", in);
        Path out = dir.resolve("out.npy");
        Result unknown = run("convert", in, out, "--dtype", "float128x");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("unsupported dtype 'float128x'");
        assertThat(run("convert", in, out, "--format", "hdf5").err()).contains("--format must be npy, raw or npz");
        assertThat(run("convert", dir.resolve("missing.npy"), out).err()).contains("missing.npy");
        assertThat(run("convert", in, dir, "--force").err()).isEqualTo("memmap4j: " + dir + ": is a directory");
        assertThat(run("convert", in, dir.resolve("no/such/out.npy")).err()).contains("no/such/out.npy").contains("no such directory");
        assertThat(out).doesNotExist();
        assertNoTemporaryFiles();
    }

    @Test
    void complexToRealWarnsAndKeepsTheRealPart() {
        Path in = dir.resolve("c.npy");
        Path out = dir.resolve("r.npy");
        NumPy.run("np.save(sys.argv[1], np.array([[1.5 + 2j, -3j], [np.nan + 1j, 4]], 'c16'))", in);
        Result r = run("convert", in, out, "--dtype", "f4");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning").contains("imaginary part");
        assertThat(NumPy.run("import warnings; warnings.simplefilter('ignore'); e = np.load(sys.argv[1]).astype('f4'); g = np.load(sys.argv[2]); "
                + "print(g.dtype == e.dtype and g.tobytes() == e.tobytes())", in, out)).isEqualTo("True");
        assertThat(run("convert", in, dir.resolve("c8.npy"), "--dtype", "c8").err()).isEmpty();
    }

    @Test
    void interruptedConversionLeavesNothing() throws Exception {
        Path in = dir.resolve("big.npy");
        NumPy.run("np.save(sys.argv[1], np.random.default_rng(0).random((2048, 4096)))", in);
        for (String format : new String[] {"npy", "npz"}) {
            Path out = dir.resolve("out." + format);
            AtomicInteger code = new AtomicInteger(-1);
            StringWriter err = new StringWriter();
            Thread t = new Thread(() -> code.set(Main.run(new String[] {"convert", in.toString(), out.toString(), "--dtype", "f4", "--order", "F",
                    "--threads", "1", "--chunk-bytes", "1"}, new PrintWriter(new StringWriter()), new PrintWriter(err))));
            t.start();
            // Wait until the output's temporary file exists, i.e. the conversion is under way, then interrupt it.
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (temporaryFiles().isEmpty() && t.isAlive() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            t.interrupt();
            t.join(60_000);
            assertThat(code.get()).as(format + ": " + err).isEqualTo(1);
            assertThat(err.toString()).contains("interrupted");
            assertThat(out).doesNotExist();
            assertNoTemporaryFiles();
        }
    }

    private List<String> temporaryFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
    }

    private void assertNoTemporaryFiles() throws Exception {
        assertThat(temporaryFiles()).isEmpty();
    }

}
