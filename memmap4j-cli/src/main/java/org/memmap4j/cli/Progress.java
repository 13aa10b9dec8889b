package org.memmap4j.cli;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.memmap4j.exec.ProgressListener;

/**
 * Progress bars on stderr (me.tongfei:progressbar), one per phase of a command, drawn only when stderr is a
 * terminal and the user did not ask for {@code --quiet}. Otherwise every listener it hands out is
 * {@link ProgressListener#NONE}, so scripts and tests see clean output.
 *
 * <p>Whether stderr is a terminal: the {@code memmap4j} launcher filters the JVM's incubator warning through a
 * pipe, so it tests {@code [ -t 2 ]} itself and passes {@code -Dmemmap4j.stderr.tty=true|false}; without the
 * property (embedded use, tests) no bars are drawn.
 */
final class Progress implements AutoCloseable {

    /** Set by the launcher to say whether the user's stderr is a terminal. */
    static final String TTY_PROPERTY = "memmap4j.stderr.tty";

    private final boolean enabled;
    private final PrintStream stream;
    private ProgressBar current;

    private Progress(boolean enabled, PrintStream stream) {
        this.enabled = enabled;
        this.stream = stream;
    }

    /**
     * Bars on {@code System.err} when it is a terminal and {@code quiet} is false.
     *
     * @param quiet true for no progress output at all
     * @return the progress of one command; close it when the command ends
     */
    static Progress onStderr(boolean quiet) {
        return new Progress(!quiet && Boolean.getBoolean(TTY_PROPERTY), System.err);
    }

    /** True if bars are drawn. */
    boolean enabled() {
        return enabled;
    }

    /**
     * Starts a phase, closing the previous phase's bar, and returns the listener that drives the new bar in
     * megabytes done of the total.
     *
     * @param name the phase's name, shown left of the bar
     * @return a listener for the phase's jobs ({@link ProgressListener#NONE} when bars are off)
     */
    ProgressListener phase(String name) {
        finish();
        if (!enabled) {
            return ProgressListener.NONE;
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(-1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" MB", 1L << 20)
                .setUpdateIntervalMillis(200)
                .setMaxRenderedLength(100)
                .setConsumer(new ConsoleProgressBarConsumer(stream))
                .showSpeed()
                .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                .hideEta()
                .startsFrom(0, Duration.ZERO)
                .build();
        current = bar;
        // Calls for one job never overlap (the executor serialises them), but several jobs may make up a phase:
        // the bar then shows the current job's bytes against its total.
        return (done, total) -> {
            bar.maxHint(total);
            bar.stepTo(done);
        };
    }

    /** Closes the current phase's bar, leaving it on screen at its final state. */
    void finish() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public void close() {
        finish();
    }
}
