package org.memmap4j.cli.sensor;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.memmap4j.testing.TruncatedMapping;

/** The sensor pipeline's vectorised row kernels for {@link TruncatedRowKernelTest}; arguments: a directory [, one kernel]. */
public final class TruncatedRowKernelMain {

    public static void main(String[] args) throws Exception {
        RowKernels k = new VectorRowKernels();
        long n = TruncatedMapping.BYTES / 4;
        Map<String, Consumer<MemorySegment>> kernels = new LinkedHashMap<>();
        kernels.put("block", s -> {
            for (long off = 0; off < TruncatedMapping.BYTES; off += 512) {
                k.block(s, off, 128, true, 1f);
            }
        });
        kernels.put("minMax", s -> k.minMax(s, 0, n, new float[2]));
        kernels.put("countBeyond", s -> k.countBeyond(s, 0, n, 0, 1));
        TruncatedMapping.run(Path.of(args[0]), args.length > 1 ? args[1] : null, kernels);
    }
}
