package dev.meridian.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.GatewayException;
import org.junit.jupiter.api.Test;

class CacheDirectivesTest {

    @Test
    void parse_noHeaders_readsAndStores() {
        assertThat(CacheDirectives.parse(null, null, null)).isEqualTo(CacheDirectives.DEFAULT);
    }

    @Test
    void parse_gatewayAndCacheControlVocabulariesMeanTheSame() {
        assertThat(CacheDirectives.parse("no-cache", null, null))
                .isEqualTo(CacheDirectives.parse(null, "no-cache", null))
                .isEqualTo(new CacheDirectives(false, false, false, false, -1));
        assertThat(CacheDirectives.parse("No-Store", null, null))
                .isEqualTo(CacheDirectives.parse(null, " no-store ", null))
                .isEqualTo(new CacheDirectives(true, false, false, false, -1));
    }

    @Test
    void parse_refreshSkipsTheLookupAndStores() {
        assertThat(CacheDirectives.parse("refresh", null, null))
                .isEqualTo(new CacheDirectives(false, true, true, false, -1));
    }

    @Test
    void parse_ttlAndMaxAgeOnlyLowerTheTtl() {
        CacheDirectives d = CacheDirectives.parse(null, "max-age=600", "120");
        assertThat(d.maxAgeSeconds()).isEqualTo(120);
        assertThat(d.ttlSeconds(3600)).isEqualTo(120);
        assertThat(CacheDirectives.parse(null, null, "7200").ttlSeconds(3600)).isEqualTo(3600);
        assertThat(CacheDirectives.DEFAULT.ttlSeconds(3600)).isEqualTo(3600);
    }

    @Test
    void parse_unknownValue_is400NamingTheHeader() {
        assertThatThrownBy(() -> CacheDirectives.parse("sometimes", null, null))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).isEqualTo("x-meridian-cache");
                    assertThat(e.getMessage()).contains("sometimes");
                });
        assertThatThrownBy(() -> CacheDirectives.parse(null, "private", null))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).isEqualTo("cache-control"));
        assertThatThrownBy(() -> CacheDirectives.parse(null, null, "-5"))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).isEqualTo("x-meridian-cache-ttl"));
        assertThatThrownBy(() -> CacheDirectives.parse(null, "max-age=ten", null))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).isEqualTo("cache-control"));
    }
}
