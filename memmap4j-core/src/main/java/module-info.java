/**
 * memmap4j: memory-mapped N-dimensional arrays with NumPy semantics, and NumPy's .npy, .npz and raw files.
 * No dependencies beyond the JDK.
 */
module org.memmap4j {
    exports org.memmap4j;
    exports org.memmap4j.format;
}
