package org.memmap4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.format.Npy;
import org.memmap4j.testing.NumPy;

/**
 * Two JVMs and a NumPy process share one .npy file opened r+: each sees the others' flushed writes through the mapping
 * it already has, and with {@link ArrayLock} (Python: {@code fcntl.lockf}) for ordering, read-modify-write updates from
 * all three are never lost.
 */
class MultiProcessTest {

    private static final int N = 100_000;
    private static final int INCREMENTS = 300;

    @TempDir
    Path dir;

    private static Process startPeer(String... args) throws Exception {
        String[] cmd = new String[5 + args.length];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        cmd[1] = "--enable-native-access=ALL-UNNAMED";
        cmd[2] = "-cp";
        cmd[3] = System.getProperty("java.class.path");
        cmd[4] = Peer.class.getName();
        System.arraycopy(args, 0, cmd, 5, args.length);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Test
    void twoJvmsAndNumPySeeEachOthersFlushedWrites() throws Exception {
        NumPy.assume();
        Path f = dir.resolve("shared.npy");
        try (NDArray a = Npy.create(f, DType.INT64, Order.C, false, 3, N)) {
            for (int i = 0; i < N; i++) {
                a.setLong(1_000_000L + i, 0, i);
            }
            a.flush();
            Process peer = startPeer("rows", f.toString());
            BufferedReader peerOut = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
            PrintStream peerIn = new PrintStream(peer.getOutputStream(), true, StandardCharsets.UTF_8);
            assertThat(peerOut.readLine()).as("the other JVM sees this one's row").isEqualTo("row 0 true");
            assertThat(peerOut.readLine()).isEqualTo("wrote row 1");
            // Through the mapping this JVM opened before the other wrote:
            assertThat(a.getLong(1, 0)).isEqualTo(2_000_000L);
            assertThat(a.getLong(1, N - 1)).isEqualTo(2_000_000L + N - 1);

            assertThat(NumPy.run("a = np.load(sys.argv[1], mmap_mode='r+')\n"
                    + "n = int(sys.argv[2]); i = np.arange(n)\n"
                    + "ok = (np.array_equal(a[0], 1_000_000 + i), np.array_equal(a[1], 2_000_000 + i))\n"
                    + "a[2] = 3_000_000 + i\n"
                    + "a.flush()\n"
                    + "print(*ok)", f, N)).as("NumPy sees both JVMs' rows").isEqualTo("True True");
            assertThat(a.getLong(2, 0)).isEqualTo(3_000_000L);
            assertThat(a.getLong(2, N - 1)).isEqualTo(3_000_000L + N - 1);
            peerIn.println("check row 2");
            assertThat(peerOut.readLine()).as("the other JVM sees NumPy's row").isEqualTo("row 2 true");
            assertThat(peer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(peer.exitValue()).isZero();
        }
    }

    @Test
    void lockedIncrementsFromTwoJvmsAndNumPyAreNeverLost() throws Exception {
        NumPy.assume();
        Path f = dir.resolve("counter.npy");
        Npy.create(f, DType.INT64, Order.C, false, 1).close();
        Process peer = startPeer("count", f.toString(), Integer.toString(INCREMENTS));
        CompletableFuture<String> python = CompletableFuture.supplyAsync(() -> NumPy.run("import fcntl\n"
                + "a = np.load(sys.argv[1], mmap_mode='r+')\n"
                + "with open(sys.argv[1], 'r+b') as f:\n"
                + "    for _ in range(int(sys.argv[2])):\n"
                + "        fcntl.lockf(f, fcntl.LOCK_EX)\n"
                + "        a[0] += 1\n"
                + "        a.flush()\n"
                + "        fcntl.lockf(f, fcntl.LOCK_UN)\n"
                + "print('done')", f, INCREMENTS));
        try (NDArray a = Npy.open(f, Mode.READ_WRITE)) {
            Peer.increment(a, INCREMENTS);
        }
        assertThat(python.get(120, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(peer.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(peer.exitValue()).isZero();
        assertThat(NumPy.run("print(int(np.load(sys.argv[1])[0]))", f)).isEqualTo(Integer.toString(3 * INCREMENTS));
    }

    /** The other JVM. */
    public static final class Peer {
        private Peer() {
        }

        /** Adds 1 to element 0 under an exclusive lock, n times: a read-modify-write that needs the lock. */
        static void increment(NDArray a, int n) throws Exception {
            for (int i = 0; i < n; i++) {
                try (ArrayLock lock = ArrayLock.exclusive(a)) {
                    long v = a.getLong(0);
                    Thread.onSpinWait();
                    a.setLong(v + 1, 0);
                    a.flush();
                }
            }
        }

        /**
         * Runs the other JVM: {@code rows <file>} checks row 0, writes row 1, then on a line from stdin checks row 2;
         * {@code count <file> <n>} increments the counter n times.
         *
         * @param args the command and its arguments
         * @throws Exception if something fails
         */
        public static void main(String[] args) throws Exception {
            Path f = Path.of(args[1]);
            try (NDArray a = Npy.open(f, Mode.READ_WRITE)) {
                if (args[0].equals("count")) {
                    increment(a, Integer.parseInt(args[2]));
                    return;
                }
                System.out.println("row 0 " + rowIs(a, 0, 1_000_000L));
                for (int i = 0; i < N; i++) {
                    a.setLong(2_000_000L + i, 1, i);
                }
                a.flush();
                System.out.println("wrote row 1");
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                System.out.println("row 2 " + rowIs(a, 2, 3_000_000L));
            }
        }

        private static boolean rowIs(NDArray a, int row, long base) {
            for (int i = 0; i < N; i++) {
                if (a.getLong(row, i) != base + i) {
                    return false;
                }
            }
            return true;
        }
    }
}
