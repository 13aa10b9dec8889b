/**
 * memmap4j: memory-mapped N-dimensional arrays with NumPy semantics, and NumPy's .npy, .npz and raw files.
 * No dependencies beyond the JDK.
 */
module org.memmap4j {
    // Optional: vector kernels load only when the JVM runs with --add-modules jdk.incubator.vector.
    requires static jdk.incubator.vector;

    exports org.memmap4j;
    exports org.memmap4j.format;
    exports org.memmap4j.exec;
    exports org.memmap4j.compute;

    // Optional engines (memmap4j-spark) register executors of their own.
    uses org.memmap4j.exec.EngineProvider;
}
