package org.memmap4j.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.HeatMapChart;
import org.memmap4j.NDArrays;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.ProgressListener;

/** Rendering: sizes, orientation, what is left out, and the atomic PNG write. */
class ChartsTest {

    @TempDir
    Path dir;

    @Test
    void heatmapsPutRowZeroAtTheTop() {
        // Two rows: low values on top, high below; the sequential scale runs from purple to yellow.
        HeatMapChart chart = Charts.heatmap(new double[][] {{0, 0}, {1, 1}}, List.of("a", "b"), List.of("top", "bottom"),
                Double.NaN, Double.NaN, Charts.SEQUENTIAL, "t", 400, 400);
        BufferedImage img = Charts.image(chart);
        assertThat(img.getWidth()).isEqualTo(400);
        assertThat(img.getHeight()).isEqualTo(400);
        Color top = new Color(img.getRGB(150, 130));
        Color bottom = new Color(img.getRGB(150, 300));
        assertThat(distance(top, Charts.SEQUENTIAL[0])).isLessThan(distance(top, Charts.SEQUENTIAL[4]));
        assertThat(distance(bottom, Charts.SEQUENTIAL[4])).isLessThan(distance(bottom, Charts.SEQUENTIAL[0]));
    }

    private static int distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen()) + Math.abs(a.getBlue() - b.getBlue());
    }

    /** A correlation diagonal of exactly 1, or 1 + 1 ulp, on the fixed -1..1 scale made XChart index past its colours. */
    @Test
    void valuesAtOrBeyondTheEndsOfAFixedScaleTakeTheEndColours() {
        double[][] m = {{1.0, Math.nextUp(1.0)}, {-1.0, Math.nextDown(-1.0)}};
        HeatMapChart chart = Charts.heatmap(m, List.of("a", "b"), List.of("top", "bottom"), -1, 1, Charts.DIVERGING, "t", 400, 400);
        BufferedImage img = Charts.image(chart);
        Color top = new Color(img.getRGB(150, 130));
        Color bottom = new Color(img.getRGB(150, 300));
        Color high = Charts.DIVERGING[Charts.DIVERGING.length - 1];
        assertThat(distance(top, high)).isLessThan(distance(top, Charts.DIVERGING[0]));
        assertThat(distance(bottom, Charts.DIVERGING[0])).isLessThan(distance(bottom, high));
    }

    @Test
    void nonFiniteValuesAreLeftOutAndNothingFiniteIsAnError() {
        Decimator.Envelope e = Decimator.envelope(NDArrays.of(1.0, Double.POSITIVE_INFINITY, Double.NaN, 2.0), 4,
                ChunkExecutor.local(), ProgressListener.NONE);
        assertThat(Charts.image(Charts.line(e, List.of("x"), "t", 300, 200)).getWidth()).isEqualTo(300);
        Decimator.Envelope none = Decimator.envelope(NDArrays.of(Double.NaN, Double.NEGATIVE_INFINITY), 4,
                ChunkExecutor.local(), ProgressListener.NONE);
        assertThatThrownBy(() -> Charts.line(none, List.of("x"), "t", 300, 200))
                .hasMessage("nothing to plot: no element is finite");
        assertThatThrownBy(() -> Charts.line(e, List.of("x", "y"), "t", 300, 200)).hasMessage("2 names for 1 rows");
        assertThatThrownBy(() -> Charts.heatmap(new double[][] {{Double.NaN}}, List.of(1), List.of(1), Double.NaN,
                Double.NaN, Charts.SEQUENTIAL, "t", 300, 200)).hasMessage("nothing to plot: no element is finite");
        assertThatThrownBy(() -> Charts.heatmap(new double[][] {{1, 2}, {3}}, List.of(1, 2), List.of(1, 2), Double.NaN,
                Double.NaN, Charts.SEQUENTIAL, "t", 300, 200)).hasMessage("row 1 has 1 values, row 0 has 2");
        assertThatThrownBy(() -> Charts.heatmap(new double[][] {{1, 2}}, List.of(1), List.of(1), Double.NaN,
                Double.NaN, Charts.SEQUENTIAL, "t", 300, 200)).hasMessage("labels (1 x 1) do not match the 1 x 2 matrix");
    }

    @Test
    void scaleEndsRoundOutwardsToThreeDigits() {
        assertThat(Charts.round(-60.455740393449865, RoundingMode.FLOOR)).isEqualTo(-60.5);
        assertThat(Charts.round(66.77583616120475, RoundingMode.CEILING)).isEqualTo(66.8);
        assertThat(Charts.round(0.000123456, RoundingMode.CEILING)).isEqualTo(0.000124);
        assertThat(Charts.round(0, RoundingMode.FLOOR)).isEqualTo(0);
    }

    @Test
    void writePngRefusesToClobberAndLeavesNoTemporaryFile() throws Exception {
        BufferedImage img = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        Path out = dir.resolve("a.png");
        Charts.writePng(img, out, false);
        BufferedImage back = ImageIO.read(out.toFile());
        assertThat(back.getWidth()).isEqualTo(120);
        assertThat(back.getHeight()).isEqualTo(80);
        assertThatThrownBy(() -> Charts.writePng(img, out, false)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        Charts.writePng(new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB), out, true);
        assertThat(ImageIO.read(out.toFile()).getWidth()).isEqualTo(60);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }
}
