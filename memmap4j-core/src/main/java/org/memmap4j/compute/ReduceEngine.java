package org.memmap4j.compute;

import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.exec.ArrayRef;
import org.memmap4j.exec.Job;
import org.memmap4j.internal.StridedLoop;

/**
 * Runs a planned reduction on the executor. Units are (group, block) pairs in group-major order (see
 * {@link ReducePlan}); a chunk computes each of its units from scratch into a fresh partial. A group whose blocks
 * all lie in one chunk is merged there and written to the output at once; the partials of groups cut by chunk
 * boundaries are returned and merged by the caller. Both merge a group's blocks with the same binary counter
 * ({@link ReducePairwise}), whose tree depends only on the number of blocks: results are identical for every
 * thread count and chunk size, and only boundary partials (a few per chunk) are ever held.
 *
 * <p>On an executor that {@linkplain org.memmap4j.exec.ChunkExecutor#shipsTasks() ships tasks} to other JVMs, an
 * output in memory cannot be written by the tasks: they return each whole group's merged partial instead, and the
 * caller writes it, the same partial written by the same code, so results do not change.
 */
final class ReduceEngine {

    private ReduceEngine() {
    }

    /** What a task needs besides the arrays. */
    record Spec(ReduceOp op, double ddof, boolean vector) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        ReduceKernels kernels() {
            return vector ? ReduceKernels.INSTANCE : null;
        }
    }

    /** The partial of one block of one group, from a chunk that did not hold the whole group. */
    record Part(long group, long block, ReduceAcc acc) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        /** The block number of a whole group's merged partial, returned instead of written (see the class comment). */
        static final long WHOLE = -1;
    }

    /** Reduces in into out (already allocated with the output shape) following the plan. */
    static void run(Compute compute, NDArray in, NDArray out, ReducePlan plan, Spec spec) {
        if (plan.outputs() == 0) {
            return;
        }
        ArrayRef inRef = ArrayRef.of(in);
        ArrayRef outRef = ArrayRef.of(out);
        boolean returnWhole = compute.executor.shipsTasks() && !outRef.isFileBacked();
        // With enough groups to share out, chunks hold whole groups: each is merged and written by its task and no
        // partial comes back, so heap use stays per task. Otherwise chunks may cut groups, whose partials (at most
        // a few groups' blocks) come back. Either way the merge tree is the same: results do not depend on this.
        long alignment = plan.groups() >= 4L * compute.executor.parallelism() ? plan.blocks() : 1;
        Job<List<Part>> job = new Job<>(spec.op().numpyName, plan.units(), plan.unitBytes(in.itemsize()), alignment,
                returnWhole ? (from, to) -> inRef.apply(a -> new Walk(plan, spec, a, null).run(from, to))
                        : (from, to) -> inRef.apply(a -> outRef.apply(o -> new Walk(plan, spec, a, o).run(from, to))))
                .scanning(in);
        List<List<Part>> chunks = compute.executor.map(job, compute.progress);
        Walk walk = new Walk(plan, spec, in, out);
        ReducePairwise pending = new ReducePairwise();
        long group = -1;
        for (List<Part> parts : chunks) {
            for (Part p : parts) {
                if (p.block() == Part.WHOLE) {
                    walk.write(p.group(), p.acc());
                    continue;
                }
                if (p.group() != group) {
                    group = p.group();
                    pending.clear();
                }
                pending.push(p.acc());
                if (pending.pushed() == plan.blocks()) {
                    walk.write(group, pending.result());
                }
            }
        }
    }

    /** The walk over resolved arrays: computing units and writing outputs. */
    static final class Walk {
        private final ReducePlan plan;
        private final Spec spec;
        private final DType inType;
        private final DType outType;
        private final MemorySegment inSeg;
        private final MemorySegment outSeg;
        private final long inBase;
        private final long outBase;
        private final StridedLoop kept;
        private final StridedLoop red;
        /** When the slice is one strided run (at most one reduced axis longer than 1): its stride. */
        private final long singleStride;
        private final boolean single;
        private final ReduceKernels kernels;
        /** No output to write: whole groups are returned as {@link Part#WHOLE} parts. */
        private final boolean returnWhole;

        /** A walk that writes whole groups to out, or returns them when out is null. */
        Walk(ReducePlan plan, Spec spec, NDArray in, NDArray out) {
            this.plan = plan;
            this.spec = spec;
            this.returnWhole = out == null;
            this.inType = in.dtype();
            this.outType = out == null ? null : out.dtype();
            this.inSeg = in.segment();
            this.outSeg = out == null ? null : out.segment();
            this.inBase = in.segmentOffset();
            this.outBase = out == null ? 0 : out.segmentOffset();
            this.kept = new StridedLoop(plan.keptShape(), new long[][] {plan.keptInStrides(), plan.keptOutStrides()},
                    false);
            this.red = new StridedLoop(plan.redShape(), new long[][] {plan.redStrides()}, plan.logicalOrder());
            int longer = 0;
            long st = 0;
            for (int i = 0; i < plan.redShape().length; i++) {
                if (plan.redShape()[i] > 1) {
                    longer++;
                    st = plan.redStrides()[i];
                }
            }
            this.single = longer <= 1;
            this.singleStride = st;
            this.kernels = spec.kernels();
        }

        private ReduceAcc newAcc() {
            return ReduceAcc.create(spec.op(), inType, spec.ddof(), kernels);
        }

        /** Computes units [from, to): writes whole groups, returns the partials of cut ones. */
        List<Part> run(long from, long to) {
            List<Part> parts = new ArrayList<>();
            long nb = plan.blocks();
            long first = from / nb;
            long last = (to - 1) / nb;
            ReduceAcc.Scratch sc = new ReduceAcc.Scratch();
            // A returned partial must stay as it is until the task's result is sent: no reuse then.
            ReduceAcc reuse = returnWhole ? null : newAcc();
            ReducePairwise pairwise = new ReducePairwise();
            if (!plan.columns()) {
                // One output per group: walk the outputs of the chunk in one pass of the kept loop.
                long[] g = {first};
                kept.run(new long[] {inBase, outBase}, first, last + 1, (off, st, n) -> {
                    for (long i = 0; i < n; i++, g[0]++) {
                        long in = off[0] + i * st[0];
                        long out = off[1] + i * st[1];
                        long group = g[0];
                        unitsOf(group, from, to, parts, pairwise, reuse, (acc, b) -> computeSlice(acc, sc, in, b),
                                returnWhole ? acc -> parts.add(new Part(group, Part.WHOLE, acc))
                                        : acc -> acc.write(0, outSeg, out, outType));
                    }
                });
            } else {
                for (long g = first; g <= last; g++) {
                    Rows rows = rows(g);
                    long group = g;
                    unitsOf(g, from, to, parts, pairwise, reuse, (acc, b) -> computeColumns(acc, sc, rows, b),
                            returnWhole ? acc -> parts.add(new Part(group, Part.WHOLE, acc)) : acc -> write(rows, acc));
                }
            }
            return parts;
        }

        /**
         * Computes the blocks of group g that lie in [from, to): a whole group is merged and written, the blocks of a
         * cut one become parts.
         */
        private void unitsOf(long g, long from, long to, List<Part> parts, ReducePairwise pairwise, ReduceAcc reuse,
                             java.util.function.ObjLongConsumer<ReduceAcc> compute,
                             java.util.function.Consumer<ReduceAcc> write) {
            long nb = plan.blocks();
            long b0 = Math.max(from - g * nb, 0);
            long b1 = Math.min(to - g * nb, nb);
            boolean whole = b0 == 0 && b1 == nb;
            if (whole && nb == 1) {
                ReduceAcc acc = reuse != null ? reuse : newAcc();
                compute.accept(acc, 0);
                write.accept(acc);
                return;
            }
            pairwise.clear();
            for (long b = b0; b < b1; b++) {
                ReduceAcc acc = newAcc();
                compute.accept(acc, b);
                if (whole) {
                    pairwise.push(acc);
                } else {
                    parts.add(new Part(g, b, acc));
                }
            }
            if (whole) {
                write.accept(pairwise.result());
            }
        }

        /** The kept positions of group g as rows: input and output offsets, strides, lengths, first output index. */
        private record Rows(long[] in, long[] out, long[] inStride, long[] outStride, int[] n, int[] k, int count,
                            int width) {
        }

        private Rows rows(long g) {
            long start = g * plan.groupSize();
            long end = Math.min(plan.outputs(), start + plan.groupSize());
            int width = (int) (end - start);
            // Rows never outnumber outputs; slices have one output per group.
            long[] in = new long[width];
            long[] out = new long[width];
            long[] ins = new long[width];
            long[] outs = new long[width];
            int[] n = new int[width];
            int[] k = new int[width];
            int[] count = {0};
            int[] at = {0};
            kept.run(new long[] {inBase, outBase}, start, end, (off, st, len) -> {
                int c = count[0]++;
                in[c] = off[0];
                out[c] = off[1];
                ins[c] = st[0];
                outs[c] = st[1];
                n[c] = (int) len;
                k[c] = at[0];
                at[0] += (int) len;
            });
            return new Rows(in, out, ins, outs, n, k, count[0], width);
        }

        /** Computes block b of the slice whose first element is at byte base into acc. */
        private void computeSlice(ReduceAcc acc, ReduceAcc.Scratch sc, long base, long b) {
            long p0 = b * plan.blockLength();
            long p1 = Math.min(plan.sliceLength(), p0 + plan.blockLength());
            acc.begin(sc, 1, true, p0, p1 - p0);
            if (single) {
                acc.slice(inSeg, base + p0 * singleStride, singleStride, p1 - p0, p0);
            } else {
                long[] pos = {p0};
                red.run(new long[] {base}, p0, p1, (off, st, n) -> {
                    acc.slice(inSeg, off[0], st[0], n, pos[0]);
                    pos[0] += n;
                });
            }
            acc.finish();
        }

        /** Computes block b of the group whose kept positions are rows into acc. */
        private void computeColumns(ReduceAcc acc, ReduceAcc.Scratch sc, Rows rows, long b) {
            long p0 = b * plan.blockLength();
            long p1 = Math.min(plan.sliceLength(), p0 + plan.blockLength());
            acc.begin(sc, rows.width, false, p0, p1 - p0);
            // Tiles of at most TILE_ROWS rows, so that the row offsets held stay small however long the block.
            for (long t0 = p0; t0 < p1; t0 += ReducePlan.TILE_ROWS) {
                long t1 = Math.min(p1, t0 + ReducePlan.TILE_ROWS);
                int count = (int) (t1 - t0);
                long[] rowOff = sc.rowOffsets(count);
                int[] at = {0};
                red.run(new long[] {0}, t0, t1, (off, st, n) -> {
                    for (long i = 0; i < n; i++) {
                        rowOff[at[0]++] = off[0] + i * st[0];
                    }
                });
                for (int j = 0; j < rows.count; j++) {
                    acc.tile(rows.k[j], inSeg, rows.in[j], rows.inStride[j], rows.n[j], rowOff, count, t0);
                }
            }
            acc.finish();
        }

        private void write(Rows rows, ReduceAcc acc) {
            for (int j = 0; j < rows.count; j++) {
                for (int i = 0; i < rows.n[j]; i++) {
                    acc.write(rows.k[j] + i, outSeg, rows.out[j] + i * rows.outStride[j], outType);
                }
            }
        }

        /** Writes group g from its merged partial (caller side). */
        void write(long g, ReduceAcc acc) {
            write(rows(g), acc);
        }
    }
}
