package org.memmap4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;

/**
 * Printing cases pinned to NumPy 2.4's output (copied from a real session, so they run without Python), and the
 * bounded-heap guarantee: printing a summarised array reads only the corners, however large the array.
 */
class ArrayFormatTest {

    @TempDir
    Path dir;

    private static NDArray floats(DType t, double... v) {
        NDArray a = NDArrays.empty(t, v.length);
        for (int i = 0; i < v.length; i++) {
            a.setDouble(v[i], i);
        }
        return a;
    }

    @Test
    void zeroDimensional() {
        NDArray f = NDArrays.full(DType.FLOAT64, 5, new long[0]);
        assertEquals("array(5.)", ArrayFormat.repr(f));
        assertEquals("5.0", ArrayFormat.str(f));
        NDArray i8 = NDArrays.full(DType.INT8, 5, new long[0]);
        assertEquals("array(5, dtype=int8)", ArrayFormat.repr(i8));
        assertEquals("5", ArrayFormat.str(i8));
        NDArray b = NDArrays.full(DType.BOOL, 1, new long[0]);
        assertEquals("array(True)", ArrayFormat.repr(b));
        assertEquals("True", ArrayFormat.str(b));
        NDArray c = NDArrays.zeros(DType.COMPLEX128);
        c.setComplex(1, 2);
        assertEquals("array(1.+2.j)", ArrayFormat.repr(c));
        assertEquals("(1+2j)", ArrayFormat.str(c));
    }

    @Test
    void emptyArraysNameTheirDtypeAndShape() {
        assertEquals("array([], dtype=float32)", ArrayFormat.repr(NDArrays.empty(DType.FLOAT32, 0)));
        assertEquals("array([], dtype=float64)", ArrayFormat.repr(NDArrays.empty(DType.FLOAT64, 0)));
        assertEquals("array([], shape=(0, 3), dtype=float64)", ArrayFormat.repr(NDArrays.empty(DType.FLOAT64, 0, 3)));
        assertEquals("array([], shape=(0, 3), dtype='>i2')",
                ArrayFormat.repr(NDArrays.empty(DType.INT16.withOrder(ByteOrder.BIG_ENDIAN), 0, 3)));
        assertEquals("[]", ArrayFormat.str(NDArrays.empty(DType.INT64, 2, 0)));
    }

    @Test
    void dtypeSuffixOnlyWhenNotImplied() {
        assertEquals("array([1, 2])", ArrayFormat.repr(NDArrays.of(1L, 2L)));
        assertEquals("array([1, 2], dtype=int32)", ArrayFormat.repr(NDArrays.of(1, 2)));
        assertEquals("array([1, 2], dtype='>i4')",
                ArrayFormat.repr(NDArrays.of(1, 2).astype(DType.INT32.withOrder(ByteOrder.BIG_ENDIAN))));
        assertEquals("array([1., 2.], dtype='>f8')",
                ArrayFormat.repr(NDArrays.of(1.0, 2.0).astype(DType.FLOAT64.withOrder(ByteOrder.BIG_ENDIAN))));
        assertEquals("array([ True])", ArrayFormat.repr(NDArrays.of(true)));
        assertEquals("array([                   0, 18446744073709551615], dtype=uint64)",
                ArrayFormat.repr(NDArrays.of(0L, -1L).view(DType.UINT64)));
    }

    @Test
    void floatsAlignAndChooseNotation() {
        assertEquals("array([1.e-16, 1.e+00, 2.e+00, 3.e+00])", ArrayFormat.repr(NDArrays.of(1e-16, 1, 2, 3)));
        assertEquals("array([ nan,  1.5, -inf])", ArrayFormat.repr(NDArrays.of(Double.NaN, 1.5, Double.NEGATIVE_INFINITY)));
        assertEquals("[ nan  1.5 -inf]", ArrayFormat.str(NDArrays.of(Double.NaN, 1.5, Double.NEGATIVE_INFINITY)));
        assertEquals("array([-0.,  0.])", ArrayFormat.repr(NDArrays.of(-0.0, 0.0)));
        assertEquals("array([1.00e-01, 1.00e+03, 6.55e+04], dtype=float16)",
                ArrayFormat.repr(floats(DType.FLOAT16, 0.1, 1000, 65504)));
        NDArray c = NDArrays.zeros(DType.COMPLEX128, 3);
        c.setComplex(1, 2, 0);
        c.setComplex(-0.5, -1e-9, 1);
        c.setComplex(Double.NaN, Double.POSITIVE_INFINITY, 2);
        assertEquals("array([ 1. +2.e+00j, -0.5-1.e-09j,  nan   +infj])", ArrayFormat.repr(c));
    }

