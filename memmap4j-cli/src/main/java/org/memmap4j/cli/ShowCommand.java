package org.memmap4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.memmap4j.NDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code memmap4j show FILE [SLICE]}: print (a selection of) an array as NumPy prints it, reading only what is shown. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print an array or a NumPy-style selection of it, e.g. '10:20, ::2', '-1', '[0, 5]'.")
final class ShowCommand implements Callable<Integer> {

    /** JSON output lists every element, so it is bounded; text output is summarised by NumPy's rules instead. */
    static final long MAX_JSON_ELEMENTS = 1_000_000;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file.")
    Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SLICE", description = "NumPy index expression (may start with '-').")
    String slice;

    @Option(names = "--member", paramLabel = "NAME", description = "The .npz member to show (needed when there are several).")
    String member;

    @Mixin
    RawOptions raw;

    @Option(names = "--json", description = "Print {\"dtype\",\"shape\",\"data\"} with data as nested lists.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (NDArray whole = ArrayFile.open(file, raw, member)) {
            NDArray a = slice == null ? whole : whole.get(slice);
            var out = spec.commandLine().getOut();
            if (json) {
                if (a.size() > MAX_JSON_ELEMENTS) {
                    throw new IllegalArgumentException(file + ": the selection has " + a.size() + " elements; JSON output is limited to "
                            + MAX_JSON_ELEMENTS + " (select fewer with SLICE)");
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dtype", a.dtype().descr());
                m.put("shape", a.shape());
                m.put("data", a);
                out.println(Json.write(m));
            } else {
                out.println(a.str());
            }
            out.flush();
        }
        return 0;
    }
}
