/** JMH benchmarks of memmap4j's kernels, and the runner that scripts/bench-vs-numpy times against NumPy. */
package org.memmap4j.bench;
