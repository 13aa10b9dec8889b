package org.memmap4j.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the kernel records about one mapping of this process (Linux /proc/self/smaps): its advice flags
 * ({@code sr} sequential, {@code rr} random) and its resident size. Lets tests see that advice reached the kernel.
 *
 * @param flags the VmFlags of the mapping
 * @param rssKb its resident set, in KiB
 */
public record Smaps(Set<String> flags, long rssKb) {

    /** {@return true if /proc/self/smaps can be read here} */
    public static boolean available() {
        return Files.isReadable(Path.of("/proc/self/smaps"));
    }

    /**
     * Returns the mapping (VMA) that contains an address.
     *
     * @param address an address inside a mapping of this process
     * @return its flags and resident size
     * @throws IllegalStateException if no mapping contains it
     */
    public static Smaps at(long address) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int dash = l.indexOf('-');
            int space = l.indexOf(' ');
            if (dash <= 0 || space <= dash || !isHex(l.substring(0, dash))) {
                continue;
            }
            long lo = Long.parseUnsignedLong(l.substring(0, dash), 16);
            long hi = Long.parseUnsignedLong(l.substring(dash + 1, space), 16);
            if (Long.compareUnsigned(address, lo) < 0 || Long.compareUnsigned(address, hi) >= 0) {
                continue;
            }
            long rss = -1;
            for (int j = i + 1; j < lines.size(); j++) {
                String f = lines.get(j);
                if (f.startsWith("Rss:")) {
                    rss = Long.parseLong(f.substring(4).replace("kB", "").strip());
                } else if (f.startsWith("VmFlags:")) {
                    return new Smaps(Set.of(f.substring(8).strip().split("\\s+")), rss);
                }
            }
        }
        throw new IllegalStateException("no mapping contains 0x" + Long.toHexString(address));
    }

    private static boolean isHex(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