    @Test
    void wrapsAtLineWidthAndPutsDtypeOnItsOwnLineWhenNeeded() {
        NDArray f = NDArrays.empty(DType.FLOAT32, 23);
        NDArray i = NDArrays.empty(DType.INT32, 30);
        for (int k = 0; k < 30; k++) {
            if (k < 23) {
                f.setDouble(k * 1.5, k);
            }
            i.setLong(k * 1001L, k);
        }
        assertEquals("""
                array([ 0. ,  1.5,  3. ,  4.5,  6. ,  7.5,  9. , 10.5, 12. , 13.5, 15. ,
                       16.5, 18. , 19.5, 21. , 22.5, 24. , 25.5, 27. , 28.5, 30. , 31.5,
                       33. ], dtype=float32)""", ArrayFormat.repr(f));
        assertEquals("""
                [ 0.   1.5  3.   4.5  6.   7.5  9.  10.5 12.  13.5 15.  16.5 18.  19.5
                 21.  22.5 24.  25.5 27.  28.5 30.  31.5 33. ]""", ArrayFormat.str(f));
        assertEquals("""
                array([    0,  1001,  2002,  3003,  4004,  5005,  6006,  7007,  8008,
                        9009, 10010, 11011, 12012, 13013, 14014, 15015, 16016, 17017,
                       18018, 19019, 20020, 21021, 22022, 23023, 24024, 25025, 26026,
                       27027, 28028, 29029], dtype=int32)""", ArrayFormat.repr(i));
    }

    @Test
    void nestedBlocksAreSeparatedByBlankLines() {
        NDArray b = NDArrays.empty(DType.BOOL, 2, 3, 4);
        for (int k = 0; k < 24; k++) {
            b.setBoolean(k % 3 == 0, k / 12, k / 4 % 3, k % 4);
        }
        assertEquals("""
                array([[[ True, False, False,  True],
                        [False, False,  True, False],
                        [False,  True, False, False]],

                       [[ True, False, False,  True],
                        [False, False,  True, False],
                        [False,  True, False, False]]])""", ArrayFormat.repr(b));
    }

    @Test
    void summarisesLargeArrays() {
        assertEquals("array([   0,    1,    2, ..., 1997, 1998, 1999], shape=(2000,))",
                ArrayFormat.repr(NDArrays.arange(DType.INT64, 2000)));
        assertEquals("""
                [[0.000e+00 1.000e+00 2.000e+00 ... 4.700e+01 4.800e+01 4.900e+01]
                 [5.000e+01 5.100e+01 5.200e+01 ... 9.700e+01 9.800e+01 9.900e+01]
                 [1.000e+02 1.010e+02 1.020e+02 ... 1.470e+02 1.480e+02 1.490e+02]
                 ...
                 [1.850e+03 1.851e+03 1.852e+03 ... 1.897e+03 1.898e+03 1.899e+03]
                 [1.900e+03 1.901e+03 1.902e+03 ... 1.947e+03 1.948e+03 1.949e+03]
                 [1.950e+03 1.951e+03 1.952e+03 ... 1.997e+03 1.998e+03 1.999e+03]]""",
                ArrayFormat.str(NDArrays.arange(DType.FLOAT64, 2000).reshape(40, 50)));
    }

