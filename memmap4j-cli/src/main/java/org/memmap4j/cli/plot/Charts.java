package org.memmap4j.cli.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.memmap4j.NDArray;
import org.memmap4j.compute.Histogram;
import org.memmap4j.format.AtomicFile;

/**
 * XChart renderings of what {@link Decimator}, {@link BlockMeans} and {@code Compute.histogram} computed, and PNG
 * output. Charts draw into images in memory, never on a screen: loading this class sets
 * {@code java.awt.headless=true} unless the property is already set, so plotting works without a display (and
 * with a {@code DISPLAY} that points nowhere), and {@code sun.font.layout.ffm=false} (faster first text).
 *
 * <p>Values that no axis can show are left out: NaN and infinite envelope values become gaps in their line, NaN
 * and infinite heatmap cells stay blank.
 */
public final class Charts {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // JDK 25 shapes text with HarfBuzz through the FFM linker by default: binding it generates classes at the
        // first text drawn, a fixed 0.1-0.3 s of CPU (measured here) in a CLI that draws one chart. The JNI binding (the
        // JDK's documented alternative) draws the same glyphs without it.
        if (System.getProperty("sun.font.layout.ffm") == null) {
            System.setProperty("sun.font.layout.ffm", "false");
        }
    }

    /** Perceptually uniform colours from low to high (matplotlib's viridis, five stops). */
    public static final Color[] SEQUENTIAL = {new Color(0x440154), new Color(0x3B528B), new Color(0x21918C),
        new Color(0x5EC962), new Color(0xFDE725)};

    /** Blue through white to red, for values around a middle such as correlations (matplotlib's coolwarm ends). */
    public static final Color[] DIVERGING = {new Color(0x3B4CC0), new Color(0xDDDDDD), new Color(0xB40426)};

    /** Rows of at most this many elements get a marker on every element. */
    static final int FEW_POINTS = 100;

    private Charts() {
    }

    /**
     * A line chart of an envelope: each row one line through the minimum and maximum of every pixel column, so
     * the line covers exactly the range a plot of every element would cover. The x axis is the element's
     * position in the row. Rows of at most {@value #FEW_POINTS} elements also get a dot on every element.
     *
     * @param e      the envelope
     * @param names  one legend entry per row; the legend is hidden for a single row
     * @param title  the chart title
     * @param width  the width in pixels
     * @param height the height in pixels
     * @return the chart
     * @throws IllegalArgumentException if names does not have one entry per row, or no value is finite
     */
    public static XYChart line(Decimator.Envelope e, List<String> names, String title, int width, int height) {
        Objects.requireNonNull(e, "e");
        if (names.size() != e.rows()) {
            throw new IllegalArgumentException(names.size() + " names for " + e.rows() + " rows");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("index").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(e.rows() > 1);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisDecimalPattern("#,##0.##");
        boolean anyFinite = false;
        for (int r = 0; r < e.rows(); r++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int j = 0; j < e.columns(); j++) {
                double x = e.starts()[j];
                double lo = finiteOrNaN(e.min()[r][j]);
                double hi = finiteOrNaN(e.max()[r][j]);
                anyFinite |= lo == lo || hi == hi;
                // The vertical stroke a dense plot fills in this column, drawn up and down in turn so that the
                // step to the next column is short (long diagonals make anti-aliased drawing slow).
                boolean up = j % 2 == 0;
                xs.add(x);
                ys.add(up ? lo : hi);
                if (e.starts()[j + 1] - e.starts()[j] > 1) {
                    xs.add(x);
                    ys.add(up ? hi : lo);
                }
            }
            if (r == 0) {
                // The data ends at n.
                endGap(xs, ys, e.length() - 0.5);
            }
            XYSeries s = chart.addSeries(names.get(r), xs, ys);
            // A few points are shown as dots too (a single point has no line to draw).
            s.setMarker(e.length() <= FEW_POINTS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            s.setLineWidth(1f);
        }
        if (!anyFinite) {
            throw new IllegalArgumentException("nothing to plot: no element is finite");
        }
        return chart;
    }

    /**
     * A histogram as a filled step outline over numeric bin edges.
     *
     * @param h      counts and edges, as {@code Compute.histogram} returns them
     * @param title  the chart title
     * @param width  the width in pixels
     * @param height the height in pixels
     * @return the chart
     */
    public static XYChart histogram(Histogram h, String title, int width, int height) {
        Objects.requireNonNull(h, "h");
        int bins = Math.toIntExact(h.counts().size());
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        xs.add(h.edges().getDouble(0));
        ys.add(0.0);
        for (int i = 0; i < bins; i++) {
            double c = h.counts().getLong(i);
            xs.add(h.edges().getDouble(i));
            ys.add(c);
            xs.add(h.edges().getDouble(i + 1));
            ys.add(c);
        }
        xs.add(h.edges().getDouble(bins));
        ys.add(0.0);
        double last = h.edges().getDouble(bins);
        endGap(xs, ys, last + (last - h.edges().getDouble(0)) / 100);
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("value")
                .yAxisTitle("count").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        XYSeries s = chart.addSeries("count", xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineWidth(1f);
        return chart;
    }

    /**
     * A heatmap of a grid of block means, labelled with the first source row and column of each cell; row 0 at
     * the top, as NumPy prints a matrix.
     *
     * @param g      the grid
     * @param title  the chart title
     * @param width  the width in pixels
     * @param height the height in pixels
     * @return the chart
     * @throws IllegalArgumentException if no cell is finite
     */
    public static HeatMapChart heatmap(BlockMeans.Grid g, String title, int width, int height) {
        List<Long> xs = new ArrayList<>();
        for (int j = 0; j < g.columns(); j++) {
            xs.add(g.colStarts()[j]);
        }
        List<Long> ys = new ArrayList<>();
        for (int i = 0; i < g.rows(); i++) {
            ys.add(g.rowStarts()[i]);
        }
        return heatmap(g.mean(), xs, ys, Double.NaN, Double.NaN, SEQUENTIAL, title, width, height);
    }

    /**
     * A heatmap of a matrix with row 0 at the top.
     *
     * @param values  {@code values[i][j]} is cell (i, j); NaN and infinite cells stay blank
     * @param xLabels one label per column
     * @param yLabels one label per row, from the top
     * @param min     the value of the first colour, or NaN for the smallest finite value
     * @param max     the value of the last colour, or NaN for the largest finite value
     * @param colors  the colour scale from min to max, e.g. {@link #SEQUENTIAL} or {@link #DIVERGING}
     * @param title   the chart title
     * @param width   the width in pixels
     * @param height  the height in pixels
     * @return the chart
     * @throws IllegalArgumentException if the labels do not match the matrix, it is ragged, or no cell is finite
     */
    public static HeatMapChart heatmap(double[][] values, List<?> xLabels, List<?> yLabels, double min, double max,
                                       Color[] colors, String title, int width, int height) {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        if (yLabels.size() != rows || xLabels.size() != cols) {
            throw new IllegalArgumentException("labels (" + yLabels.size() + " x " + xLabels.size() + ") do not match the "
                    + rows + " x " + cols + " matrix");
        }
        List<Number[]> cells = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows; i++) {
            if (values[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has " + values[i].length + " values, row 0 has " + cols);
            }
            for (int j = 0; j < cols; j++) {
                double v = values[i][j];
                if (Double.isFinite(v)) {
                    // XChart counts y upwards: the first row goes to the top.
                    cells.add(new Number[] {j, rows - 1 - i, v});
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot: no element is finite");
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title).build();
        style(chart.getStyler());
        chart.getStyler().setRangeColors(colors);
        chart.getStyler().setDrawBorder(false);
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setXAxisMaxLabelCount(Math.max(2, width / 70));
        chart.getStyler().setHeatMapDecimalValueFormatter(Charts::number);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<Object> up = new ArrayList<>(yLabels);
        java.util.Collections.reverse(up);
        // XChart prints the scale's ends in full: rounded outwards to 3 digits they stay readable.
        double from = Double.isNaN(min) ? round(lo, RoundingMode.FLOOR) : min;
        double to = Double.isNaN(max) ? round(hi, RoundingMode.CEILING) : max;
        double top = to > from ? to : from + 1;
        // XChart interpolates between colour k and k + 1 of its table, k the scaled value's whole part: a value at
        // or beyond the top of the scale (a correlation of exactly 1 on a fixed -1..1 scale) would index past the
        // table and throw. Cells therefore stay a hair below the top, and within the scale.
        double below = top - (top - from) * 1e-9;
        for (Number[] cell : cells) {
            cell[2] = Math.clamp(cell[2].doubleValue(), from, below);
        }
        var series = chart.addSeries("values", xLabels, up, cells);
        series.setMin(from);
        series.setMax(top);
        return chart;
    }

    /** A short, locale-independent number for colour-scale legends. */
    static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** {@code v} rounded to 3 significant digits in the given direction. */
    static double round(double v, RoundingMode mode) {
        return new BigDecimal(v).round(new MathContext(3, mode)).doubleValue();
    }

    /**
     * Renders a chart into a new image of the chart's size.
     *
     * @param chart the chart
     * @return an RGB image
     */
    public static BufferedImage image(IChart chart) {
        BufferedImage img = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        paint(img, chart, 0, 0);
        return img;
    }

    /**
     * Paints a chart at its size into a region of an image.
     *
     * @param img   the image
     * @param chart the chart
     * @param x     left edge of the region
     * @param y     top edge of the region
     */
    public static void paint(BufferedImage img, IChart chart, int x, int y) {
        Graphics2D g = img.createGraphics();
        try {
            g.translate(x, y);
            g.clipRect(0, 0, chart.getWidth(), chart.getHeight());
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
    }

    /**
     * Writes an image as PNG under a temporary name and renames it to {@code out} when complete.
     *
     * @param img       the image
     * @param out       the PNG file
     * @param overwrite whether an existing file may be replaced
     * @throws java.nio.file.FileAlreadyExistsException if out exists and overwrite is false
     * @throws IOException                              if writing fails (out is then untouched)
     */
    public static void writePng(BufferedImage img, Path out, boolean overwrite) throws IOException {
        AtomicFile.write(out, overwrite, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException(out + ": no PNG writer in this JVM");
            }
        });
    }

    /** The look shared by every chart: white, anti-aliased, no hover machinery. */
    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setAntiAlias(true);
        s.setTextAntiAlias(true);
        s.setChartTitleBoxVisible(false);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
    }

    /**
     * Ends a series with a gap at {@code x}, past its last point, which keeps the x values unequally spaced: XChart
     * puts a tick on every k-th of equally spaced x values (pixel columns, bin edges), however wide the labels,
     * and they overlap; otherwise it chooses round ticks spaced by their labels' width.
     */
    private static void endGap(List<Double> xs, List<Double> ys, double x) {
        xs.add(x);
        ys.add(Double.NaN);
    }

    private static double finiteOrNaN(double v) {
        return Double.isFinite(v) ? v : Double.NaN;
    }

    /** {@return the array's real values as doubles, in C order (for small arrays such as a correlation matrix)} */
    static double[][] matrix(NDArray a) {
        if (a.ndim() != 2) {
            throw new IllegalArgumentException("expected a 2-d matrix, got " + a.ndim() + "-d");
        }
        Samples.requireReal(a);
        int rows = Math.toIntExact(a.shape(0));
        int cols = Math.toIntExact(a.shape(1));
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = a.getDouble(i, j);
            }
        }
        return m;
    }
}
