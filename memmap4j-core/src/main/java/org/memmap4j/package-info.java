/**
 * The array API: {@link org.memmap4j.NDArray} (a strided view over mapped or off-heap memory),
 * {@link org.memmap4j.DType}, {@link org.memmap4j.Mode}, {@link org.memmap4j.Order}, {@link org.memmap4j.Index},
 * and the factories {@link org.memmap4j.MemMap} (files) and {@link org.memmap4j.NDArrays} (memory).
 */
package org.memmap4j;
