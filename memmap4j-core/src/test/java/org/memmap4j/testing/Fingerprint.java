package org.memmap4j.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What proves a file unchanged: its SHA-256, size and modification time.
 *
 * @param sha256   the content's digest, in hex
 * @param size     the size in bytes
 * @param modified the modification time
 */
public record Fingerprint(String sha256, long size, FileTime modified) {

    /** {@return the fingerprint of a file} */
    public static Fingerprint of(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            return new Fingerprint(HexFormat.of().formatHex(md.digest()), Files.size(file), Files.getLastModifiedTime(file));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** {@return the fingerprints of files, in order} */
    public static Map<Path, Fingerprint> of(Path... files) throws IOException {
        Map<Path, Fingerprint> m = new LinkedHashMap<>();
        for (Path f : files) {
            m.put(f, of(f));
        }
        return m;
    }
}
