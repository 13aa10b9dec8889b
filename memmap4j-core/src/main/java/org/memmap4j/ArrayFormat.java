package org.memmap4j;

import org.memmap4j.internal.Elements;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * repr() and str() of arrays exactly as NumPy 2.4 prints them (numpy/_core/arrayprint.py with the default print
 * options: precision 8, threshold 1000, edgeitems 3, linewidth 75, floatmode 'maxprec', sign '-').
 *
 * <p>Kept apart from {@link NDArray} because the rules are long and all NumPy's: element formats are chosen from
 * the elements that will be printed, rows wrap at the line width with NumPy's hanging indent, and arrays of more
 * than 1000 elements are summarised with "...". Summarised printing reads only the corner elements it shows, so
 * printing a huge memmap touches a few pages and never copies it.
 */
final class ArrayFormat {

    static final int LINE_WIDTH = 75;
    static final int THRESHOLD = 1000;
    static final int EDGE_ITEMS = 3;

    private ArrayFormat() {
    }

    /**
     * Returns NumPy's {@code repr(a)}: {@code array([1., 2.])}, or {@code memmap(...)} for a file-backed array, with
     * {@code shape=} and {@code dtype=} suffixes exactly when NumPy adds them. An empty view of a file prints as
     * {@code array([], ...)}: NumPy's memmap turns slices that share no bytes with the file into plain arrays.
     */
    static String repr(NDArray a) {
        a.checkOpen();
        String prefix = a.file().isPresent() && a.size() > 0 ? "memmap(" : "array(";
        // NumPy reserves room for the closing ')' on the last line.
        String body = a.size() == 0 ? "[]" : new Printer(a, ", ", prefix.length()).print(LINE_WIDTH - 1);
        List<String> extras = new ArrayList<>(2);
        if (a.size() == 0 && a.ndim() != 1 || a.size() > THRESHOLD) {
            extras.add("shape=" + NDArrays.shapeString(a.shape));
        }
        if (a.size() == 0 || !dtypeImplied(a.dtype())) {
            extras.add("dtype=" + a.dtype());
        }
        if (extras.isEmpty()) {
            return prefix + body + ")";
        }
        String arr = prefix + body + ",";
        String extra = String.join(", ", extras) + ")";
        int lastLine = arr.length() - (arr.lastIndexOf('\n') + 1);
        String spacer = lastLine + extra.length() + 1 > LINE_WIDTH ? "\n" + " ".repeat(prefix.length()) : " ";
        return arr + spacer + extra;
    }

    /** Returns NumPy's {@code str(a)}: {@code [1. 2. 3.]}; a 0-d array prints as its scalar ({@code 5.0}). */
    static String str(NDArray a) {
        a.checkOpen();
        if (a.ndim() == 0) {
            try {
                return scalarStr(a.seg, a.offset, a.dtype);
            } catch (IllegalStateException e) {
                throw a.translate(e);
            } catch (InternalError e) {
                throw NDArray.fault(e, a);
            }
        }
        return a.size() == 0 ? "[]" : new Printer(a, " ", 0).print(LINE_WIDTH);
    }

    /** NumPy omits the dtype from repr for the types its literals produce by default, in native order. */
    private static boolean dtypeImplied(DType t) {
        return t.isNativeOrder() && switch (t.kind()) {
            case BOOL, INT64, FLOAT64, COMPLEX128 -> true;
            default -> false;
        };
    }

    /** The real kind that formats one part of a complex kind, or the kind itself. */
    private static DType.Kind componentKind(DType.Kind k) {
        return switch (k) {
            case COMPLEX64 -> DType.Kind.FLOAT32;
            case COMPLEX128 -> DType.Kind.FLOAT64;
            default -> k;
        };
    }

    private static String scalarStr(MemorySegment seg, long off, DType t) {
        DType.Kind k = t.kind();
        if (k.isBool()) {
            return Elements.getBoolean(seg, off, t) ? "True" : "False";
        }
        if (k.isInteger()) {
            return intStr(Elements.getLong(seg, off, t), k);
        }
        if (k.isComplex()) {
            return FloatFormat.complexScalarStr(Elements.getDouble(seg, off, t), Elements.getImag(seg, off, t),
                    componentKind(k));
        }
        return FloatFormat.scalarStr(Elements.getDouble(seg, off, t), k);
    }

