package dev.meridian.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The parser finds line ends a word at a time; it must find the same first CR or LF as a byte-by-byte look. */
class SseLineEndTest {

    @Property(tries = 2000, seed = "20261205")
    void theFirstCrOrLf_fromEveryStartToEveryEnd(@ForAll("lines") byte[] bytes) {
        for (int start = 0; start <= bytes.length; start++) {
            for (int end = start; end <= bytes.length; end++) {
                assertThat(SseParser.lineEnd(bytes, start, end))
                        .as("start %d, end %d", start, end)
                        .isEqualTo(byteByByte(bytes, start, end));
            }
        }
    }

    private static int byteByByte(byte[] b, int i, int end) {
        while (i < end && b[i] != '\n' && b[i] != '\r') {
            i++;
        }
        return i;
    }

    /** Mostly ordinary bytes, with line ends and their neighbours (and their high-bit twins) here and there. */
    @Provide
    Arbitrary<byte[]> lines() {
        Arbitrary<Byte> tricky = Arbitraries.of(
                (byte) '\n',
                (byte) '\r',
                (byte) 0x0B,
                (byte) 0x0C,
                (byte) 0x09,
                (byte) 0x8A,
                (byte) 0x8D,
                (byte) 0x00,
                (byte) 0xFF,
                (byte) 0x0E);
        Arbitrary<Byte> plain = Arbitraries.bytes();
        Arbitrary<Byte> any =
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, plain), net.jqwik.api.Tuple.of(1, tricky));
        return any.array(byte[].class).ofMaxSize(40);
    }
}
