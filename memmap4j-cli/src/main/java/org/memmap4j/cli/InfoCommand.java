package org.memmap4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.memmap4j.NDArrays;

/** {@code memmap4j info FILE}: format, dtype, shape, order, offset and sizes, without reading the data. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe an array file (.npy, .npz or raw) without reading its data.")
final class InfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The file.")
    Path file;

    @Mixin
    RawOptions raw;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> d = ArrayFile.describe(file, raw);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(d));
            return 0;
        }
        out.println("path:     " + d.get("path"));
        out.println("format:   " + d.get("format"));
        if (d.get("members") instanceof List<?> members) {
            for (Object o : members) {
                Map<?, ?> m = (Map<?, ?>) o;
                out.println("member " + m.get("name") + (Boolean.TRUE.equals(m.get("compressed")) ? " (compressed)" : " (stored)") + ":");
                print(out, m, "  ");
            }
        } else {
            print(out, d, "");
        }
        out.flush();
        return 0;
    }

    private static void print(java.io.PrintWriter out, Map<?, ?> m, String indent) {
        out.println(indent + "dtype:    " + m.get("dtype"));
        out.println(indent + "shape:    " + NDArrays.shapeString((long[]) m.get("shape")));
        out.println(indent + "order:    " + m.get("order"));
        out.println(indent + "offset:   " + m.get("offset"));
        out.println(indent + "itemsize: " + m.get("itemsize"));
        out.println(indent + "size:     " + m.get("size"));
        out.println(indent + "nbytes:   " + m.get("nbytes"));
        if (m.get("version") != null) {
            out.println(indent + "version:  " + m.get("version"));
        }
    }
}
