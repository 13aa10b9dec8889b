package org.memmap4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\","
            + "\"Unit\",\"Param: dtype\",\"Param: threads\",\"Param: vector\"";

    private static String line(String bench, double score, double error, String dtype, int threads, String vector) {
        return "\"org.memmap4j.bench." + bench + "\",\"thrpt\",1,3," + score + "," + error + ",\"ops/s\"," + dtype + ","
                + threads + "," + vector;
    }

    @Test
    void comparesWithTheBaselineOfTheSameThreadsAndWithTheScalarRun() {
        List<String> vectorRun = List.of(HEADER,
                line("BaselineBench.scalarLoopSum", 40, 1, "", 1, ""),
                line("BaselineBench.scalarLoopSum:gb", 10, 0.5, "", 1, ""),
                line("BaselineBench.scalarLoopSum:gb", 16, 0.5, "", 2, ""),
                line("ReduceBench.sum", 50, 2, "float32", 2, "true"),
                line("ReduceBench.sum:gb", 12, 0.25, "float32", 2, "true"),
                line("ReduceBench.sum", 25, 2, "float32", 1, "true"),
                line("ReduceBench.sum:gb", 8, Double.NaN, "float32", 1, "true"),
                line("MaskBench.sumWhere:gb", 5, 0.1, "float32", 1, "true"));
        List<String> scalarRun = List.of(HEADER,
                line("ReduceBench.sum:gb", 2, 0.1, "float32", 1, "false"),
                line("ReduceBench.sum:gb", 1, 0.1, "int32", 1, "false"));

        String table = Report.table(java.util.stream.Stream.concat(vectorRun.stream(), scalarRun.stream()).toList());

        assertThat(table.lines()).containsExactly(
                "| kernel | dtype | threads | ms/op | GB/s | % of baseline | scalar GB/s | vector / scalar |",
                "| --- | --- | --- | --- | --- | --- | --- | --- |",
                "| BaselineBench.scalarLoopSum | float32 | 1 |  | 10.00 ± 0.50 | 100 % |  |  |",
                "| BaselineBench.scalarLoopSum | float32 | 2 |  | 16.00 ± 0.50 | 100 % |  |  |",
                "| ReduceBench.sum | float32 | 1 | 40 | 8.00 | 80 % | 2.00 ± 0.10 | 4.00x |",
                "| ReduceBench.sum | float32 | 2 | 20 | 12.00 ± 0.25 | 75 % |  |  |",
                "| ReduceBench.sum | int32 | 1 |  |  |  | 1.00 ± 0.10 |  |",
                "| MaskBench.sumWhere | float32 | 1 |  | 5.00 ± 0.10 | 50 % |  |  |");
    }

    @Test
    void refusesLinesBeforeAHeader() {
        assertThatThrownBy(() -> Report.table(List.of(line("ReduceBench.sum", 1, 1, "float32", 1, "true"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a JMH CSV file");
    }
}
