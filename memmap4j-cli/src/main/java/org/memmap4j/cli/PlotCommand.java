package org.memmap4j.cli;

import java.awt.image.BufferedImage;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.internal.chartpart.IChart;
import org.memmap4j.NDArray;
import org.memmap4j.cli.plot.BlockMeans;
import org.memmap4j.cli.plot.Charts;
import org.memmap4j.cli.plot.Decimator;
import org.memmap4j.cli.plot.Histograms;
import org.memmap4j.compute.Compute;
import org.memmap4j.exec.ChunkExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code memmap4j plot FILE [SLICE] --out FILE.png}: a line plot (min/max envelope per pixel column), histogram or
 * heatmap of an array of any size, from one or two parallel passes over the data. The PNG is written under a
 * temporary name and renamed; an existing one needs {@code --force}.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Plot an array or a selection of it to a PNG: lines (min/max per pixel column), a histogram or a heatmap.")
final class PlotCommand implements Callable<Integer> {

    /** More lines than this in one plot are unreadable; select rows with SLICE. */
    static final int MAX_LINES = 10;

    /** The smallest and largest image side in pixels. */
    static final int MIN_SIDE = 100;
    static final int MAX_SIDE = 8000;

    /** XChart draws each heatmap cell as a shape: beyond this many per side, rendering gets slow. */
    static final int MAX_HEATMAP_SIDE = 400;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file.")
    Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SLICE", description = "NumPy index expression selecting what to plot (may start with '-').")
    String slice;

    @Option(names = "--out", required = true, paramLabel = "PNG", description = "The PNG file to write.")
    Path out;

    @Option(names = "--kind", paramLabel = "K",
            description = "line (1-d: one line; 2-d: one line per row, at most " + MAX_LINES + "), hist (all elements) or "
                    + "heatmap (2-d; block means when larger than " + MAX_HEATMAP_SIDE + " or half the image per side). "
                    + "Default: line for 1-d and for 2-d with at most " + MAX_LINES + " rows, heatmap for other 2-d.")
    String kind;

    @Option(names = "--width", paramLabel = "PX", defaultValue = "1000", description = "Image width in pixels (default 1000).")
    int width;

    @Option(names = "--height", paramLabel = "PX", defaultValue = "600", description = "Image height in pixels (default 600).")
    int height;

    @Option(names = "--title", paramLabel = "T", description = "Chart title (default: FILE[SLICE]).")
    String title;

    @Option(names = "--bins", paramLabel = "N", description = "hist: number of equal bins (default 100).")
    Integer bins;

    @Option(names = "--range", paramLabel = "MIN,MAX", description = "hist: the range of the bins (default: the smallest and largest non-NaN element).")
    String range;

    @Option(names = "--force", description = "Replace the PNG if it exists.")
    boolean force;

    @Option(names = "--member", paramLabel = "NAME", description = "The .npz member to plot (needed when there are several).")
    String member;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Mixin
    RawOptions raw;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkSize("--width", width);
        checkSize("--height", height);
        String k = kind == null ? null : kind.toLowerCase(Locale.ROOT);
        if (k != null && !List.of("line", "hist", "heatmap").contains(k)) {
            throw new IllegalArgumentException("--kind must be line, hist or heatmap, got '" + kind + "'");
        }
        if (bins != null && bins < 1) {
            throw new IllegalArgumentException("--bins must be at least 1, got " + bins);
        }
        double[] binRange = range == null ? null : parseRange(range);
        if (Files.exists(out) && !force) {
            throw new FileAlreadyExistsException(out.toString());
        }
        if (Files.exists(out) && Files.exists(file) && Files.isSameFile(out, file)) {
            throw new IllegalArgumentException(out + ": is the input file; choose another --out");
        }
        try (NDArray whole = ArrayFile.open(file, raw, member); Progress progress = Progress.onStderr(quiet)) {
            NDArray a = slice == null ? whole : whole.get(slice);
            String what = file + (slice == null ? "" : "[" + slice + "]");
            if (k == null) {
                k = defaultKind(a, what);
            }
            if (!k.equals("hist") && (bins != null || binRange != null)) {
                throw new IllegalArgumentException("--bins and --range apply to --kind hist only");
            }
            String t = title != null ? title : file.getFileName() + (slice == null ? "" : "[" + slice + "]");
            ChunkExecutor ex = ChunkExecutor.local();
            IChart chart = switch (k) {
                case "line" -> {
                    if (a.ndim() != 1 && a.ndim() != 2) {
                        throw new IllegalArgumentException(what + ": a line plot takes 1-d or 2-d data (one line per row), got "
                                + a.ndim() + "-d; select with SLICE, or use --kind hist");
                    }
                    if (a.ndim() == 2 && a.shape(0) > MAX_LINES) {
                        throw new IllegalArgumentException(what + ": " + a.shape(0) + " rows are too many lines (at most "
                                + MAX_LINES + "); select rows with SLICE, e.g. '0:" + MAX_LINES + "', or use --kind heatmap");
                    }
                    List<String> names = new ArrayList<>();
                    for (int r = 0; r < (a.ndim() == 2 ? a.shape(0) : 1); r++) {
                        names.add("row " + r);
                    }
                    yield Charts.line(Decimator.envelope(a, width, ex, progress.phase("plot")), names, t, width, height);
                }
                case "hist" -> Charts.histogram(Histograms.of(Compute.on(ex).withProgress(progress.phase("histogram")), a,
                        bins != null ? bins : 100, binRange), t, width, height);
                case "heatmap" -> {
                    if (a.ndim() != 2) {
                        throw new IllegalArgumentException(what + ": a heatmap takes 2-d data, got " + a.ndim() + "-d");
                    }
                    BlockMeans.Grid g = BlockMeans.of(a, Math.min(MAX_HEATMAP_SIDE, height / 2),
                            Math.min(MAX_HEATMAP_SIDE, width / 2), ex, progress.phase("heatmap"));
                    yield Charts.heatmap(g, t, width, height);
                }
                default -> throw new AssertionError(k);
            };
            progress.finish();
            BufferedImage img = Charts.image(chart);
            Charts.writePng(img, out, force);
            spec.commandLine().getOut().println("wrote " + out + ": " + k + " plot of " + what + ", " + width + " x " + height);
        }
        return 0;
    }

    private static String defaultKind(NDArray a, String what) {
        if (a.ndim() == 1) {
            return "line";
        }
        if (a.ndim() == 2) {
            return a.shape(0) <= MAX_LINES ? "line" : "heatmap";
        }
        throw new IllegalArgumentException(what + ": no default plot for " + a.ndim() + "-d data; give --kind hist, or select "
                + "1-d or 2-d data with SLICE");
    }

    private static void checkSize(String option, int px) {
        if (px < MIN_SIDE || px > MAX_SIDE) {
            throw new IllegalArgumentException(option + " must be between " + MIN_SIDE + " and " + MAX_SIDE + " pixels, got " + px);
        }
    }

    /** Parses {@code MIN,MAX}, optionally in parentheses or brackets as Python writes a pair. */
    static double[] parseRange(String s) {
        String t = s.strip();
        if (t.length() >= 2 && (t.startsWith("(") && t.endsWith(")") || t.startsWith("[") && t.endsWith("]"))) {
            t = t.substring(1, t.length() - 1);
        }
        String[] p = t.split(",");
        try {
            if (p.length == 2) {
                double lo = Double.parseDouble(p[0].strip());
                double hi = Double.parseDouble(p[1].strip());
                if (Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi) {
                    return new double[] {lo, hi};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--range must be MIN,MAX with finite MIN <= MAX, got '" + s + "'");
    }
}
