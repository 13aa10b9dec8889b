package org.memmap4j.bench;

/**
 * Turns memmap4j's Vector API kernels on or off for one benchmark fork. The compute package reads the system
 * property {@code memmap4j.vector} once, when its kernels are first loaded, so the property must be set before any
 * computation in the JVM: JMH runs each parameter combination in a fresh fork, and the benchmarks call
 * {@link #apply} first thing in their trial setup. A JVM whose kernels are already loaded the other way (a
 * non-forked run, {@code -f 0}, mixing both settings) is refused rather than measured under the wrong name.
 */
public final class VectorSwitch {

    private static final String PROPERTY = "memmap4j.vector";

    private VectorSwitch() {
    }

    /**
     * Asks for vector or scalar kernels and checks that the JVM uses them.
     *
     * @param vector true for the Vector API kernels, false for the scalar ones
     * @throws IllegalStateException if the JVM uses the other kind: the kernels were loaded earlier with the other
     *                               setting, or vector is asked for without {@code --add-modules jdk.incubator.vector}
     */
    public static void apply(boolean vector) {
        System.setProperty(PROPERTY, Boolean.toString(vector));
        boolean enabled = enabled();
        if (enabled != vector) {
            throw new IllegalStateException("benchmark asks for vector=" + vector + " but memmap4j's kernels are "
                    + (enabled ? "vector" : "scalar") + " in this JVM: run each setting in its own fork (-f 1 or more)"
                    + (vector ? ", with --add-modules jdk.incubator.vector" : ""));
        }
    }

    /** {@return whether memmap4j's Vector API kernels are enabled in this JVM (loading the switch if need be)} */
    public static boolean enabled() {
        try {
            // Package-private in the library (not API): read reflectively so that the check sees the real switch.
            var field = vectorization().getDeclaredField("ENABLED");
            field.setAccessible(true);
            return field.getBoolean(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read memmap4j's vector switch: " + e, e);
        }
    }

    private static Class<?> vectorization() throws ClassNotFoundException {
        return Class.forName("org.memmap4j.compute.Vectorization", true, VectorSwitch.class.getClassLoader());
    }
}
