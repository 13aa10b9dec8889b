package org.memmap4j.exec;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A service that makes {@link ChunkExecutor}s of a named engine that is not part of the core, such as
 * {@code spark} in the optional memmap4j-spark module. Found with {@link ServiceLoader}, so that a program (the
 * CLI's {@code --engine}) can offer the engine without depending on it at compile time: the engine is available
 * exactly when its module and dependencies are on the class path.
 */
public interface EngineProvider {

    /** Setting: where the engine runs, e.g. {@code local[4]} or {@code spark://host:7077} for Spark. */
    String MASTER = "master";
    /** Setting: the target input bytes per chunk, a decimal number (default {@link ChunkExecutor#DEFAULT_CHUNK_BYTES}). */
    String CHUNK_BYTES = "chunkBytes";
    /** Setting: extra class path entries (jar files, separated by the path separator) that tasks need on workers. */
    String JARS = "jars";

    /** {@return the engine's name, as users type it (lower case, e.g. {@code spark})} */
    String name();

    /**
     * Starts an executor of this engine; close it when done.
     *
     * @param settings engine settings: the keys defined here, and engine-specific ones (documented by the engine);
     *                 absent keys take the engine's defaults
     * @return the executor
     * @throws IllegalArgumentException if a setting is invalid
     */
    ChunkExecutor open(Map<String, String> settings);

    /**
     * Finds the provider of an engine on the class path (or module path).
     *
     * @param name the engine's name
     * @return the provider, or empty if no module on the path provides it
     */
    static Optional<EngineProvider> find(String name) {
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class, EngineProvider.class.getClassLoader())) {
            if (p.name().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
