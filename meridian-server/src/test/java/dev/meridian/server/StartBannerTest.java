package dev.meridian.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartBannerTest {

    @Test
    void endpoint_wildcardHost_showsItAndTheLocalUrl() {
        assertThat(StartBanner.endpoint("0.0.0.0", 8080))
                .isEqualTo("http://0.0.0.0:8080/v1 (all interfaces; from this machine: http://localhost:8080/v1)");
        assertThat(StartBanner.endpoint("::", 8080)).startsWith("http://[::]:8080/v1 (all interfaces;");
    }

    @Test
    void endpoint_specificHost_showsThatHostAlone() {
        assertThat(StartBanner.endpoint("127.0.0.1", 9090)).isEqualTo("http://127.0.0.1:9090/v1");
        assertThat(StartBanner.endpoint("10.0.0.5", 80)).isEqualTo("http://10.0.0.5:80/v1");
        assertThat(StartBanner.endpoint("https", "10.0.0.5", 8443)).isEqualTo("https://10.0.0.5:8443/v1");
    }
}
