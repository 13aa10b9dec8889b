package org.memmap4j.compute;

/**
 * The arithmetic half of equal-bin histograms: NumPy's first guess of every element's bin,
 * {@code (x - first) / denom * bins} truncated, in float64 or in float32, for a block of elements. The division is
 * the expensive part, and vectorizes: {@link VectorHistogramKernel} computes the same IEEE operations lane by lane,
 * so both give the same indices. The corrections against the edges stay scalar ({@link HistogramBins}).
 */
interface HistogramKernel {

    /** The portable kernel. */
    HistogramKernel SCALAR = new Scalar();

    /** The kernel in use: vectorized when the Vector API is available. */
    HistogramKernel INSTANCE = Vectorization.load(HistogramKernel.class,
            "org.memmap4j.compute.VectorHistogramKernel", SCALAR);

    /**
     * Writes {@code min(trunc((x[i] - first) / denom * bins), bins)} to {@code out[i]} for {@code i < n}, every
     * operation in float32 when {@code f32} (x, first, denom and bins exact in float32), else in float64. Values
     * that are not finite or negative give unspecified indices: callers never count such elements.
     */
    void guess(double[] x, int n, double first, double denom, double bins, boolean f32, int[] out);

    /** One element at a time. */
    final class Scalar implements HistogramKernel {
        @Override
        public void guess(double[] x, int n, double first, double denom, double bins, boolean f32, int[] out) {
            if (f32) {
                float f = (float) first;
                float d = (float) denom;
                float b = (float) bins;
                for (int i = 0; i < n; i++) {
                    out[i] = (int) Math.min(((float) x[i] - f) / d * b, b);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] = (int) Math.min((x[i] - first) / denom * bins, bins);
                }
            }
        }
    }
}