    private static String intStr(long v, DType.Kind k) {
        return k == DType.Kind.UINT64 ? Long.toUnsignedString(v) : Long.toString(v);
    }

    /**
     * One printing of one array (NumPy's _array2string and _formatArray). The elements to show form a grid: along
     * each axis either every index, or, when summarising an axis longer than 2 * EDGE_ITEMS, its first and last
     * EDGE_ITEMS. Only grid elements are read; their texts are formatted first, with one format for all of them.
     */
    private static final class Printer {
        private final long[] shape;
        private final int ndim;
        private final boolean summarise;
        private final String separator;
        private final String separatorEnd;
        private final String nextLinePrefix;
        /** Per axis: the number of grid positions, and the grid offset between neighbours along it. */
        private final int[] counts;
        private final int[] gridStrides;
        private final String[] words;

        Printer(NDArray a, String separator, int prefixLength) {
            this.shape = a.shape;
            this.ndim = shape.length;
            this.summarise = a.size() > THRESHOLD;
            this.separator = separator;
            this.separatorEnd = separator.stripTrailing();
            this.nextLinePrefix = " ".repeat(1 + prefixLength);
            this.counts = new int[ndim];
            this.gridStrides = new int[ndim];
            long[][] indices = new long[ndim][];
            long cells = 1;
            for (int ax = ndim - 1; ax >= 0; ax--) {
                indices[ax] = shownIndices(shape[ax]);
                counts[ax] = indices[ax].length;
                gridStrides[ax] = (int) cells;
                cells *= counts[ax];
                if (cells > Integer.MAX_VALUE - 8) {
                    // Only shapes with many short axes get here; NumPy would print them all, a String[] cannot.
                    throw new UnsupportedOperationException("array too large to print: " + NDArrays.shapeString(shape));
                }
            }
            try {
                this.words = formatAll(a, gridOffsets(a, indices, (int) cells));
            } catch (IllegalStateException e) {
                throw a.translate(e);
            } catch (InternalError e) {
                throw NDArray.fault(e, a);
            }
        }

        private long[] shownIndices(long length) {
            if (summarise && length > 2L * EDGE_ITEMS) {
                long[] r = new long[2 * EDGE_ITEMS];
                for (int i = 0; i < EDGE_ITEMS; i++) {
                    r[i] = i;
                    r[EDGE_ITEMS + i] = length - EDGE_ITEMS + i;
                }
                return r;
            }
            long[] r = new long[(int) length];
            for (int i = 0; i < r.length; i++) {
                r[i] = i;
            }
            return r;
        }

        /** Byte offsets of the grid elements, in C order of the grid. */
        private static long[] gridOffsets(NDArray a, long[][] indices, int cells) {
            long[] offsets = new long[cells];
            int[] pos = new int[indices.length];
            for (int c = 0; c < cells; c++) {
                long o = a.offset;
                for (int ax = 0; ax < indices.length; ax++) {
                    o += indices[ax][pos[ax]] * a.strides[ax];
                }
                offsets[c] = o;
                for (int ax = indices.length - 1; ax >= 0; ax--) {
                    if (++pos[ax] < indices[ax].length) {
                        break;
                    }
                    pos[ax] = 0;
                }
            }
            return offsets;
        }

