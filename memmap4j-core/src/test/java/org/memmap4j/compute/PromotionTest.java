package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.DType.Kind;
import org.memmap4j.compute.Promotion.Ty;
import org.memmap4j.testing.NumPy;

/**
 * The promotion tables against NumPy's own: promote_types, can_cast(same_kind), weak scalars (Python int, float,
 * bool and complex), math loops.
 */
class PromotionTest {

    @TempDir
    Path dir;

    @Test
    void tablesMatchNumPy() {
        List<Kind> kinds = List.of(Kind.values());
        StringBuilder py = new StringBuilder("import warnings\nwarnings.simplefilter('ignore')\nK = [");
        for (Kind k : kinds) {
            py.append("'").append(k.numpyName()).append("',");
        }
        py.append("]\n");
        py.append("""
                for a in K:
                    for b in K:
                        print('promote', a, b, np.promote_types(a, b).name)
                        print('cast', a, b, np.can_cast(a, b, 'same_kind'))
                    x = np.zeros(1, a)
                    for s, name in ((1, 'int'), (1.5, 'float'), (True, 'bool'), (1j, 'complex')):
                        print('weak', a, name, (x + s).dtype.name if a != 'bool' or name != 'bool' else 'bool')
                    print('math', a, np.sqrt(x).dtype.name)
                """);
        String out = NumPy.run(py.toString());
        int checked = 0;
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(" ");
            Kind a = kind(f[1]);
            switch (f[0]) {
                case "promote" -> assertThat(Promotion.promote(a, kind(f[2])).numpyName()).as(line).isEqualTo(f[3]);
                case "cast" -> assertThat(Promotion.canCastSameKind(a, kind(f[2]))).as(line).isEqualTo(Boolean.parseBoolean(f[3]));
                case "weak" -> {
                    Kind weak = switch (f[2]) {
                        case "int" -> Kind.INT64;
                        case "float" -> Kind.FLOAT64;
                        case "complex" -> Kind.COMPLEX128;
                        default -> Kind.BOOL;
                    };
                    assertThat(Promotion.combine(Ty.strong(a), new Ty(weak, true)).kind().numpyName()).as(line).isEqualTo(f[3]);
                    assertThat(Promotion.combine(new Ty(weak, true), Ty.strong(a)).kind().numpyName()).as(line).isEqualTo(f[3]);
                }
                case "math" -> assertThat(Promotion.mathKind(a).numpyName()).as(line).isEqualTo(f[2]);
                default -> throw new AssertionError(line);
            }
            checked++;
        }
        assertThat(checked).isEqualTo(kinds.size() * kinds.size() * 2 + kinds.size() * 5);
        assertThat(Promotion.combine(new Ty(Kind.INT64, true), new Ty(Kind.FLOAT64, true))).isEqualTo(new Ty(Kind.FLOAT64, true));
    }

    private static Kind kind(String numpyName) {
        List<Kind> found = new ArrayList<>();
        for (Kind k : Kind.values()) {
            if (k.numpyName().equals(numpyName)) {
                found.add(k);
            }
        }
        assertThat(found).as(numpyName).hasSize(1);
        return DType.of(found.get(0)).kind();
    }
}
