package org.memmap4j.compute;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link HistogramKernel} with the Vector API: the same subtraction, division, multiplication, minimum and
 * truncation as the scalar kernel, several lanes at a time. Loaded by name, only when jdk.incubator.vector is
 * present.
 */
final class VectorHistogramKernel implements HistogramKernel {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_128;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_128;

    /** Public for {@link Vectorization#load}. */
    public VectorHistogramKernel() {
    }

    @Override
    public void guess(double[] x, int n, double first, double denom, double bins, boolean f32, int[] out) {
        int vl = D.length();
        int bound = n - n % vl;
        if (f32) {
            float f = (float) first;
            float d = (float) denom;
            float b = (float) bins;
            for (int i = 0; i < bound; i += vl) {
                FloatVector v = (FloatVector) DoubleVector.fromArray(D, x, i).convertShape(VectorOperators.D2F, F, 0);
                v.sub(f).div(d).mul(b).min(b).convertShape(VectorOperators.F2I, I, 0).reinterpretAsInts()
                        .intoArray(out, i);
            }
        } else {
            for (int i = 0; i < bound; i += vl) {
                DoubleVector v = DoubleVector.fromArray(D, x, i);
                v.sub(first).div(denom).mul(bins).min(bins).convertShape(VectorOperators.D2I, I, 0)
                        .reinterpretAsInts().intoArray(out, i);
            }
        }
        for (int i = bound; i < n; i++) {
            out[i] = f32 ? (int) Math.min(((float) x[i] - (float) first) / (float) denom * (float) bins, (float) bins)
                    : (int) Math.min((x[i] - first) / denom * bins, bins);
        }
    }
}
