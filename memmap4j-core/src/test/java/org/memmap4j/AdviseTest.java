package org.memmap4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.Smaps;

/** NDArray.advise: the advice reaches the kernel (seen in /proc/self/smaps) and never changes an element. */
class AdviseTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    @BeforeEach
    void linux() {
        assumeTrue(Smaps.available(), "advice is observed through /proc/self/smaps (Linux): test skipped");
    }

    private Path file(String name, int bytes) throws Exception {
        Path f = dir.resolve(name);
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) (i % 251);
        }
        Files.write(f, b);
        return f;
    }

    @Test
    void sequentialAndRandomAdviceSetTheMappingsFlagsAndNormalClearsThem() throws Exception {
        try (NDArray a = MemMap.open(file("a.dat", 4 * MIB), DType.UINT8, Mode.READ_ONLY)) {
            long addr = a.segment().address();
            assertThat(Smaps.at(addr).flags()).doesNotContain("sr", "rr");
            a.advise(Advice.SEQUENTIAL);
            assertThat(Smaps.at(addr).flags()).contains("sr").doesNotContain("rr");
            a.advise(Advice.RANDOM);
            assertThat(Smaps.at(addr).flags()).contains("rr").doesNotContain("sr");
            a.advise(Advice.NORMAL);
            assertThat(Smaps.at(addr).flags()).doesNotContain("sr", "rr");
        }
    }

    @Test
    void adviceToAnUnalignedStridedViewCoversThePagesOfItsElements() throws Exception {
        // Offset 3: the mapping's first element is not on a page boundary, so madvise needs the start aligned down.
        try (NDArray a = MemMap.builder(file("b.dat", 4 * MIB + 3)).dtype(DType.INT16).mode(Mode.READ_ONLY).offset(3)
                .shape(2 * MIB).open()) {
            NDArray view = a.get("100001:1900001:7");
            long first = view.segment().address();
            long last = first + view.segment().byteSize() - 1;
            view.advise(Advice.RANDOM);
            assertThat(Smaps.at(first).flags()).contains("rr");
            assertThat(Smaps.at(last).flags()).contains("rr");
            assertThat(Smaps.at(a.segment().address()).flags()).as("pages before the view").doesNotContain("rr");
            for (Advice adv : Advice.values()) {
                view.advise(adv);
            }
            assertThat(view.getLong(0)).isEqualTo(a.getLong(100001));
        }
    }

    @Test
    void dontneedReleasesThePagesAndKeepsWhatWasWritten() throws Exception {
        Path f = dir.resolve("w.dat");
        try (NDArray a = MemMap.open(f, DType.UINT8, Mode.WRITE, 4 * MIB)) {
            a.fill(7L);
            long addr = a.segment().address();
            assertThat(Smaps.at(addr).rssKb()).isGreaterThanOrEqualTo(4096);
            a.advise(Advice.DONTNEED);
            assertThat(Smaps.at(addr).rssKb()).isLessThan(64);
            assertThat(a.getLong(0)).isEqualTo(7);
            assertThat(a.getLong(4 * MIB - 1)).isEqualTo(7);
        }
        byte[] b = Files.readAllBytes(f);
        assertThat(b).hasSize(4 * MIB).containsOnly(7);
    }

    @Test
    void willneedKeepsTheElements() throws Exception {
        Path f = file("r.dat", MIB);
        try (NDArray a = MemMap.open(f, DType.UINT8, Mode.READ_ONLY)) {
            a.advise(Advice.WILLNEED);
            assertThat(a.getLong(MIB - 1)).isEqualTo((MIB - 1) % 251);
        }
    }

    @Test
    void dontneedIsIgnoredForCopyOnWriteArraysWhosePrivateChangesItWouldDiscard() throws Exception {
        Path f = file("c.dat", MIB);
        try (NDArray a = MemMap.open(f, DType.UINT8, Mode.COPY_ON_WRITE)) {
            a.fill(200L);
            a.advise(Advice.DONTNEED);
            assertThat(a.getLong(12345)).isEqualTo(200);
        }
        assertThat(Files.readAllBytes(f)[12345]).isEqualTo((byte) (12345 % 251));
    }

    @Test
    void arraysInMemoryIgnoreAdviceAndKeepTheirElements() {
        NDArray m = NDArrays.zeros(DType.FLOAT64, MIB);
        m.fill(3.0);
        for (Advice adv : Advice.values()) {
            m.advise(adv);
        }
        assertThat(m.getDouble(MIB - 1)).isEqualTo(3.0);
        assertThat(m.getDouble(0)).isEqualTo(3.0);
    }

    @Test
    void emptyArraysTakeAdviceAndClosedOnesRefuseIt() throws Exception {
        Path f = dir.resolve("e.dat");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(8192);
        }
        NDArray a = MemMap.open(f, DType.UINT8, Mode.READ_WRITE);
        a.get("5:5").advise(Advice.DONTNEED);
        a.close();
        assertThatThrownBy(() -> a.advise(Advice.WILLNEED)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("e.dat").hasMessageContaining("is closed");
        assertThatThrownBy(() -> a.advise(null)).isInstanceOf(NullPointerException.class);
    }
}
