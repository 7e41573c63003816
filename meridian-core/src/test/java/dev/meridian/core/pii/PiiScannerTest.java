package dev.meridian.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiScannerTest {

    /** What the scanner found in {@code text}, as class:value. */
    private static List<String> found(String text) {
        return PiiScanner.BUILT_IN.scan(text).stream()
                .map(f -> f.type() + ":" + text.substring(f.start(), f.end()))
                .toList();
    }

    @ParameterizedTest(name = "{0} finds {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "mail me at jane.doe+news@example.co.uk today | email:jane.doe+news@example.co.uk",
                "请联系13812345678谢谢 | phone_cn:13812345678",
                "call +86 138-1234-5678 now | phone_cn:+86 138-1234-5678",
                "call 138 1234 5678 | phone_cn:138 1234 5678",
                "call (415) 555-2671 now | phone_us:(415) 555-2671",
                "call 415-555-2671 | phone_us:415-555-2671",
                "call +1 415.555.2671 | phone_us:+1 415.555.2671",
                "ID 11010519491231002X ok | cn_id:11010519491231002X",
                "ID 440304198506071237 is hers | cn_id:440304198506071237",
                "card 4111 1111 1111 1111 exp | card:4111 1111 1111 1111",
                "card 5500-0000-0000-0004 | card:5500-0000-0000-0004",
                "iban GB82 WEST 1234 5698 7654 32 please | iban:GB82 WEST 1234 5698 7654 32",
                "iban DE89370400440532013000. | iban:DE89370400440532013000",
                "host 192.168.1.20 up | ipv4:192.168.1.20",
                "v6 2001:db8:85a3::8a2e:370:7334 up | ipv6:2001:db8:85a3::8a2e:370:7334",
                "v6 fe80:0:0:0:202:b3ff:fe1e:8329 | ipv6:fe80:0:0:0:202:b3ff:fe1e:8329",
                "key sk-proj-abcdefghijklmnopqrstuvwx | api_key:sk-proj-abcdefghijklmnopqrstuvwx",
                "key sk-ant-api03-abcdefghijklmnopqrstuv | api_key:sk-ant-api03-abcdefghijklmnopqrstuv",
                "key AIzaSyA1234567890abcdefghijklmnopqrstu | api_key:AIzaSyA1234567890abcdefghijklmnopqrstu",
                "key ghp_abcdefghijklmnopqrstuvwxyz0123456789 | api_key:ghp_abcdefghijklmnopqrstuvwxyz0123456789",
                "key xoxb-1234567890-abcdefghij | api_key:xoxb-1234567890-abcdefghij",
                "key AKIAIOSFODNN7EXAMPLE. | api_key:AKIAIOSFODNN7EXAMPLE",
                "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc | api_key:eyJhbGciOiJIUzI1NiJ9.e30.abc",
                "db_password=hunter22 and more | secret:hunter22",
                "{\"secret\": \"s3cr3t-value\"} | secret:s3cr3t-value",
            })
    void findsEachClass(String text, String expected) {
        assertThat(found(text)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0} finds nothing")
    @CsvSource(
            delimiter = '|',
            value = {
                "an @ sign alone and user@localhost",
                "a mobile that starts 12: 12812345678",
                "order 1381234567812 shipped", // 13 digits failing Luhn: not a card, not a phone
                "ID 440304198506071238 with a bad check digit",
                "ID 110105194913310021 with month 13",
                "card 4111 1111 1111 1112 fails Luhn",
                "iban GB82 WEST 1234 5698 7654 33 fails mod 97",
                "version 1.2.3.4.5 and 256.1.1.1",
                "time 12:30:45 and std::vector and a:b",
                "the area code 015-555-2671 starts with 0",
                "sk-short and AIzaShort and ghp_short and AKIAlower1234567890ab",
                "Bearer short",
                "password=ab and the password is fine",
                "x1381234567 y4111111111111111z",
            })
    void findsNothingInLookAlikes(String text) {
        assertThat(found(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "two 13812345678 and 13987654321 | phone_cn:13812345678,phone_cn:13987654321",
                "a@b.io,c@d.io | email:a@b.io,email:c@d.io",
            })
    void findsSeveralInOrder(String text, String expected) {
        assertThat(found(text)).containsExactly(expected.split(","));
    }

    @org.junit.jupiter.api.Test
    void tenantPatternsAddNamedClasses() {
        PiiScanner scanner = new PiiScanner(CustomPatterns.of(Map.of("employee_id", "EMP-[0-9]{6}")));
        String text = "badge EMP-004211 of a@b.io";
        assertThat(scanner.scan(text))
                .extracting(f -> f.type() + ":" + text.substring(f.start(), f.end()))
                .containsExactly("employee_id:EMP-004211", "email:a@b.io");
    }

    @org.junit.jupiter.api.Test
    void aCatastrophicPatternIsRefusedByName() {
        assertThatThrownBy(() -> CustomPatterns.of(Map.of("bad_one", "((a+)+)+b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bad_one'")
                .hasMessageContaining("backtracks");
        assertThatThrownBy(() -> CustomPatterns.of(Map.of("slow", "(.*a){12}$")))
                .hasMessageContaining("'slow'");
    }

    @org.junit.jupiter.api.Test
    void anInvalidPatternIsRefusedByName() {
        assertThatThrownBy(() -> CustomPatterns.of(Map.of("broken", "([a-z")))
                .hasMessageContaining("'broken'")
                .hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> CustomPatterns.of(Map.of("empty", "x*"))).hasMessageContaining("empty string");
    }

    @org.junit.jupiter.api.Test
    void aPatternThatPassedItsCheckButExplodesOnARequest_isStoppedByTheRequestsTimeBound() {
        PiiScanner scanner = new PiiScanner(CustomPatterns.of(Map.of("qs", "(.*q){9}$")));
        long start = System.nanoTime();
        assertThatThrownBy(() -> scanner.scan("q".repeat(300) + "!")).isInstanceOf(CustomPatterns.Timeout.class);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
    }
}
