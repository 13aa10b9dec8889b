package org.memmap4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import org.memmap4j.NDArray;

/**
 * Coverage-guided fuzzing of the .npz reader with Jazzer. Without {@code JAZZER_FUZZ} (as in {@code mvn verify})
 * the target replays its corpus in {@code NpzFuzzTestInputs/npzArchive}: NumPy-written seeds (stored, deflated,
 * zip64 or not) and every crash the fuzzer found. {@code scripts/fuzz} fuzzes.
 */
class NpzFuzzTest {

    /**
     * Opens an archive, lists its members, and reads every element of every member, stored (mapped) or deflated.
     * Inputs of even length inflate into memory, odd ones into temporary files, so that both paths are fuzzed.
     */
    @FuzzTest(maxDuration = "5m")
    void npzArchive(byte[] data) throws IOException {
        Path file = FuzzChecks.file(data);
        long inMemoryLimit = data.length % 2 == 0 ? Npz.DEFAULT_IN_MEMORY_LIMIT : 0;
        try (NpzFile npz = Npz.open(file, inMemoryLimit)) {
            assertThat(npz.files()).hasSameSizeAs(npz.members());
            for (NpzMember m : npz.members()) {
                assertThat(npz.member(m.name())).isEqualTo(m);
                try (NDArray a = npz.get(m.entryName())) {
                    FuzzChecks.readAll(a, m.header().shape());
                    assertThat(a.dtype()).isEqualTo(m.header().dtype());
                } catch (FormatException e) {
                    // Only deflated members are read again by get(): a stored one was fully checked by open().
                    assertThat(m.compressed()).as(e.getMessage()).isTrue();
                    FuzzChecks.checkMessage(e, file.toString());
                }
            }
        } catch (FormatException e) {
            FuzzChecks.checkMessage(e, file.toString());
        }
    }
}
