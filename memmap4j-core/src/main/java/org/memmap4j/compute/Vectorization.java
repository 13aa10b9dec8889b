package org.memmap4j.compute;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Chooses between Vector API kernels and scalar ones, as Lucene's VectorizationProvider does: the Vector API is an
 * incubator module that the JVM loads only with {@code --add-modules jdk.incubator.vector}, so vector kernels live
 * in classes that are loaded by name only when the module is present. Without it, or with
 * {@code -Dmemmap4j.vector=false}, the scalar kernels run and one warning says how to get the fast ones.
 */
final class Vectorization {

    /** True if jdk.incubator.vector is in the boot layer and not disabled. */
    static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("memmap4j.vector", "true"))
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private Vectorization() {
    }

    /**
     * Returns an instance of the named vector implementation of {@code type} when the Vector API is available,
     * else {@code scalar}.
     */
    static <T> T load(Class<T> type, String vectorClassName, T scalar) {
        if (!ENABLED) {
            warnOnce();
            return scalar;
        }
        try {
            Class<?> c = Class.forName(vectorClassName, true, Vectorization.class.getClassLoader());
            return type.cast(c.getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException | LinkageError e) {
            System.getLogger("org.memmap4j").log(System.Logger.Level.WARNING,
                    "cannot load vector kernels " + vectorClassName + ", using scalar ones: " + e);
            return scalar;
        }
    }

    private static void warnOnce() {
        if (WARNED.compareAndSet(false, true) && !"false".equals(System.getProperty("memmap4j.vector"))) {
            System.getLogger("org.memmap4j").log(System.Logger.Level.WARNING,
                    "jdk.incubator.vector is not enabled: memmap4j uses scalar kernels. "
                            + "Run java with --add-modules jdk.incubator.vector for full speed.");
        }
    }
}
