package org.memmap4j.cli;

import picocli.CommandLine.Option;

/**
 * How to read a raw input file when the command's own {@code --dtype} and {@code --order} describe its output:
 * {@code --in-dtype --in-shape --in-offset --in-order}, the {@link RawOptions} of the input.
 */
final class InputRawOptions {

    @Option(names = "--in-dtype", paramLabel = "D", description = "Element type of a raw input file, e.g. float32, '<f4', '>i8'.")
    String dtype;

    @Option(names = "--in-shape", paramLabel = "S", description = "Shape of a raw input file; default: 1-d from the file size.")
    String shape;

    @Option(names = "--in-offset", paramLabel = "N", description = "Byte offset of the data in a raw input file (default 0).")
    long offset;

    @Option(names = "--in-order", paramLabel = "C|F", description = "Memory order of a raw input file (default C).")
    String order;

    RawOptions toRawOptions() {
        RawOptions r = new RawOptions();
        r.dtype = dtype;
        r.shape = shape;
        r.offset = offset;
        r.order = order;
        return r;
    }
}
