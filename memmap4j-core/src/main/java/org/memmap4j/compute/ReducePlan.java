package org.memmap4j.compute;

import java.io.Serial;
import java.io.Serializable;

/**
 * How a reduction walks an array: which axes are kept (outputs) and reduced (slices), and which of two strategies
 * runs. Decided from shape and strides only, never from the executor, so that results do not depend on threads or
 * chunk sizes.
 *
 * <ul>
 *   <li><b>Slices</b> (group size 1): each output reads its slice in order, cut into blocks of
 *       {@link #SLICE_BLOCK} positions. Chosen when the innermost axis in memory is reduced and long (contiguous runs
 *       per output, e.g. {@code axis=None}, or axis 1 of a C-ordered 50 x 20,000,000 array: 20 blocks per row, all
 *       in parallel), or when the kept axes inside the reduced ones are short.</li>
 *   <li><b>Columns</b>: outputs are taken {@link #GROUP} at a time; for each reduced position, the group's row of
 *       elements is read and accumulated per output. Chosen when the innermost axis in memory is kept and long
 *       (axis 0 of the same array: rows of 2048 contiguous elements), or when slices are too short for per-output
 *       work to pay. The reduced positions are cut into blocks of {@code SLICE_BLOCK / group} rows,
 *       or longer to make at most {@link #COLUMN_BLOCKS} blocks; each output sums sequentially within a block.</li>
 * </ul>
 * The units of work are (group, block) pairs, group-major; partials of one group merge pairwise over its blocks.
 *
 * @param keptShape      lengths of the kept axes, in the input's axis order
 * @param keptInStrides  input byte strides of the kept axes
 * @param keptOutStrides output byte strides of the kept axes
 * @param redShape       lengths of the reduced axes
 * @param redStrides     input byte strides of the reduced axes
 * @param logicalOrder   slice positions in C order of the reduced axes (argmin/argmax), else memory order
 * @param columns        the columns strategy, else slices
 * @param outputs        number of outputs
 * @param sliceLength    elements per slice
 * @param groupSize      outputs per group
 * @param blockLength    slice positions per block
 * @param groups         number of groups
 * @param blocks         blocks per group
 */
record ReducePlan(long[] keptShape, long[] keptInStrides, long[] keptOutStrides, long[] redShape, long[] redStrides,
                  boolean logicalOrder, boolean columns, long outputs, long sliceLength, int groupSize,
                  long blockLength, long groups, long blocks) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Slice positions per block in the slices strategy: 4 MiB of float32, a multiple of the leaf. */
    static final long SLICE_BLOCK = 1L << 20;

    /** Outputs per group in the columns strategy. */
    static final int GROUP = 2048;

    /** Blocks per group in the columns strategy at most. */
    static final long COLUMN_BLOCKS = 16;

    /** Rows per tile of the columns strategy (their byte offsets are held per task). */
    static final int TILE_ROWS = 1 << 14;

    /** Runs shorter than this are not worth streaming per output (and kept rows this short not per row). */
    static final long MIN_RUN = 16;

    /**
     * Plans a reduction.
     *
     * @param shape        input shape
     * @param strides      input byte strides
     * @param reduced      which axes are reduced
     * @param outStrides   output byte strides per input axis (ignored for reduced axes)
     * @param logicalOrder whether slice positions must follow C order
     */
    static ReducePlan of(long[] shape, long[] strides, boolean[] reduced, long[] outStrides, boolean logicalOrder) {
        int nd = shape.length;
        int nk = 0;
        for (boolean r : reduced) {
            nk += r ? 0 : 1;
        }
        long[] ks = new long[nk];
        long[] kin = new long[nk];
        long[] kout = new long[nk];
        long[] rs = new long[nd - nk];
        long[] rst = new long[nd - nk];
        long outputs = 1;
        long length = 1;
        // The innermost axis in memory of each kind, among axes longer than 1.
        long innerRed = Long.MAX_VALUE;
        long innerRedLen = 0;
        long innerKept = Long.MAX_VALUE;
        long innerKeptLen = 0;
        for (int i = 0, a = 0, b = 0; i < nd; i++) {
            long st = Math.abs(strides[i]);
            if (reduced[i]) {
                rs[b] = shape[i];
                rst[b++] = strides[i];
                length *= shape[i];
                if (shape[i] > 1 && st < innerRed) {
                    innerRed = st;
                    innerRedLen = shape[i];
                }
            } else {
                ks[a] = shape[i];
                kin[a] = strides[i];
                kout[a++] = outStrides[i];
                outputs *= shape[i];
                if (shape[i] > 1 && st < innerKept) {
                    innerKept = st;
                    innerKeptLen = shape[i];
                }
            }
        }
        boolean columns;
        if (outputs <= 1) {
            columns = false;
        } else if (length <= 1) {
            columns = true;
        } else if (innerRed < innerKept) {
            columns = innerRedLen < MIN_RUN;
        } else {
            columns = innerKeptLen >= MIN_RUN;
        }
        int group = columns ? (int) Math.min(outputs, GROUP) : 1;
        long blockLength = SLICE_BLOCK;
        if (columns) {
            // About SLICE_BLOCK elements per block, but at most COLUMN_BLOCKS blocks per group: a cut group's
            // partials (group-wide arrays) then stay few.
            blockLength = Math.max(Math.max(1, SLICE_BLOCK / group), (length + COLUMN_BLOCKS - 1) / COLUMN_BLOCKS);
        }
        long groups = outputs == 0 ? 0 : (outputs + group - 1) / group;
        long blocks = Math.max(1, (length + blockLength - 1) / blockLength);
        return new ReducePlan(ks, kin, kout, rs, rst, logicalOrder, columns, outputs, length, group, blockLength, groups,
                blocks);
    }

    /** {@return the units of work: (group, block) pairs} */
    long units() {
        return groups * blocks;
    }

    /** {@return the input bytes of a full unit} */
    long unitBytes(int itemSize) {
        return Math.max(1, groupSize * Math.min(sliceLength, blockLength) * itemSize);
    }
}
