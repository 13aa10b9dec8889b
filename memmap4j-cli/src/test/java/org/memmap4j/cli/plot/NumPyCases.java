package org.memmap4j.cli.plot;

/**
 * A NumPy script that checks many Java results in one python3 run. Java writes {@code cases.txt}, one case a line
 * {@code k|file|view|p0|p1...}, and its results as {@code .npy} files named after k; the script loads each file
 * as float64, takes the view (NumPy index syntax, or {@code .T}), runs the case body, which must set {@code ok},
 * and prints the number of failed cases and the first of them: {@code "0 []"} when all pass.
 */
final class NumPyCases {

    private NumPyCases() {
    }

    /**
     * Returns the script for a case body: Python lines, indented by 4, that see {@code d} (the directory),
     * {@code k}, {@code a} (the view, float64) and {@code p} (the extra fields as strings), and set {@code ok}.
     */
    static String check(String body) {
        return """
                import warnings
                warnings.simplefilter('ignore')
                d = sys.argv[1]
                bad = []
                for line in open(d + '/cases.txt'):
                    k, f, view, *p = line.rstrip('\\n').split('|')
                    a = np.load(d + '/' + f)
                    a = (a.T if view == '.T' else a if view == '' else eval('a[' + view + ']')).astype(np.float64)
                """ + body.indent(4) + """
                    if not ok:
                        bad.append(line.strip())
                print(len(bad), bad[:5])
                """;
    }
}
