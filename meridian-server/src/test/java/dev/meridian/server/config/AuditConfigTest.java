package dev.meridian.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code audit.*}: the documented defaults, the file's values, and problems naming the key. */
class AuditConfigTest {

    private static MeridianConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, Map.<String, String>of()::get);
    }

    @Test
    void absent_isTheDocumentedDefault() {
        AuditConfig audit = parse("server: {port: 0}\n").audit();
        assertThat(audit.file().enabled()).isTrue();
        assertThat(audit.file().pattern()).isEqualTo("audit.%d{yyyy-MM-dd}.%i.jsonl");
        assertThat(audit.file().maxFileSize()).isEqualTo(100L << 20);
        assertThat(audit.webhook().url()).isNull();
        assertThat(audit.residency().homeCountry()).isNull();
    }

    @Test
    void givenValues_areRead() {
        AuditConfig audit = parse("""
                audit:
                  file: {maxFileSize: 1MiB, maxHistory: 7}
                  webhook: {url: "https://siem.example.com/in", secret: s3cret, batchSize: 10, flushInterval: 250ms}
                  residency: {homeCountry: cn}
                """).audit();
        assertThat(audit.file().maxFileSize()).isEqualTo(1L << 20);
        assertThat(audit.file().maxHistory()).isEqualTo(7);
        assertThat(audit.webhook().batchSize()).isEqualTo(10);
        assertThat(audit.webhook().flushInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(audit.residency().homeCountry()).isEqualTo("CN");
    }

    @Test
    void aWebhookWithoutSecret_orABadHomeCountry_isAProblemNamingTheKey() {
        assertThat(ConfigProblemsTest.problems("""
                        audit:
                          webhook: {url: "https://siem.example.com/in"}
                          residency: {homeCountry: China}
                        """))
                .contains(
                        "audit.webhook.secret: required with audit.webhook.url (the HMAC key of the signature)",
                        "audit.residency.homeCountry: must be a two-letter country code, UK or EU");
    }
}
