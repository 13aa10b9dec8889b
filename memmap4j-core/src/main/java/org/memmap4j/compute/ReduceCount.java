package org.memmap4j.compute;

import java.io.Serial;
import java.lang.foreign.MemorySegment;
import org.memmap4j.DType;

/**
 * count_nonzero, any, all: counts nonzero elements (NaN is nonzero; a complex element when either part is) and
 * elements seen; any is "some nonzero", all is "every element nonzero" (true for an empty slice, as NumPy).
 */
final class ReduceCount extends ReduceAcc {

    @Serial
    private static final long serialVersionUID = 1L;

    private long[] nonzero;
    private long[] total;

    ReduceCount(ReduceOp op, DType in, ReduceKernels kernels) {
        super(op, in, kernels);
    }

    @Override
    void clear(int w) {
        nonzero = zeros(nonzero, w);
        total = zeros(total, w);
    }

    private boolean nonzero(int i) {
        return switch (carrier) {
            case LONG -> sc.lv[i] != 0;
            case DOUBLE -> sc.re[i] != 0.0;
            case COMPLEX -> sc.re[i] != 0.0 || sc.im[i] != 0.0;
        };
    }

    @Override
    void sliceBuf(int m, long pos) {
        long c = 0;
        for (int i = 0; i < m; i++) {
            if (nonzero(i)) {
                c++;
            }
        }
        nonzero[0] += c;
        total[0] += m;
    }

    @Override
    void columnsBuf(int k, int m, long r) {
        for (int i = 0; i < m; i++) {
            if (nonzero(i)) {
                nonzero[k + i]++;
            }
            total[k + i]++;
        }
    }

    @Override
    void merge(ReduceAcc right) {
        ReduceCount r = (ReduceCount) right;
        for (int j = 0; j < width; j++) {
            nonzero[j] += r.nonzero[j];
            total[j] += r.total[j];
        }
    }

    @Override
    void write(int j, MemorySegment out, long off, DType outType) {
        long v = switch (op) {
            case ANY -> nonzero[j] > 0 ? 1 : 0;
            case ALL -> nonzero[j] == total[j] ? 1 : 0;
            default -> nonzero[j];
        };
        writeLong(out, off, outType, v);
    }
}