    @Test
    void memmapPrefixAndIndent() throws IOException {
        try (NDArray m = MemMap.open(dir.resolve("m.dat"), DType.INT32, Mode.WRITE, 30)) {
            NDArrays.fillArange(m);
            assertEquals("""
                    memmap([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15,
                            16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29],
                           dtype=int32)""",
                    ArrayFormat.repr(m));
            assertEquals("array([], dtype=int32)", ArrayFormat.repr(m.get("5:5")));
        }
        try (NDArray scalar = MemMap.builder(dir.resolve("m.dat")).dtype(DType.INT32).offset(28).shape().open()) {
            assertEquals("memmap(7, dtype=int32)", ArrayFormat.repr(scalar));
            assertEquals("7", ArrayFormat.str(scalar));
        }
    }

    @Test
    void closedArraysAreRefused() throws IOException {
        NDArray m = MemMap.open(dir.resolve("c.dat"), DType.FLOAT64, Mode.WRITE, 4);
        NDArray element = m.get("0");
        m.close();
        assertThrows(IllegalStateException.class, () -> ArrayFormat.repr(m));
        assertThrows(IllegalStateException.class, () -> ArrayFormat.str(element));
        assertTrue(m.toString().endsWith("(closed)"), m.toString());
    }

    // ---- bounded heap -------------------------------------------------------------------------------------------

    /**
     * Bytes allocated on the heap by this thread while running r (HotSpot's per-thread counter). Reached by
     * reflection because the module under test does not read java.management.
     */
    private static long allocatedBy(Runnable r) throws ReflectiveOperationException {
        Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        Method counter = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        long before = (long) counter.invoke(bean);
        r.run();
        return (long) counter.invoke(bean) - before;
    }

    @Test
    void aTrillionBroadcastElementsPrintFromTheirCorners() throws ReflectiveOperationException {
        NDArray row = NDArrays.of(0.0, 1 / 3.0, 2 / 3.0, 1.0, 4 / 3.0);
        NDArray huge = row.broadcastTo(1_000_000, 1_000_000, 5);
        String[] out = new String[2];
        long bytes = allocatedBy(() -> {
            out[0] = ArrayFormat.repr(huge);
            out[1] = ArrayFormat.str(huge);
        });
        assertTrue(bytes < 20_000_000, "printing allocated " + bytes + " bytes");
        assertTrue(out[0].startsWith("array([[[0.        , 0.33333333, 0.66666667, 1.        , 1.33333333],\n"));
        assertTrue(out[0].endsWith("]]],\n      shape=(1000000, 1000000, 5))"), out[0]);
        assertEquals(NumPy.run("print(repr(np.broadcast_to(np.arange(5.) / 3, (10**6, 10**6, 5))))"), out[0]);
        assertEquals(NumPy.run("print(str(np.broadcast_to(np.arange(5.) / 3, (10**6, 10**6, 5))))"), out[1]);
    }

    @Test
    void hugeSparseMemmapsPrintWithoutReadingThemAll() throws IOException, ReflectiveOperationException {
        Path bytes = dir.resolve("big-i8.dat");
        Path floats = dir.resolve("big-f4.dat");
        String[] out = new String[3];
        try (NDArray a = MemMap.open(bytes, DType.INT8, Mode.WRITE, 3_000_000_000L);
             NDArray b = MemMap.open(floats, DType.FLOAT32, Mode.WRITE, 40_000, 30_000)) {
            a.setLong(-1, 0);
            a.setLong(7, -1);
            b.setDouble(2.5, 0, 0);
            b.setDouble(-1e-3, -1, -1);
            a.flush();
            b.flush();
            long allocated = allocatedBy(() -> {
                out[0] = ArrayFormat.repr(a);
                out[1] = ArrayFormat.repr(b);
                out[2] = ArrayFormat.str(b.T());
            });
            assertTrue(allocated < 20_000_000, "printing allocated " + allocated + " bytes");
        }
        assertEquals("memmap([-1,  0,  0, ...,  0,  0,  7], shape=(3000000000,), dtype=int8)", out[0]);
        String python = """
                a = np.memmap(sys.argv[1], dtype=np.int8, mode='r', shape=(3000000000,))
                b = np.memmap(sys.argv[2], dtype=np.float32, mode='r', shape=(40000, 30000))
                print(repr(a)); print('--'); print(repr(b)); print('--'); print(str(b.T))
                """;
        assertEquals(NumPy.run(python, bytes, floats), String.join("\n--\n", out));
    }
}
