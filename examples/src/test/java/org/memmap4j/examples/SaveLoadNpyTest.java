package org.memmap4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;

class SaveLoadNpyTest {

    @TempDir
    Path dir;

    @Test
    void npyFilesAreNumPysBothWays() throws Exception {
        String out = ExampleRun.run(SaveLoadNpy::main, dir);
        // NumPy reads the files the example wrote and prints what the example printed.
        String numpy = NumPy.run("""
                import os
                os.chdir(sys.argv[1])
                loaded = np.load('file.npy')
                assert np.array_equal(loaded, np.arange(12.0).reshape(3, 4)) and loaded.dtype == np.float64
                print("np.load:")
                print(loaded)
                mapped = np.load('file.npy', mmap_mode='r')
                print(f"mmap_mode='r', row 1: {mapped[1]}")
                with open('file.npy', 'rb') as f:
                    version = np.lib.format.read_magic(f)
                    shape, fortran_order, dtype = np.lib.format.read_array_header_1_0(f)
                    offset = f.tell()
                print(f"header: dtype {dtype}, shape {shape}, data at byte {offset}")
                raw = np.memmap('file.npy', dtype=dtype, mode='r', shape=shape, offset=offset)
                print(f"np.memmap with offset {offset} equals np.load: {np.array_equal(raw, loaded)}")
                big = np.load('big.npy', mmap_mode='r')
                assert big.dtype == np.float32 and big.shape == (1000, 1000)
                assert np.all(big[::2] == 1.5) and np.all(big[1::2] == 0)
                print(f"big.npy: sum {np.sum(big)}")""", dir);
        assertThat(out).isEqualTo(numpy);
    }
}
