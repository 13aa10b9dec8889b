package org.memmap4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;

class MemmapParametersTest {

    @TempDir
    Path java;

    @TempDir
    Path numpy;

    /** The tutorial's code (with data.dat and data_rw.dat created first) and the lines the example prints. */
    static final String SEED = """
            import os
            os.chdir(sys.argv[1])
            def describe(name, a):
                print(f"{name}: mode {a.mode}, dtype {a.dtype}, shape {a.shape}, {os.path.getsize(name)} bytes")
            mmap_float = np.memmap('data_float.dat', dtype='float64', mode='w+', shape=(100,))
            print(f"Float array dtype: {mmap_float.dtype}")
            np.memmap('data.dat', dtype='int32', mode='w+', shape=(50,)).flush()
            np.memmap('data_rw.dat', dtype='float32', mode='w+', shape=(50,)).flush()
            mmap_readonly = np.memmap('data.dat', dtype='int32', mode='r', shape=(50,))
            mmap_readwrite = np.memmap('data_rw.dat', dtype='float32', mode='r+', shape=(50,))
            mmap_write = np.memmap('data_new.dat', dtype='int64', mode='w+', shape=(50,))
            describe('data.dat', mmap_readonly)
            describe('data_rw.dat', mmap_readwrite)
            describe('data_new.dat', mmap_write)
            mmap_1d = np.memmap('array_1d.dat', dtype='float32', mode='w+', shape=(1000,))
            mmap_2d = np.memmap('array_2d.dat', dtype='int32', mode='w+', shape=(100, 50))
            mmap_3d = np.memmap('array_3d.dat', dtype='float64', mode='w+', shape=(10, 20, 30))
            describe('array_1d.dat', mmap_1d)
            describe('array_2d.dat', mmap_2d)
            describe('array_3d.dat', mmap_3d)
            mmap_offset = np.memmap('data_offset.dat', dtype='float32', mode='w+', shape=(100,), offset=1024)
            print(f"Array starts at byte offset: {mmap_offset.offset}")
            del mmap_offset
            print(f"data_offset.dat: {os.path.getsize('data_offset.dat')} bytes")
            """;

    @Test
    void printsWhatNumPyPrintsAndMakesTheSameFiles() throws Exception {
        String out = ExampleRun.run(MemmapParameters::main, java);
        assertThat(out).isEqualTo(NumPy.run(SEED, numpy));
        assertThat(ExampleRun.fileNames(java)).containsExactlyElementsOf(ExampleRun.fileNames(numpy));
        ExampleRun.assertSameFiles(java, numpy, ExampleRun.fileNames(numpy).toArray(String[]::new));
    }
}