        /** Reads and formats the grid elements with one format for all of them, as NumPy's format functions do. */
        private String[] formatAll(NDArray a, long[] offsets) {
            MemorySegment seg = a.seg;
            DType t = a.dtype;
            DType.Kind k = t.kind();
            int n = offsets.length;
            String[] out = new String[n];
            if (k.isBool()) {
                String trueStr = ndim == 0 ? "True" : " True";
                for (int i = 0; i < n; i++) {
                    out[i] = Elements.getBoolean(seg, offsets[i], t) ? trueStr : "False";
                }
            } else if (k.isInteger()) {
                int width = 0;
                for (int i = 0; i < n; i++) {
                    out[i] = intStr(Elements.getLong(seg, offsets[i], t), k);
                    width = Math.max(width, out[i].length());
                }
                // NumPy pads to the longer of str(max) and str(min), which is the longest of all.
                for (int i = 0; i < n; i++) {
                    out[i] = " ".repeat(width - out[i].length()) + out[i];
                }
            } else {
                DType.Kind part = componentKind(k);
                double[] re = new double[n];
                for (int i = 0; i < n; i++) {
                    re[i] = Elements.getDouble(seg, offsets[i], t);
                }
                FloatFormat.Column reFormat = new FloatFormat.Column(re, part, false);
                if (k.isComplex()) {
                    double[] im = new double[n];
                    for (int i = 0; i < n; i++) {
                        im[i] = Elements.getImag(seg, offsets[i], t);
                    }
                    FloatFormat.Column imFormat = new FloatFormat.Column(im, part, true);
                    for (int i = 0; i < n; i++) {
                        String imText = imFormat.format(im[i]);
                        int end = imText.stripTrailing().length();
                        out[i] = reFormat.format(re[i]) + imText.substring(0, end) + "j" + imText.substring(end);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[i] = reFormat.format(re[i]);
                    }
                }
            }
            return out;
        }

        String print(int lineWidth) {
            return recurse(0, 0, nextLinePrefix, lineWidth);
        }

        /** NumPy's recurser: formats the sub-array at grid offset base along axis and the axes after it. */
        private String recurse(int axis, int base, String hanging, int width) {
            if (axis == ndim) {
                return words[base];
            }
            String nextHanging = hanging + " ";
            int nextWidth = width - 1;
            int n = counts[axis];
            int step = gridStrides[axis];
            boolean summary = summarise && shape[axis] > 2L * EDGE_ITEMS;
            int leading = summary ? EDGE_ITEMS : 0;
            int trailing = summary ? EDGE_ITEMS : n;
            StringBuilder s = new StringBuilder();
            if (axis == ndim - 1) {
                // Rows: wrap elements that would not fit, leaving room for the separator or closing bracket.
                int elemWidth = width - Math.max(separatorEnd.length(), 1);
                StringBuilder line = new StringBuilder(hanging);
                for (int i = 0; i < leading; i++) {
                    extendLine(s, line, words[base + i * step], elemWidth, hanging);
                    line.append(separator);
                }
                if (summary) {
                    extendLine(s, line, "...", elemWidth, hanging);
                    line.append(separator);
                }
                for (int i = trailing; i > 1; i--) {
                    extendLine(s, line, words[base + (n - i) * step], elemWidth, hanging);
                    line.append(separator);
                }
                extendLine(s, line, words[base + (n - 1) * step], elemWidth, hanging);
                s.append(line);
            } else {
                // Higher axes: one sub-array per line, with a blank line per extra axis between blocks.
                String lineSep = separatorEnd + "\n".repeat(ndim - axis - 1);
                for (int i = 0; i < leading; i++) {
                    s.append(hanging).append(recurse(axis + 1, base + i * step, nextHanging, nextWidth)).append(lineSep);
                }
                if (summary) {
                    s.append(hanging).append("...").append(lineSep);
                }
                for (int i = trailing; i > 1; i--) {
                    s.append(hanging).append(recurse(axis + 1, base + (n - i) * step, nextHanging, nextWidth))
                            .append(lineSep);
                }
                s.append(hanging).append(recurse(axis + 1, base + (n - 1) * step, nextHanging, nextWidth));
            }
            return "[" + s.substring(hanging.length()) + "]";
        }

        /** Appends word to line, first moving line to s and starting a new one if the word would pass width. */
        private static void extendLine(StringBuilder s, StringBuilder line, String word, int width, String nextPrefix) {
            if (line.length() + word.length() > width && line.length() > nextPrefix.length()) {
                int end = line.length();
                while (end > 0 && line.charAt(end - 1) == ' ') {
                    end--;
                }
                s.append(line, 0, end).append('\n');
                line.setLength(0);
                line.append(nextPrefix);
            }
            line.append(word);
        }
    }
}
