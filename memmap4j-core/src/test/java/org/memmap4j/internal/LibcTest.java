package org.memmap4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.SmallTmpfs;

/** The downcalls themselves: what the kernel answers, which the fallbacks and messages rely on. */
class LibcTest {

    @TempDir
    Path dir;

    @Test
    void fallocateOnTmpfsFailsWithEnospcBeyondItsSizeAndSucceedsWithin() throws Exception {
        Libc libc = Libc.load();
        try (SmallTmpfs fs = SmallTmpfs.mount(dir, 1 << 20)) {
            Path f = Files.createFile(fs.dir().resolve("f"));
            assertThat(libc.fallocate(f.toString(), 0, 4 << 20)).isEqualTo(Libc.ENOSPC);
            assertThat(libc.fallocate(f.toString(), 0, 512 << 10)).isZero();
            assertThat(Files.size(f)).isEqualTo(512 << 10);
            assertThat(fs.usedBytes()).isGreaterThanOrEqualTo(512 << 10);
        }
    }

    @Test
    void fallocateReportsAMissingFileByItsErrno() {
        assertThat(Libc.load().fallocate(dir.resolve("missing").toString(), 0, 10)).isEqualTo(2);  // ENOENT
    }

    @Test
    void fallocateOpensNonAsciiNamesAsJavaDoes() throws Exception {
        Path f = Files.createFile(dir.resolve("données-日本.dat"));
        assertThat(Libc.load().fallocate(f.toString(), 0, 8192)).isZero();
        assertThat(Files.size(f)).isEqualTo(8192);
    }
}
