package org.memmap4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.compute.Compute;
import org.memmap4j.compute.Expr;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.format.Npy;
import org.memmap4j.format.Npz;
import org.memmap4j.format.NpzFile;
import org.memmap4j.format.Raw;
import org.memmap4j.testing.Fingerprint;

/**
 * Read-only means read-only: after every read-only operation (opening, views, every reduction, order statistics,
 * expressions, masks, several-array operations, copies, printing) the files are byte-identical and keep their
 * modification time; every write through an r array or view throws; copy-on-write changes only the process's copy.
 */
class ReadOnlyIntegrityTest {

    @TempDir
    Path dir;

    private static final Compute SMALL = Compute.on(ChunkExecutor.local(2, 4096));

    @Test
    void filesAreByteIdenticalAfterEveryReadOnlyOperation() throws Exception {
        NDArray data = NDArrays.empty(DType.FLOAT32, 300, 70);
        SMALL.fillNormal(data, 5);
        Path npy = dir.resolve("a.npy");
        Path raw = dir.resolve("a.f4");
        Path npz = dir.resolve("a.npz");
        Npy.save(npy, data);
        Raw.toFile(data, raw);
        Npz.save(npz, Map.of("x", data, "y", data.get("::7")));
        Map<Path, Fingerprint> before = Fingerprint.of(npy, raw, npz);   // content, size and modification time

        try (NDArray a = Npy.open(npy, Mode.READ_ONLY);
             NDArray r = MemMap.builder(raw).dtype(DType.FLOAT32).mode(Mode.READ_ONLY).shape(300, 70).open();
             NpzFile z = Npz.open(npz)) {
            for (NDArray x : new NDArray[] {a, r, a.T(), r.get("::-3, 5:"), z.get("x"), z.get("y")}) {
                exerciseReads(x);
                assertWritesThrow(x);
            }
        }
        // Copy-on-write: writes land in this process only.
        try (NDArray c = Npy.open(npy, Mode.COPY_ON_WRITE)) {
            c.fill(1.0);
            c.get("0, :").assign(NDArrays.of(new double[70]));
            SMALL.evalInto(Expr.of(c).multiply(2), c);
            c.flush();
            assertThat(c.getDouble(5, 5)).isEqualTo(2.0);
        }
        assertThat(Fingerprint.of(npy, raw, npz)).isEqualTo(before);
    }

    private static void exerciseReads(NDArray x) throws Exception {
        Compute c = SMALL;
        c.sum(x);
        c.mean(x, 0);
        c.std(x, new int[] {1}, true, 1);
        c.var(x);
        c.min(x);
        c.max(x, 1);
        c.argmax(x);
        c.argmin(x, 0);
        c.nanmean(x);
        c.countNonzero(x);
        c.any(x);
        c.median(x);
        c.percentile(x, 90);
        c.quantile(x, new double[] {0.1, 0.5}, new int[] {0}, false);
        c.eval(Expr.of(x).multiply(9).divide(5).add(32));
        c.sumWhere(x, Expr.of(x).gt(0.5));
        c.countNonzero(Expr.of(x).lt(0));
        c.extract(Expr.of(x).gt(1), Expr.of(x));
        c.histogram(x, 10);
        c.cov(x.ndim() == 2 ? x.get(":5") : x);
        c.corrcoef(x.ndim() == 2 ? x.get(":5") : x);
        c.cumsum(x, 0);
        x.copy();
        x.astype(DType.FLOAT64);
        x.toString();
        x.str();
        x.flush();
    }

    private static void assertWritesThrow(NDArray x) {
        assertThatThrownBy(() -> x.fill(0.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> x.get("0").fill(1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> x.setDouble(1.0, 0, 0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> SMALL.evalInto(Expr.of(x).add(1), x)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> SMALL.fillUniform(x, 1)).isInstanceOf(RuntimeException.class);
    }
}
