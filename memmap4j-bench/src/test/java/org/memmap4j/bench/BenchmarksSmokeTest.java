package org.memmap4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Keeps the benchmarks from rotting: runs every one through JMH, in this JVM, for one invocation on tiny inputs
 * (setup, the operation, teardown), with 2 threads and chunks of a few elements so that chunk boundaries are
 * crossed, on every dtype the benchmarks take. A benchmark that throws fails the test.
 */
class BenchmarksSmokeTest {

    private static final List<Class<?>> BENCHMARKS = List.of(BaselineBench.class, ReduceBench.class,
            ElementwiseBench.class, MaskBench.class, QuantileBench.class, HistogramBench.class, GeneratorBench.class,
            LinalgBench.class);

    @Test
    void everyBenchmarkRunsOnATinyInput() throws RunnerException {
        Options opts = new OptionsBuilder()
                .include("org\\.memmap4j\\.bench\\..*")
                .forks(0) // in this JVM: its kernels are the vector ones (the surefire argLine adds the module)
                .mode(Mode.SingleShotTime)
                .warmupIterations(0)
                .measurementIterations(1)
                .param("n", "4096")
                .param("threads", "2")
                .param("vector", "true")
                .param("chunkBytes", "1000")
                .param("dtype", "float32", "float64", "int32")
                .param("cols", "64")
                .param("groups", "8")
                .param("vars", "5")
                .param("obs", "1000")
                .param("size", "24")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();

        Collection<RunResult> results = new Runner(opts).run();

        Set<String> ran = results.stream().map(r -> r.getParams().getBenchmark()).collect(Collectors.toSet());
        assertThat(ran).containsExactlyInAnyOrderElementsOf(declared());
        // Three dtypes where a benchmark takes them, one run otherwise.
        long withDtype = results.stream().filter(r -> r.getParams().getParam("dtype") != null).count();
        assertThat(withDtype % 3).isZero();
        assertThat(withDtype).isPositive();
    }

    private static Set<String> declared() {
        return BENCHMARKS.stream()
                .flatMap(c -> Arrays.stream(c.getMethods())
                        .filter(m -> m.isAnnotationPresent(Benchmark.class))
                        .map(Method::getName)
                        .map(m -> c.getName() + "." + m))
                .collect(Collectors.toSet());
    }
}
