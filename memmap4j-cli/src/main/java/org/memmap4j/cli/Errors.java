package org.memmap4j.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Turns exceptions into the one line a user reads: what went wrong, and with which file. */
final class Errors {

    private Errors() {
    }

    static String message(Throwable ex) {
        if (ex instanceof java.io.UncheckedIOException e && e.getCause() != null) {
            return message(e.getCause()); // what a parallel job's chunk threw
        }
        if (ex instanceof java.nio.channels.ClosedByInterruptException || ex instanceof InterruptedException) {
            return "interrupted";
        }
        if (ex instanceof NoSuchFileException e) {
            return e.getFile() + ": " + (e.getReason() != null ? e.getReason() : "no such file");
        }
        if (ex instanceof FileAlreadyExistsException e) {
            return e.getFile() + ": file exists (use --force to replace it)";
        }
        if (ex instanceof AccessDeniedException e) {
            return e.getFile() + ": " + (e.getReason() != null ? e.getReason() : "permission denied");
        }
        if (ex instanceof FileSystemException e && e.getFile() != null) {
            return e.getFile() + ": " + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName());
        }
        if (ex instanceof OutOfMemoryError) {
            return "out of memory: " + ex.getMessage() + " (raise -Xmx through JAVA_OPTS, or select less data)";
        }
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
    }
}
