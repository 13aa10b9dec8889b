package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.memmap4j.compute.ExprTesting.SMALL;
import static org.memmap4j.compute.ExprTesting.assertClose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.memmap4j.NDArray;
import org.memmap4j.testing.NumPyBatch;

/**
 * A batch of expression cases against NumPy: what NumPy runs, what memmap4j evaluates (on small chunks and two
 * threads), and the ulps allowed. Where NumPy raises, memmap4j must refuse with an IllegalArgumentException.
 */
final class ExprCases {

    private record Case(int index, Supplier<Expr> expr, int ulps) {
    }

    private final NumPyBatch batch;
    private final String name;
    private final List<Case> cases = new ArrayList<>();

    /** A batch whose files live in dir, reporting under name. */
    ExprCases(Path dir, String name) {
        this.batch = new NumPyBatch(dir);
        this.name = name;
    }

    /** Writes an array for NumPy to read; returns the Python expression for it. */
    String input(NDArray a) {
        return batch.input(a);
    }

    /** Adds a case: the Python code (setting r) and the expression that must give the same. */
    void add(String python, Supplier<Expr> expr, int ulps) {
        cases.add(new Case(batch.add(python), expr, ulps));
    }

    /** Runs NumPy on every case and compares; reports the largest distance of the inexact complex ones. */
    void check() {
        List<NumPyBatch.Result> results = batch.run();
        int compared = 0;
        int raised = 0;
        for (Case c : cases) {
            NumPyBatch.Result r = results.get(c.index());
            if (!r.ok()) {
                raised++;
                assertThatThrownBy(() -> SMALL.eval(c.expr().get())).as("NumPy raised %s: %s for %s", r.error(), r.message(), r.code())
                        .isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            NDArray got;
            try {
                got = SMALL.eval(c.expr().get());
            } catch (RuntimeException e) {
                throw new AssertionError("memmap4j raised " + e + " where NumPy gave " + r.dtype() + " for " + r.label(), e);
            }
            assertClose(got, r, c.ulps());
            if (c.ulps() > 0 && got.dtype().kind().isComplex()) {
                long worst = ExprTesting.assertComplexWithin(got, r.array(), c.ulps(), r.label());
                System.out.println(name + ": worst " + worst + " ulps for " + r.label());
            }
            compared++;
        }
        assertThat(compared).as("cases compared").isGreaterThan(0);
        System.out.println(name + ": " + compared + " results compared, " + raised + " errors matched");
        cases.clear();
    }
}
