package org.memmap4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.memmap4j.Index;
import org.memmap4j.NDArray;
import org.memmap4j.compute.Compute;
import org.memmap4j.exec.ChunkExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code memmap4j stats FILE [SLICE]}: count, sum, mean, std, var, min, max and median of an array or a selection,
 * over all elements or along axes, computed out of core (see {@link Statistics}). Values print with NumPy's
 * {@code str} of the result scalar: the shortest digits that identify it in its dtype, complex results as NumPy
 * prints them ({@code (1.5-2j)}, {@code (nan+nanj)}); {@code --json} writes complex results as {@code [re, im]}
 * ({@link Json}).
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Count, sum, mean, std, var (ddof 0), min, max and median of an array or a selection, optionally along axes.")
final class StatsCommand implements Callable<Integer> {

    static final List<String> NAMES = List.of("count", "sum", "mean", "std", "var", "min", "max", "median");

    @Parameters(index = "0", paramLabel = "FILE", description = "The file.")
    Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SLICE", description = "NumPy index expression (may start with '-').")
    String slice;

    @Option(names = "--axis", split = ",", paramLabel = "K",
            description = "Reduce along these axes only (e.g. 0, -1 or 0,2); one result per index of the other axes.")
    int[] axes;

    @Option(names = "--member", paramLabel = "NAME", description = "The .npz member (needed when there are several).")
    String member;

    @Mixin
    RawOptions raw;

    @Option(names = "--json", description = "Print {\"count\",\"sum\",\"mean\",\"std\",\"var\",\"min\",\"max\",\"median\"}; with --axis, nested lists; complex values as [re, im].")
    boolean json;

    @Mixin
    ExecOptions exec;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (NDArray whole = ArrayFile.open(file, raw, member);
             ChunkExecutor executor = exec.open();
             Progress progress = exec.progress()) {
            Compute compute = Compute.on(executor);
            Statistics s;
            try {
                NDArray a = slice == null ? whole : whole.get(slice);
                s = Statistics.of(a, axes, name -> compute.withProgress(progress.phase(name)));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                // A bad SLICE or --axis: say which file it was applied to.
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
            progress.finish();
            if (s.emptyLanes()) {
                spec.commandLine().getErr().println("memmap4j: warning: " + file + ": empty selection: mean, std, var and median are nan, "
                        + "and so are min and max (NumPy raises for them)");
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(json(s));
            } else if (s.shape.length == 0) {
                totals(out, s);
            } else {
                rows(out, s);
            }
            out.flush();
        }
        return 0;
    }

    /** The results of a statistic by name: count as a number, the others as arrays (0-d without --axis). */
    private static Object value(Statistics s, String name) {
        return switch (name) {
            case "count" -> s.count;
            case "sum" -> s.sum;
            case "mean" -> s.mean;
            case "std" -> s.std;
            case "var" -> s.var;
            case "min" -> s.min;
            case "max" -> s.max;
            case "median" -> s.median;
            default -> throw new AssertionError(name);
        };
    }

    private static String json(Statistics s) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String name : NAMES) {
            m.put(name, value(s, name));
        }
        return Json.write(m);
    }

    /** One line per statistic: its name, then its value. */
    private static void totals(PrintWriter out, Statistics s) {
        for (String name : NAMES) {
            out.println(String.format("%-7s %s", name, value(s, name) instanceof NDArray a ? a.str() : value(s, name)));
        }
    }

    /**
     * A table with one row per index of the kept axes ({@code i} or {@code i,j,...}) and one right-aligned column
     * per statistic. Cells are formatted twice (once to size the columns) rather than kept, so that the heap does
     * not hold the text of every row.
     */
    private static void rows(PrintWriter out, Statistics s) {
        int cols = NAMES.size() + 1;
        int[] width = new int[cols];
        width[0] = "index".length();
        for (int c = 1; c < cols; c++) {
            width[c] = NAMES.get(c - 1).length();
        }
        long n = s.sum.size();
        for (long r = 0; r < n; r++) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], cell(s, r, c).length());
            }
        }
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cols; c++) {
            pad(line, c == 0 ? "index" : NAMES.get(c - 1), width[c], c == 0);
        }
        out.println(line.toString().stripTrailing());
        for (long r = 0; r < n; r++) {
            line.setLength(0);
            for (int c = 0; c < cols; c++) {
                pad(line, cell(s, r, c), width[c], c == 0);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static void pad(StringBuilder line, String text, int width, boolean left) {
        if (!line.isEmpty()) {
            line.append("  ");
        }
        String fill = " ".repeat(width - text.length());
        line.append(left ? text + fill : fill + text);
    }

    /** Column 0: the row's index along the kept axes; then the statistics in {@link #NAMES} order. */
    private static String cell(Statistics s, long row, int column) {
        if (column == 0) {
            return index(s.shape, row);
        }
        Object v = value(s, NAMES.get(column - 1));
        return v instanceof NDArray a ? Statistics.flat(a).get(new Index.At(row)).str() : v.toString();
    }

    /** The C-order multi-index of a flat position, as {@code i} or {@code i,j,...}. */
    static String index(long[] shape, long flat) {
        long[] idx = new long[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < idx.length; i++) {
            sb.append(i > 0 ? "," : "").append(idx[i]);
        }
        return sb.toString();
    }
}
