package org.memmap4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;

class ModesTest {

    @TempDir
    Path java;

    @TempDir
    Path numpy;

    /** The tutorial's code for the four modes, printing what the example prints. */
    static final String SEED = """
            import os
            os.chdir(sys.argv[1])
            initial_data = np.memmap('readonly_data.dat', dtype='int32', mode='w+', shape=(50,))
            initial_data[:] = np.arange(50)
            initial_data.flush()
            del initial_data
            mmap_readonly = np.memmap('readonly_data.dat', dtype='int32', mode='r', shape=(50,))
            print(f"First 5 values: {mmap_readonly[:5]}")
            try:
                mmap_readonly[0] = 10
            except ValueError as e:
                print(f"Writing in mode r: {e}")
            original = np.memmap('cow_data.dat', dtype='float64', mode='w+', shape=(30,))
            original[:] = np.linspace(0, 1, 30)
            original.flush()
            del original
            mmap_cow = np.memmap('cow_data.dat', dtype='float64', mode='c', shape=(30,))
            mmap_cow[0] = 999.0
            on_disk = np.memmap('cow_data.dat', dtype='float64', mode='r', shape=(30,))
            print(f"mode c: mmap_cow[0] = {mmap_cow[0]}, file[0] = {on_disk[0]}")
            existing = np.memmap('readwrite_data.dat', dtype='int64', mode='w+', shape=(40,))
            existing[:] = np.arange(40) ** 2
            existing.flush()
            del existing
            mmap_rw = np.memmap('readwrite_data.dat', dtype='int64', mode='r+', shape=(40,))
            mmap_rw[10:20] = 0
            mmap_rw.flush()
            del mmap_rw
            print(f"mode r+: readwrite_data = {np.memmap('readwrite_data.dat', dtype='int64', mode='r', shape=(40,))}")
            mmap_new = np.memmap('new_data.dat', dtype='float32', mode='w+', shape=(100, 100))
            mmap_new[:] = np.random.randn(100, 100)
            mmap_new.flush()
            print(f"mode w+: new_data.dat {mmap_new.shape} {mmap_new.dtype}")
            """;

    @Test
    void eachModeBehavesAsInNumPy() throws Exception {
        List<String> out = ExampleRun.lines(ExampleRun.run(Modes::main, java));
        List<String> want = ExampleRun.lines(NumPy.run(SEED, numpy));
        assertThat(out).hasSameSizeAs(want);
        for (int i = 0; i < want.size(); i++) {
            if (want.get(i).startsWith("Writing in mode r: ")) {
                // NumPy's message, then how to fix it: "... (mode r); open it with mode r+ to write ..."
                assertThat(out.get(i)).startsWith(want.get(i)).contains("readonly_data.dat");
            } else {
                assertThat(out.get(i)).isEqualTo(want.get(i));
            }
        }
        // Copy-on-write left the file as written; r+ changed it.
        ExampleRun.assertSameFiles(java, numpy, "readonly_data.dat", "cow_data.dat", "readwrite_data.dat");
        // mmap_new[:] = np.random.randn(100, 100): standard normal float32 values.
        String normal = NumPy.run("""
                a = np.fromfile(sys.argv[1], dtype=np.float32)
                print(a.size, bool(abs(a.mean()) < 0.05), bool(abs(a.std() - 1) < 0.05))""", java.resolve("new_data.dat"));
        assertThat(normal).isEqualTo("10000 True True");
    }
}
