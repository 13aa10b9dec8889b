package org.memmap4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code memmap4j} command: inspect, show and create NumPy-compatible memory-mapped arrays.
 *
 * <p>Exit codes: 0 on success, 1 on an error (one line on stderr; a stack trace only with {@code --debug}),
 * 2 on a usage error.
 */
@Command(name = "memmap4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Memory-mapped NumPy arrays (.npy, .npz, raw binary) from the JVM.",
        subcommands = {InfoCommand.class, ShowCommand.class, CreateCommand.class, DemoCommand.class,
                SensorCommand.class, StatsCommand.class, ConvertCommand.class, PlotCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Creates the top-level command; use {@link #main} or {@link #run} to execute it. */
    public Main() {
    }

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line with the given output streams and returns the exit code (for tests and embedding).
     *
     * @param args the arguments
     * @param out  standard output
     * @param err  standard error
     * @return 0 on success, 1 on an error, 2 on a usage error
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        // A SLICE such as "-1" or "-5::3" is typed as a user would; it must not be taken for an option.
        cl.setUnmatchedOptionsArePositionalParams(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            if (debug) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().println("memmap4j: " + Errors.message(ex));
            commandLine.getErr().flush();
            return 1;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("memmap4j: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            c.getErr().flush();
            return 2;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: one of info, show, create, demo, sensor, stats, convert, plot");
    }

    /** Reports the version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"memmap4j " + (v == null ? "dev" : v)};
        }
    }
}
