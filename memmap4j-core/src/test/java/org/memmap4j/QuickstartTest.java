package org.memmap4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.format.Npy;
import org.memmap4j.testing.NumPy;

/** The README's Java quickstart, run as written (paths moved into a temporary directory), checked against NumPy. */
class QuickstartTest {

    @TempDir
    Path dir;

    @Test
    void readmeQuickstartWorksAndNumPyAgrees() throws Exception {
        Path mmaped = dir.resolve("mmaped.dat");
        try (NDArray fp = MemMap.open(mmaped, DType.INT64, Mode.WRITE, 1000, 1000)) {
            fp.get("0:100, :").fill(7L);
            fp.setLong(42, -1, -1);
            fp.flush();
        }
        try (NDArray fp = MemMap.open(mmaped, DType.INT64, Mode.READ_ONLY, 1000, 1000)) {
            NDArray block = fp.get("0:3, ::250");
            assertThat(block.toString()).isEqualTo(NumPy.run(
                    "print(repr(np.memmap(sys.argv[1], dtype=np.int64, mode='r', shape=(1000, 1000))[0:3, ::250]))", mmaped));
            NDArray picked = fp.get("[0, 999], -1");
            assertThat(picked.file()).isEmpty();
            assertThat(picked.getLong(0)).isEqualTo(7);
            assertThat(picked.getLong(1)).isEqualTo(42);
        }
        Path emb = dir.resolve("embeddings.npy");
        try (NDArray e = Npy.create(emb, DType.FLOAT32, Order.C, false, 20, 8)) {
            NDArrays.fillArange(e);
        }
        try (NDArray a = Npy.open(emb, Mode.READ_ONLY)) {
            NDArray row = a.get(Index.at(10));
            assertThat(row.getDouble(0)).isEqualTo(80.0);
        }
    }

    @Test
    void readmeComputeExampleAgreesWithNumPy() throws Exception {
        Path readings = dir.resolve("readings.npy");
        NumPy.run("np.save(sys.argv[1], np.random.default_rng(1).normal(20, 2, (5, 1000)).astype(np.float32))", readings);
        org.memmap4j.compute.Compute np = org.memmap4j.compute.Compute.local();
        Path out = dir.resolve("fahrenheit.npy");
        double mean;
        double med;
        double hot;
        NDArray perSensorStd;
        try (NDArray d = Npy.open(readings, Mode.READ_ONLY)) {
            mean = np.mean(d).getDouble();
            perSensorStd = np.std(d, 1);
            med = np.median(d).getDouble();
            hot = np.sumWhere(d, org.memmap4j.compute.Expr.of(d).gt(20.5)).getDouble();
            np.evalToNpy(org.memmap4j.compute.Expr.of(d).multiply(9).divide(5).add(32).multiply(1.02), out, false).close();
        }
        String expected = NumPy.run("d = np.load(sys.argv[1]); f = np.load(sys.argv[2]); "
                + "print(repr(float(d.mean())), repr(float(np.median(d))), repr(float(d[d > 20.5].sum())), "
                + "np.array_equal(f, (d * 9 / 5 + 32) * 1.02), f.dtype)", readings, out);
        String[] e = expected.split(" ");
        assertThat(mean).isCloseTo(Double.parseDouble(e[0]), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(med).isEqualTo(Double.parseDouble(e[1]));
        assertThat(hot).isCloseTo(Double.parseDouble(e[2]), org.assertj.core.data.Percentage.withPercentage(1e-4));
        assertThat(e[3]).isEqualTo("True");
        assertThat(e[4]).isEqualTo("float32");
        assertThat(perSensorStd.shape()).containsExactly(5);
    }
}
