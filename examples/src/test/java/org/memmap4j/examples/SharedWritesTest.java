package org.memmap4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;

class SharedWritesTest {

    @TempDir
    Path java;

    @TempDir
    Path numpy;

    @Test
    void aWriteIsSeenByOtherMappingsAndPlainReadsBeforeFlushAsInNumPy() throws Exception {
        String out = ExampleRun.run(SharedWrites::main, java);
        String want = NumPy.run("""
                import os
                os.chdir(sys.argv[1])
                np.memmap('file.dat', dtype='float32', mode='w+', shape=(1000, 1000)).flush()
                memmap_array = np.memmap('file.dat', dtype='float32', mode='r+', shape=(1000, 1000))
                other = np.memmap('file.dat', dtype='float32', mode='r', shape=(1000, 1000))
                memmap_array[0, 0] = 42
                print(f"other mapping, [0, 0]: {other[0, 0]}")
                print(f"plain read of the file: {np.fromfile('file.dat', dtype='float32', count=1)}")
                memmap_array.flush()""", numpy);
        assertThat(out).isEqualTo(want);
        ExampleRun.assertSameFiles(java, numpy, "file.dat");
    }
}
