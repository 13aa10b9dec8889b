package org.memmap4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;

/**
 * Coverage-guided fuzzing of the .npy reader with Jazzer. Without {@code JAZZER_FUZZ} (as in {@code mvn verify})
 * each target replays its corpus in {@code NpyFuzzTestInputs/<target>}: NumPy-written seeds and every crash the
 * fuzzer found. {@code scripts/fuzz} fuzzes.
 */
class NpyFuzzTest {

    private static final String SOURCE = "fuzz.npy";

    /** The header parser alone, from memory: magic, version, length field, the dict's Python literal, validation. */
    @FuzzTest(maxDuration = "5m")
    void npyHeader(byte[] data) throws IOException {
        try {
            NpyHeader h = NpyHeaderReader.read(new ByteArrayInputStream(data), SOURCE);
            assertThat(h.dataOffset()).isLessThanOrEqualTo(data.length);
            assertThat(h.nbytes()).isNotNegative();
        } catch (FormatException e) {
            FuzzChecks.checkMessage(e, SOURCE);
        }
    }

    /**
     * Whole files: {@link Npy#readHeader}, {@link Npy#open} read-only and copy-on-write, and {@link Npy#load} agree,
     * and every element of what opens can be read.
     */
    @FuzzTest(maxDuration = "5m")
    void npyFile(byte[] data) throws IOException {
        Path file = FuzzChecks.file(data);
        NpyHeader h;
        try {
            h = Npy.readHeader(file);
        } catch (FormatException e) {
            FuzzChecks.checkMessage(e, file.toString());
            return;
        }
        assertThat(h.dataOffset() + h.nbytes()).isLessThanOrEqualTo(data.length);
        try (NDArray mapped = Npy.open(file, Mode.READ_ONLY); NDArray copy = Npy.load(file)) {
            FuzzChecks.readAll(mapped, h.shape());
            FuzzChecks.assertSameElements(mapped, copy);
        }
        try (NDArray cow = Npy.open(file, Mode.COPY_ON_WRITE)) {
            FuzzChecks.readAll(cow, h.shape());
        }
    }
}
