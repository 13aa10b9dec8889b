/**
 * Out-of-core computation with NumPy's names and semantics: {@link org.memmap4j.compute.Compute} is the entry
 * point (reductions, order statistics, masks, several-array operations, generators) and
 * {@link org.memmap4j.compute.Expr} builds fused elementwise expressions. Work runs in chunks on a
 * {@link org.memmap4j.exec.ChunkExecutor}; heap use does not grow with the arrays.
 */
package org.memmap4j.compute;
