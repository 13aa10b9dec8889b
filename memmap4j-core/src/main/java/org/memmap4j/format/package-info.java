/** NumPy file formats: .npy (mapped in place), .npz (stored members mapped, deflated ones inflated) and raw binary. */
package org.memmap4j.format;
