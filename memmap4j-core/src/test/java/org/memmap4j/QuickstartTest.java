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
}
