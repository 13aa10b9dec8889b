package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.testing.NumPyBatch;

/** The public reduction methods of {@link Compute}: argument forms, shapes, dtypes, errors, memory-mapped input. */
class ReduceApiTest {

    @TempDir
    Path dir;

    final Compute c = Compute.local();

    @Test
    void argumentFormsMeanTheirNumPyCounterparts() {
        NDArray a = NDArrays.arange(DType.INT32, 24).reshape(2, 3, 4);
        assertThat(c.sum(a).shape()).isEmpty();
        assertThat(c.sum(a).getLong()).isEqualTo(276);
        assertThat(c.sum(a).dtype()).isEqualTo(DType.INT64);
        assertThat(c.sum(a, 1).shape()).containsExactly(2, 4);
        assertThat(c.sum(a, -1, 0).shape()).containsExactly(3);
        assertThat(c.sum(a, (int[]) null).shape()).isEmpty();
        assertThat(c.sum(a, new int[0]).shape()).containsExactly(2, 3, 4);
        assertThat(c.sum(a, new int[] {1}, true).shape()).containsExactly(2, 1, 4);
        assertThat(c.sum(a, null, true).shape()).containsExactly(1, 1, 1);
        assertThat(c.mean(a).getDouble()).isEqualTo(11.5);
        assertThat(c.var(a, null, false, 1).getDouble()).isEqualTo(50.0);
        assertThat(c.std(a, new int[] {0, 1, 2}, false, 0).getDouble()).isCloseTo(Math.sqrt(575.0 / 12), within());
        assertThat(c.argmax(a).getLong()).isEqualTo(23);
        assertThat(c.argmin(a, 2, true).shape()).containsExactly(2, 3, 1);
        assertThat(c.argmax(a, 0).getLong(2, 3)).isEqualTo(1);
        assertThat(c.countNonzero(a).getLong()).isEqualTo(23);
        assertThat(c.any(a, 0).dtype()).isEqualTo(DType.BOOL);
        assertThat(c.all(a).getBoolean()).isFalse();
        assertThat(c.min(a, 1).getLong(1, 2)).isEqualTo(14);
        assertThat(c.max(a).getLong()).isEqualTo(23);
        assertThat(c.prod(NDArrays.of(2L, 3L, 7L)).getLong()).isEqualTo(42);
        assertThat(c.nanmean(NDArrays.of(1.0, Double.NaN, 3.0)).getDouble()).isEqualTo(2.0);
        assertThat(c.nanvar(NDArrays.of(1.0, Double.NaN, 3.0)).getDouble()).isEqualTo(1.0);
        assertThat(c.nanstd(NDArrays.of(1.0, Double.NaN, 3.0), null, false, 1).getDouble()).isCloseTo(Math.sqrt(2),
                within());
        assertThat(c.nansum(NDArrays.of(Double.NaN, Double.NaN)).getDouble()).isZero();
        assertThat(c.nanmin(NDArrays.of(Double.NaN, -1.0)).getDouble()).isEqualTo(-1.0);
        assertThat(c.nanmax(NDArrays.of(Double.NaN, Double.NaN)).getDouble()).isNaN();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-12);
    }

    @Test
    void errorsAreClear() {
        NDArray a = NDArrays.zeros(DType.FLOAT32, 0, 3);
        assertThatThrownBy(() -> c.max(a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("zero-size array to reduction operation maximum which has no identity");
        assertThatThrownBy(() -> c.nanmin(a, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("zero-size array to reduction operation fmin which has no identity");
        assertThat(c.max(a, 1).shape()).containsExactly(0);
        assertThatThrownBy(() -> c.argmax(a, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attempt to get argmax of an empty sequence");
        assertThatThrownBy(() -> c.sum(a, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("axis 2 is out of bounds for array of dimension 2");
        assertThatThrownBy(() -> c.sum(a, 1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate value in 'axis'");
        assertThatThrownBy(() -> c.sum(null)).isInstanceOf(NullPointerException.class);
        assertThat(c.sum(a).getDouble()).isZero();
        assertThat(c.prod(a).getDouble()).isEqualTo(1.0);
        assertThat(c.mean(a).getDouble()).isNaN();
    }

    @Test
    void readsMappedFilesAndRefusesClosedArrays() throws Exception {
        Path f = dir.resolve("x.dat");
        NDArray m = MemMap.open(f, DType.FLOAT64, Mode.WRITE, 1000, 3);
        NDArrays.fillArange(m);
        NDArray col = c.mean(m, 0);
        assertThat(NumPyBatch.bytes(col)).isEqualTo(NumPyBatch.bytes(NDArrays.of(1498.5, 1499.5, 1500.5)));
        m.close();
        assertThatThrownBy(() -> c.sum(m)).isInstanceOf(IllegalStateException.class);
    }
}
