package org.memmap4j.compute;

import java.util.Objects;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.ProgressListener;

/**
 * Out-of-core computation on arrays of any size, with NumPy's names: reductions ({@code sum}, {@code mean},
 * {@code std}, ...), order statistics ({@code median}, {@code percentile}), masks, several-array operations
 * ({@code cov}, {@code corrcoef}, {@code dot}), generators ({@code zeros}, {@code linspace}, random). Elementwise
 * expressions are built with {@link Expr}.
 *
 * <p>A {@code Compute} is an immutable pairing of a {@link ChunkExecutor} (where chunks run) and a
 * {@link ProgressListener} (who hears about them). {@link #local()} uses every core of this machine.
 *
 * <p>Every operation reads its inputs in chunks, on all the executor's threads, and keeps heap use independent of
 * the array sizes; partial results merge in chunk order over fixed blocks, so results are identical for any thread
 * count and chunk size. Operations accept any view: slices, transposes, Fortran order, non-native byte order.
 */
public final class Compute {

    private static final Compute LOCAL = new Compute(ChunkExecutor.local(), ProgressListener.NONE);

    final ChunkExecutor executor;
    final ProgressListener progress;

    private Compute(ChunkExecutor executor, ProgressListener progress) {
        this.executor = executor;
        this.progress = progress;
    }

    /** {@return computation on the shared local executor, one thread per core} */
    public static Compute local() {
        return LOCAL;
    }

    /**
     * Returns computation on the given executor.
     *
     * @param executor where chunks run
     * @return the compute
     */
    public static Compute on(ChunkExecutor executor) {
        return new Compute(Objects.requireNonNull(executor, "executor"), ProgressListener.NONE);
    }

    /**
     * Returns a copy that reports progress of every operation to a listener.
     *
     * @param listener hears bytes done / total per job
     * @return the compute
     */
    public Compute withProgress(ProgressListener listener) {
        return new Compute(executor, Objects.requireNonNull(listener, "listener"));
    }

    /** {@return the executor chunks run on} */
    public ChunkExecutor executor() {
        return executor;
    }

    // ==== reductions (ReduceOps) =================================================================================

    // ==== elementwise and masks (Expr, MaskOps) ==================================================================

    // ==== order statistics (QuantileOps) =========================================================================

    // ==== several arrays (LinalgOps, HistogramOps, CumulativeOps) ================================================

    // ==== generators (Generators) ================================================================================
}
