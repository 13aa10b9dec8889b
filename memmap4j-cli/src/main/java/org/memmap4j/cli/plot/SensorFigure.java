package org.memmap4j.cli.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.memmap4j.NDArray;
import org.memmap4j.compute.Compute;

/**
 * One PNG summarising a sensor pipeline's output: (a) the traces of a few sensors across the top, each the min/max
 * envelope per pixel column of its row of the processed {@code S x N} array; below, (b) the histogram of all
 * processed readings (100 bins over the non-NaN range) and (c) the heatmap of a small correlation matrix labelled
 * with sensor ids, coloured blue (-1) through white to red (+1).
 *
 * <p>The processed array is read in two parallel passes for the histogram's range, one for its counts and one for
 * the traces; heap use does not depend on its size. The figure is written under a temporary name and renamed.
 */
public final class SensorFigure {

    /** At most this many traces: more lines than this are unreadable in one panel. */
    public static final int MAX_TRACES = 10;

    /** The smallest figure that leaves each panel room for its axes. */
    public static final int MIN_WIDTH = 400;

    /** The smallest figure height. */
    public static final int MIN_HEIGHT = 300;

    private static final int BINS = 100;

    private SensorFigure() {
    }

    /**
     * Draws the figure and writes it as PNG.
     *
     * @param png           the PNG file
     * @param overwrite     whether an existing png may be replaced
     * @param processed     the processed readings: 2-d, one row per sensor, any real dtype (NaN is skipped)
     * @param traceRows     the rows of processed to draw as traces, 1 to {@link #MAX_TRACES} of them
     * @param traceIds      a sensor id per trace row for the legend, or null to label traces by row number
     * @param corr          a {@code k x k} correlation matrix (NaN cells stay blank)
     * @param corrSensorIds the sensor id of each of the k rows and columns of corr
     * @param compute       where to compute
     * @param width         the figure's width in pixels, at least {@link #MIN_WIDTH}
     * @param height        the figure's height in pixels, at least {@link #MIN_HEIGHT}
     * @throws IllegalArgumentException if processed is not 2-d or is empty, a trace row is out of range, there
     *                                  are no or too many traces, traceIds or corrSensorIds has the wrong
     *                                  length, corr is not square, the size is too small, or there is nothing
     *                                  finite to plot
     * @throws java.nio.file.FileAlreadyExistsException if png exists and overwrite is false
     * @throws IOException              if writing fails (png is then untouched)
     */
    public static void write(Path png, boolean overwrite, NDArray processed, int[] traceRows, long[] traceIds,
                             NDArray corr, long[] corrSensorIds, Compute compute, int width, int height) throws IOException {
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(processed, "processed");
        Objects.requireNonNull(traceRows, "traceRows");
        Objects.requireNonNull(corr, "corr");
        Objects.requireNonNull(corrSensorIds, "corrSensorIds");
        Objects.requireNonNull(compute, "compute");
        if (width < MIN_WIDTH || height < MIN_HEIGHT) {
            throw new IllegalArgumentException("a sensor figure needs at least " + MIN_WIDTH + " x " + MIN_HEIGHT
                    + " pixels, got " + width + " x " + height);
        }
        if (processed.ndim() != 2) {
            throw new IllegalArgumentException("processed readings must be 2-d (sensors x samples), got " + processed.ndim() + "-d");
        }
        if (traceRows.length < 1 || traceRows.length > MAX_TRACES) {
            throw new IllegalArgumentException("between 1 and " + MAX_TRACES + " traces, got " + traceRows.length);
        }
        if (traceIds != null && traceIds.length != traceRows.length) {
            throw new IllegalArgumentException(traceIds.length + " trace ids for " + traceRows.length + " traces");
        }
        if (corr.ndim() != 2 || corr.shape(0) != corr.shape(1) || corr.shape(0) != corrSensorIds.length) {
            throw new IllegalArgumentException("corr must be " + corrSensorIds.length + " x " + corrSensorIds.length
                    + " (one row and column per sensor id), got shape " + java.util.Arrays.toString(corr.shape()));
        }
        List<String> names = new ArrayList<>();
        for (int t = 0; t < traceRows.length; t++) {
            names.add(traceIds != null ? "sensor " + traceIds[t] : "row " + traceRows[t]);
        }
        int topH = height / 2;
        int halfW = width / 2;
        int bottomH = height - topH;
        var envelope = Decimator.envelope(processed, traceRows, width, compute.executor(), org.memmap4j.exec.ProgressListener.NONE);
        var line = Charts.line(envelope, names, String.format(Locale.ROOT, "(a) traces: min/max of %,d readings per pixel column", processed.shape(1)),
                width, topH);
        var hist = Charts.histogram(Histograms.of(compute, processed, BINS, null),
                String.format(Locale.ROOT, "(b) histogram of all %,d readings", processed.size()), halfW, bottomH);
        List<String> labels = new ArrayList<>();
        for (long id : corrSensorIds) {
            labels.add(Long.toString(id));
        }
        var heat = Charts.heatmap(Charts.matrix(corr), labels, labels, -1, 1, Charts.DIVERGING,
                "(c) correlation of " + corrSensorIds.length + " sensors", width - halfW, bottomH);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        Charts.paint(img, line, 0, 0);
        Charts.paint(img, hist, 0, topH);
        Charts.paint(img, heat, halfW, topH);
        Charts.writePng(img, png, overwrite);
    }
}
