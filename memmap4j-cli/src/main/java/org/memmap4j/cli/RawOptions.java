package org.memmap4j.cli;

import org.memmap4j.DType;
import org.memmap4j.Order;
import picocli.CommandLine.Option;

/** How to read a raw binary file, which carries no header: {@code --dtype --shape --offset --order}. */
final class RawOptions {

    @Option(names = "--dtype", paramLabel = "D", description = "Element type of a raw file: a NumPy name or descr, e.g. float32, '<f4', '>i8'.")
    String dtype;

    @Option(names = "--shape", paramLabel = "S", description = "Shape of a raw file, e.g. 1000,1000 or '(1000, 1000)'; default: 1-d from the file size.")
    String shape;

    @Option(names = "--offset", paramLabel = "N", description = "Byte offset of the data in a raw file (default 0).")
    long offset;

    @Option(names = "--order", paramLabel = "C|F", description = "Memory order of a raw file (default C).")
    String order;

    DType dtypeOrNull() {
        return dtype == null ? null : DType.of(dtype);
    }

    long[] shapeOrNull() {
        return shape == null ? null : Shapes.parse(shape);
    }

    Order orderOrC() {
        return order == null ? Order.C : Order.of(order);
    }
}
