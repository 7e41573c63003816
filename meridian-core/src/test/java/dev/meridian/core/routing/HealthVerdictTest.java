package dev.meridian.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HealthVerdictTest {

    @ParameterizedTest
    @ValueSource(ints = {200, 204, 404, 405, 429})
    void ofStatus_reachableServer_passes(int status) {
        assertThat(HealthVerdict.ofStatus(status)).isEqualTo(HealthVerdict.PASS);
        assertThat(HealthVerdict.ofStatus(status).reachable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void ofStatus_refusedCredentials_isReachableButSaysSo(int status) {
        assertThat(HealthVerdict.ofStatus(status)).isEqualTo(HealthVerdict.CREDENTIALS_REFUSED);
        assertThat(HealthVerdict.ofStatus(status).reachable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 400, 302})
    void ofStatus_serverErrorsAndOtherStatuses_fail(int status) {
        assertThat(HealthVerdict.ofStatus(status)).isEqualTo(HealthVerdict.FAIL);
        assertThat(HealthVerdict.ofStatus(status).reachable()).isFalse();
    }
}
