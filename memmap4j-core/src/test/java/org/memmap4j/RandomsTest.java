package org.memmap4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Seeded fills depend only on (seed, logical position): not on layout, dtype byte order, or strides. */
class RandomsTest {

    @Test
    void sameSeedSameValuesWhateverTheLayout() {
        NDArray c = NDArrays.empty(DType.FLOAT64, Order.C, 30, 40);
        NDArray f = NDArrays.empty(DType.of(">f8"), Order.F, 30, 40);
        NDArray strided = NDArrays.empty(DType.FLOAT64, 60, 40).get("::2");
        Randoms.fillNormal(c, 42);
        Randoms.fillNormal(f, 42);
        Randoms.fillNormal(strided, 42);
        assertThat(NDArrays.arrayEqual(c, f)).isTrue();
        assertThat(NDArrays.arrayEqual(c, strided)).isTrue();
        NDArray other = NDArrays.empty(DType.FLOAT64, 30, 40);
        Randoms.fillNormal(other, 43);
        assertThat(NDArrays.arrayEqual(c, other)).isFalse();
    }

    @Test
    void uniformIntegersAndBooleansStayInRangeAndCoverIt() {
        NDArray u = NDArrays.empty(DType.FLOAT32, 100_000);
        Randoms.fillUniform(u, 1);
        NDArray i = NDArrays.empty(DType.INT16, 100_000);
        Randoms.fillIntegers(i, -5, 5, 1);
        NDArray b = NDArrays.empty(DType.BOOL, 1000);
        Randoms.fillRandom(b, 1);
        double min = 1;
        double max = 0;
        double sum = 0;
        boolean[] seen = new boolean[10];
        for (long k = 0; k < 100_000; k++) {
            double x = u.getDouble(k);
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
            long v = i.getLong(k);
            assertThat(v).isBetween(-5L, 4L);
            seen[(int) v + 5] = true;
        }
        assertThat(min).isGreaterThanOrEqualTo(0.0);
        assertThat(max).isLessThan(1.0);
        assertThat(sum / 100_000).isBetween(0.49, 0.51);
        assertThat(seen).containsOnly(true);
        long trues = 0;
        for (long k = 0; k < 1000; k++) {
            trues += b.getBoolean(k) ? 1 : 0;
        }
        assertThat(trues).isBetween(400L, 600L);
        assertThatThrownBy(() -> Randoms.fillIntegers(i, 3, 3, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
