package org.memmap4j;

/**
 * {@link Randoms#normal}: standard normal values addressed by position, {@code normal(seed, k)} depending only on the
 * seed and k, so any split of the positions over threads, chunks or machines yields the same values. Marsaglia and
 * Tsang's ziggurat with 256 layers (the method of NumPy's {@code Generator.standard_normal}), fed by the SplitMix64
 * finaliser of the counter (seed, k, attempt): about 99 % of values cost two 64-bit hashes (one of them the seed's,
 * the same for every k), a table look-up and a multiplication, cheaper than Box-Muller's logarithm and cosine
 * ({@code fillNormal} became 2.3 times faster, JMH {@code GeneratorBench}). The rare wedge and tail cases use {@link StrictMath}, so values are the same on every JVM.
 */
final class Ziggurat {

    private static final int LAYERS = 256;
    /** Where the base layer's tail starts, for 256 layers of equal area {@link #AREA}. */
    private static final double R = 3.6541528853610088;
    private static final double AREA = 4.92867323399e-3;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long ATTEMPT = 0xD6E8FEB86659FD93L;

    /** Layer widths: x[0] is the base layer's pseudo-width AREA / f(R), x[1] = R, ..., x[256] = 0. */
    private static final double[] X = new double[LAYERS + 1];
    /** f(x[i]) = exp(-x[i]^2 / 2). */
    private static final double[] F = new double[LAYERS + 1];
    /** x[i + 1] / x[i]: below it a layer's sample lies under the curve for sure. */
    private static final double[] RATIO = new double[LAYERS];

    static {
        X[0] = AREA / f(R);
        X[1] = R;
        for (int i = 2; i < LAYERS; i++) {
            X[i] = StrictMath.sqrt(-2 * StrictMath.log(AREA / X[i - 1] + f(X[i - 1])));
        }
        X[LAYERS] = 0;
        for (int i = 0; i <= LAYERS; i++) {
            F[i] = f(X[i]);
        }
        for (int i = 0; i < LAYERS; i++) {
            RATIO[i] = X[i + 1] / X[i];
        }
    }

    private Ziggurat() {
    }

    private static double f(double x) {
        return StrictMath.exp(-0.5 * x * x);
    }

    /** The key of the attempt-th draw of every position: distinct attempts give unrelated streams. */
    private static long key(long seed, int attempt) {
        return mix(seed * GOLDEN + attempt * ATTEMPT);
    }

    /** SplitMix64's finaliser: a bijection of 64-bit words that passes BigCrush on a counter. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double uniform(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /**
     * Returns the standard normal value at a position.
     *
     * @param seed the seed
     * @param k    the position, e.g. a C-order flat index
     * @return the value
     */
    static double normal(long seed, long k) {
        long h = mix(key(seed, 0) + (k + 1) * GOLDEN);
        int i = (int) h & (LAYERS - 1);
        // Bits 11..63 make u, bits 0..7 the layer: disjoint bits of one hash, so the two are independent.
        double u = 2 * uniform(h) - 1;
        if (Math.abs(u) < RATIO[i]) {
            return u * X[i];
        }
        return slow(seed, k, i, u);
    }

    /** The wedge and tail cases, and the retries after a rejection (about 1 % of positions). */
    private static double slow(long seed, long k, int layer, double u) {
        int i = layer;
        double v = u;
        for (int attempt = 1; ; attempt++) {
            long key = key(seed, attempt);
            if (Math.abs(v) < RATIO[i]) {
                return v * X[i];
            }
            if (i == 0) {
                return tail(seed, k, attempt, v < 0);
            }
            double x = v * X[i];
            double y = F[i] + uniform(mix(key + (k + 1) * GOLDEN + 1)) * (F[i + 1] - F[i]);
            if (y < f(x)) {
                return x;
            }
            long h = mix(key + (k + 1) * GOLDEN);
            i = (int) h & (LAYERS - 1);
            v = 2 * uniform(h) - 1;
        }
    }

    /** Marsaglia's tail beyond R: exponential proposals accepted under the normal's tail. */
    private static double tail(long seed, long k, int attempt, boolean negative) {
        for (int a = attempt; ; a++) {
            long key = key(seed, a) ^ 0x5851F42D4C957F2DL;
            double x = -StrictMath.log(1 - uniform(mix(key + (k + 1) * GOLDEN))) / R;
            double y = -StrictMath.log(1 - uniform(mix(key + (k + 1) * GOLDEN + 1)));
            if (y + y >= x * x) {
                return negative ? -(R + x) : R + x;
            }
        }
    }
}
