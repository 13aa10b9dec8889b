package org.memmap4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.compute.Compute;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.ProgressListener;

/**
 * {@link BlockedCast} against {@link NDArray#astype} (NumPy's unsafe cast, checked against NumPy in the core's
 * tests): every layout pair, shapes that do not divide into tiles, tiny tiles and chunks.
 */
class BlockedCastTest {

    private static final ChunkExecutor TINY = ChunkExecutor.local(3, 64);

    @AfterAll
    static void close() {
        TINY.close();
    }

    private static final List<long[]> SHAPES = List.of(new long[] {7, 5}, new long[] {3, 4, 5}, new long[] {1, 9},
            new long[] {9, 1}, new long[] {0, 3}, new long[] {}, new long[] {2, 1, 3}, new long[] {13}, new long[] {6, 5, 4, 3});

    /** Values with fractions, negatives and out-of-range magnitudes for every target. */
    private static NDArray source(long[] shape, Order order) {
        NDArray a = NDArrays.empty(DType.FLOAT64, order, shape);
        Compute.local().fillNormal(a, 42);
        return Compute.local().eval(org.memmap4j.compute.Expr.of(a).multiply(1e3));
    }

    @Test
    void everyLayoutPairEqualsAstype() {
        for (long[] shape : SHAPES) {
            for (Order in : Order.values()) {
                NDArray src = source(shape, in).copy(in);
                for (Order out : Order.values()) {
                    for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT8, DType.UINT16, DType.of(">i4"), DType.BOOL, DType.COMPLEX64}) {
                        for (int page : new int[] {1, 16, 4096}) {
                            NDArray dst = NDArrays.empty(t, out, shape);
                            BlockedCast.copy(src, dst, TINY, ProgressListener.NONE, page);
                            String what = java.util.Arrays.toString(shape) + " " + in + "->" + out + " " + t + " page " + page;
                            assertThat(NDArrays.arrayEqual(dst, src.astype(t), true)).as(what).isTrue();
                        }
                    }
                }
            }
        }
    }

    @Test
    void stridedAndReversedSources() {
        NDArray base = source(new long[] {9, 8, 7}, Order.C);
        for (String view : new String[] {"::2, ::-1, 1:", "..., ::3", "::-1", "1:8, 2, ::-2"}) {
            NDArray src = base.get(view);
            for (Order out : Order.values()) {
                for (int page : new int[] {8, 4096}) {
                    NDArray dst = NDArrays.empty(DType.INT16, out, src.shape());
                    BlockedCast.copy(src, dst, TINY, ProgressListener.NONE, page);
                    assertThat(NDArrays.arrayEqual(dst, src.astype(DType.INT16))).as(view + " " + out).isTrue();
                }
            }
        }
    }

    @Test
    void tilesCoverTheShapeOnceInOrder() {
        BlockedCast.Tiles t = new BlockedCast.Tiles(new long[] {5, 3, 7}, 0, 3, 2);
        assertThat(t.tile).containsExactly(2, 1, 3);
        assertThat(t.grid).containsExactly(3, 3, 3);
        assertThat(t.count).isEqualTo(27);
        int[][][] seen = new int[5][3][7];
        for (long u = 0; u < t.count; u++) {
            var items = t.tile(u);
            NDArray probe = NDArrays.empty(DType.INT8, 5, 3, 7);
            probe.get(items).fill(1L);
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 3; j++) {
                    for (int k = 0; k < 7; k++) {
                        seen[i][j][k] += (int) probe.getLong(i, j, k);
                    }
                }
            }
        }
        for (int[][] plane : seen) {
            for (int[] row : plane) {
                assertThat(row).containsOnly(1);
            }
        }
        // Consecutive tiles go along the last axis first.
        assertThat(t.tile(1)[2].toString()).isEqualTo("3:6");
        assertThat(t.tile(1)[0].toString()).isEqualTo("0:2");
    }

    @Test
    void fastestAxisIsTheSmallestStride() {
        NDArray c = NDArrays.empty(DType.FLOAT32, 4, 5, 6);
        assertThat(BlockedCast.fastestAxis(c)).isEqualTo(2);
        assertThat(BlockedCast.fastestAxis(c.T())).isEqualTo(0);
        assertThat(BlockedCast.fastestAxis(c.get("..., 0:1"))).isEqualTo(1); // axes of length 1 do not count
    }
}
