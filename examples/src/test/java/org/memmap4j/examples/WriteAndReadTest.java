package org.memmap4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;

class WriteAndReadTest {

    @TempDir
    Path java;

    @TempDir
    Path numpy;

    /** The tutorial's code, printing what the example prints (the random flush data is checked separately). */
    static final String SEED = """
            import os
            os.chdir(sys.argv[1])
            mmap_write_data = np.memmap('write_data.dat', dtype='float64', mode='w+', shape=(10,))
            mmap_write_data[0] = 3.14159
            mmap_write_data[1] = 2.71828
            mmap_write_data[2:5] = [1.0, 2.0, 3.0]
            mmap_write_data[5:] = 9.99
            print(f"write_data: {mmap_write_data}")
            del mmap_write_data
            mmap_read = np.memmap('read_data.dat', dtype='int32', mode='w+', shape=(20,))
            mmap_read[:] = np.arange(20) * 10
            value_0 = mmap_read[0]
            value_10 = mmap_read[10]
            first_five = mmap_read[:5]
            last_five = mmap_read[-5:]
            even_values = mmap_read[mmap_read % 20 == 0]
            print(f"value_0: {value_0}")
            print(f"value_10: {value_10}")
            print(f"first_five: {first_five}")
            print(f"last_five: {last_five}")
            print(f"even_values: {even_values}")
            del mmap_read
            print("Data flushed to disk")
            """;

    @Test
    void writesAndReadsWhatNumPyWritesAndReads() throws Exception {
        String out = ExampleRun.run(WriteAndRead::main, java);
        assertThat(out).isEqualTo(NumPy.run(SEED, numpy));
        ExampleRun.assertSameFiles(java, numpy, "write_data.dat", "read_data.dat");
        // mmap_flush[:] = np.random.rand(100), flushed: 100 float32 values in [0, 1), not all alike.
        String flushed = NumPy.run("""
                f = np.fromfile(sys.argv[1], dtype=np.float32)
                print(f.size, bool(f.min() >= 0), bool(f.max() < 1), len(np.unique(f)) > 90)""", java.resolve("flush_data.dat"));
        assertThat(flushed).isEqualTo("100 True True True");
    }
}
