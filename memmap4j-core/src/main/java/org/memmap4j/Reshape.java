package org.memmap4j;

/** NumPy's no-copy reshape: the strides that view the same memory in a new shape, when they exist. */
final class Reshape {

    private Reshape() {
    }

    /**
     * Returns strides that show the elements (in the given index order) with a new shape without copying, or null
     * when the layout does not allow it. This is NumPy's {@code _attempt_nocopy_reshape}: axes of length one are
     * ignored, then runs of old axes are matched to runs of new axes with equal products, and each old run must be
     * contiguous in itself.
     */
    static long[] noCopyStrides(long[] oldShape, long[] oldStrides, long[] newShape, Order order, long itemSize) {
        long size = NDArray.sizeOf(newShape);
        if (size == 0 || size == 1) {
            // Any strides work for zero or one element; use contiguous ones.
            return NDArray.contiguousStrides(newShape, itemSize, order);
        }
        int on = 0;
        long[] od = new long[oldShape.length];
        long[] os = new long[oldShape.length];
        for (int i = 0; i < oldShape.length; i++) {
            if (oldShape[i] != 1) {
                od[on] = oldShape[i];
                os[on] = oldStrides[i];
                on++;
            }
        }
        int nn = newShape.length;
        long[] nd = newShape;
        if (order == Order.F) {
            // F order is C order on reversed axes.
            reverse(od, on);
            reverse(os, on);
            nd = newShape.clone();
            reverse(nd, nn);
        }
        long[] ns = new long[nn];
        int oi = 0;
        int oj = 1;
        int ni = 0;
        int nj = 1;
        while (ni < nn && oi < on) {
            long np = nd[ni];
            long op = od[oi];
            while (np != op) {
                if (np < op) {
                    np *= nd[nj++];
                } else {
                    op *= od[oj++];
                }
            }
            for (int ok = oi; ok < oj - 1; ok++) {
                if (os[ok] != od[ok + 1] * os[ok + 1]) {
                    return null;
                }
            }
            ns[nj - 1] = os[oj - 1];
            for (int nk = nj - 1; nk > ni; nk--) {
                ns[nk - 1] = ns[nk] * nd[nk];
            }
            ni = nj++;
            oi = oj++;
        }
        // Trailing axes of length one: any stride; use the last stride times its extent like NumPy.
        long last = ni > 0 ? ns[ni - 1] : itemSize;
        for (int k = ni; k < nn; k++) {
            ns[k] = last;
        }
        if (order == Order.F) {
            reverse(ns, nn);
        }
        return ns;
    }

    private static void reverse(long[] a, int n) {
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
