package org.memmap4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.cli.plot.SensorFigure;
import org.memmap4j.cli.sensor.SensorFormat;
import org.memmap4j.cli.sensor.SensorPipeline;
import org.memmap4j.cli.sensor.SensorReport;
import org.memmap4j.cli.sensor.SensorResult;
import org.memmap4j.compute.Compute;
import org.memmap4j.exec.ChunkExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code memmap4j sensor}: the NumPy memory-mapping tutorial's sensor pipeline on memory-mapped files (see
 * {@link SensorPipeline}), with the tutorial's report or JSON.
 */
@Command(name = "sensor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The sensor pipeline of the NumPy memory-mapping tutorial, out of core: generate S x N float32 "
                + "Celsius readings (or read them with --input), convert to Fahrenheit with a 2%% calibration into a second "
                + "file, per-sensor mean/std/min/max/median into a statistics file, anomalies beyond 3 sigma, and the "
                + "correlation of every 10th sensor. Answers equal NumPy's for the same readings."})
final class SensorCommand implements Callable<Integer> {

    @Option(names = "--sensors", paramLabel = "S", description = "Sensors, the rows (default 50; for --input a raw file needs it).")
    Integer sensors;

    @Option(names = "--readings", paramLabel = "N", description = "Readings per sensor, the columns (default 100000; for --input a raw file needs it).")
    Long readings;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of the generated readings (default 0).")
    long seed;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the files go (default: a new temporary directory, named in the report).")
    Path dir;

    @Option(names = "--format", paramLabel = "npy|raw", defaultValue = "npy", description = "Format of the files written (default npy).")
    String format;

    @Option(names = "--input", paramLabel = "FILE", description = "Process an existing S x N float32 .npy or raw file instead of generating readings.")
    Path input;

    @Option(names = "--corr-readings", paramLabel = "N|all", defaultValue = "10000",
            description = "Leading readings correlated (default 10000, as the seed; 'all' for every reading).")
    String corrReadings;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Mixin
    ExecOptions exec;

    @Option(names = "--force", description = "Replace existing output files.")
    boolean force;

    @Option(names = "--no-sync", description = "Do not wait for the files to reach the disk (the seed's flush()): "
            + "they are complete in the page cache, which a killed process does not lose but a power failure may.")
    boolean noSync;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Also draw one figure: the first sensors' traces, a histogram of all processed readings, the correlation heatmap.")
    Path plot;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (sensors != null && sensors < 1 || readings != null && readings < 1) {
            throw new ParameterException(spec.commandLine(), "--sensors and --readings must be at least 1");
        }
        SensorPipeline.Config config = new SensorPipeline.Config(sensors, readings, seed, input, dir,
                SensorFormat.of(format), force, parseCorrReadings(), !noSync);
        if (plot != null && !force && java.nio.file.Files.exists(plot)) {
            // Checked before hours of work, not after.
            throw new java.nio.file.FileAlreadyExistsException(plot.toString());
        }
        SensorResult result;
        try (ChunkExecutor executor = exec.open();
             Progress progress = exec.progress()) {
            Compute compute = Compute.on(executor);
            result = SensorPipeline.run(config, compute, progress::phase);
            if (plot != null) {
                figure(result, compute.withProgress(progress.phase("plot")));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(SensorReport.json(result)));
        } else {
            out.print(SensorReport.text(result));
        }
        if (plot != null && !json) {
            out.println("Figure: " + plot);
        }
        out.flush();
        return 0;
    }

    /** The --plot figure: up to three sensors' traces, the histogram of every processed reading, the correlations. */
    private void figure(SensorResult result, Compute compute) throws java.io.IOException {
        int traces = Math.min(3, result.sensors());
        int[] rows = new int[traces];
        long[] ids = new long[traces];
        for (int i = 0; i < traces; i++) {
            rows[i] = i;
            ids[i] = i;
        }
        SensorResult.Correlation c = result.correlation();
        long[] corrIds = java.util.Arrays.stream(c.sensors()).asLongStream().toArray();
        try (NDArray processed = result.openProcessed(); NDArray corr = NDArrays.of(c.matrix())) {
            SensorFigure.write(plot, force, processed, rows, ids, corr, corrIds, compute, 1200, 800);
        }
    }

    private long parseCorrReadings() {
        String s = corrReadings.strip().toLowerCase(Locale.ROOT);
        if (s.equals("all")) {
            return 0;
        }
        try {
            long n = Long.parseLong(s);
            if (n >= 2) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--corr-readings must be a count of at least 2 or 'all', got '" + corrReadings + "'");
    }
}
