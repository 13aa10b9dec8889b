package org.memmap4j.spark;

import org.apache.spark.SparkConf;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * The one Spark context of the test JVM (Spark allows one per JVM), local[2], shared by every test class and
 * stopped when the JVM exits. Local mode serializes every task and every result, so tasks whose arrays are not
 * shippable fail here exactly as on a cluster; deserialized {@link org.memmap4j.exec.ArrayRef}s map their files
 * again, as on a cluster node.
 */
final class SharedSpark {

    private static JavaSparkContext sc;
    private static final AtomicInteger JOBS = new AtomicInteger();

    private SharedSpark() {
    }

    static synchronized JavaSparkContext context() {
        if (sc == null) {
            SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("memmap4j-test")
                    .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.ui.enabled", "false");
            sc = new JavaSparkContext(conf);
            JavaSparkContext s = sc;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
            sc.sc().addSparkListener(new SparkListener() {
                @Override
                public void onJobStart(SparkListenerJobStart jobStart) {
                    JOBS.incrementAndGet();
                }
            });
        }
        return sc;
    }

    /** {@return how many Spark jobs have started on the shared context (as heard so far)} */
    static int jobs() {
        context();
        return JOBS.get();
    }

    /**
     * Waits until more than n jobs have been heard of (listeners hear events asynchronously, after the job ran),
     * for up to 10 seconds.
     *
     * @return the number of jobs heard of
     */
    static int jobsAbove(int n) throws InterruptedException {
        for (int i = 0; i < 200 && jobs() <= n; i++) {
            Thread.sleep(50);
        }
        return jobs();
    }

    /** An executor on the shared context (closing it leaves the context running). */
    static SparkExecutor executor(long chunkBytes) {
        return SparkExecutor.on(context(), chunkBytes);
    }
}
