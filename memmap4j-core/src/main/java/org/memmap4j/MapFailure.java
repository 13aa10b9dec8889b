package org.memmap4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.memmap4j.internal.NativeIO;

/**
 * Explains a failed {@code FileChannel.map} ("Map failed": mmap said ENOMEM). The two usual causes have different
 * remedies, so the process's limits are read from /proc (Linux) to say which one was hit: the address-space limit
 * ({@code ulimit -v}) or the number of mappings ({@code vm.max_map_count}; each open array is one or a few).
 *
 * @param addressLimit the soft limit on the address space in bytes, or -1 if unlimited or unknown
 * @param addressUsed  the address space in use in bytes, or -1 if unknown
 * @param mappings     the mappings of this process, or -1 if unknown
 * @param maxMappings  the system's vm.max_map_count, or -1 if unknown
 */
record MapFailure(long addressLimit, long addressUsed, long mappings, long maxMappings) {

    /** Mappings this close to the limit count as the limit: the JVM maps too (thread stacks, code). */
    private static final long MAPPING_MARGIN = 64;

    /** {@return the limits of this process now, as far as /proc tells} */
    static MapFailure current() {
        return new MapFailure(readAddressLimit(), statusKb("VmSize:") * 1024, lineCount("/proc/self/maps"),
                readLong("/proc/sys/vm/max_map_count"));
    }

    /** {@return the exception for a mapping of {@code nbytes} of {@code file} that failed with {@code cause}} */
    IOException exception(Path file, long nbytes, Throwable cause) {
        String what = "cannot map " + nbytes + " bytes (" + NativeIO.human(nbytes) + ") of '" + file + "': " + cause.getMessage() + ". ";
        return new IOException(what + diagnosis(nbytes), cause);
    }

    String diagnosis(long nbytes) {
        if (maxMappings > 0 && mappings >= maxMappings - MAPPING_MARGIN) {
            return "The process has " + mappings + " memory mappings, the system's limit (vm.max_map_count=" + maxMappings
                    + "): close arrays no longer used, or raise the limit (sysctl -w vm.max_map_count=" + 4 * maxMappings + ")";
        }
        if (addressLimit > 0 && addressUsed >= 0 && addressUsed + nbytes > addressLimit) {
            return "The process's address space is limited to " + NativeIO.human(addressLimit) + " (ulimit -v) and " + NativeIO.human(addressUsed)
                    + " of it is in use: raise the limit (ulimit -v unlimited) or map less at once";
        }
        return "The process may have run out of address space or memory mappings: check ulimit -v (it should be "
                + "unlimited), raise vm.max_map_count (sysctl -w vm.max_map_count=262144), or close unused arrays";
    }

    private static long readAddressLimit() {
        for (String l : lines("/proc/self/limits")) {
            if (l.startsWith("Max address space")) {
                String soft = l.substring("Max address space".length()).strip().split("\\s+")[0];
                return soft.equals("unlimited") ? -1 : parse(soft);
            }
        }
        return -1;
    }

    private static long statusKb(String key) {
        for (String l : lines("/proc/self/status")) {
            if (l.startsWith(key)) {
                long kb = parse(l.substring(key.length()).replace("kB", "").strip());
                return kb < 0 ? -1 : kb;
            }
        }
        return -1;
    }

    private static long lineCount(String file) {
        List<String> l = lines(file);
        return l.isEmpty() ? -1 : l.size();
    }

    private static long readLong(String file) {
        List<String> l = lines(file);
        return l.isEmpty() ? -1 : parse(l.get(0).strip());
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();   // not Linux, or /proc not mounted: the generic advice is given
        }
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
