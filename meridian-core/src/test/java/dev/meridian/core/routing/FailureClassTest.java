package dev.meridian.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.EnumSource.Mode.EXCLUDE;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class FailureClassTest {

    @ParameterizedTest
    @CsvSource({
        "RATE_LIMITED, RATE_LIMIT",
        "UPSTREAM_ERROR, SERVER_ERROR",
        "UPSTREAM_CONFIGURATION, SERVER_ERROR",
        "UPSTREAM_TIMEOUT, TIMEOUT",
        "UPSTREAM_NOT_FOUND, NOT_FOUND",
        "CONTEXT_LENGTH_EXCEEDED, CONTEXT_WINDOW",
        "CONTENT_POLICY, CONTENT_POLICY"
    })
    void of_mapsUpstreamFailuresToTheirClass(ErrorCode code, FailureClass expected) {
        assertThat(FailureClass.of(GatewayException.of(code, "failed"))).contains(expected);
    }

    @ParameterizedTest
    @EnumSource(
            value = ErrorCode.class,
            mode = EXCLUDE,
            names = {
                "RATE_LIMITED",
                "UPSTREAM_ERROR",
                "UPSTREAM_CONFIGURATION",
                "UPSTREAM_TIMEOUT",
                "UPSTREAM_NOT_FOUND",
                "CONTEXT_LENGTH_EXCEEDED",
                "CONTENT_POLICY"
            })
    void of_theRequestsOwnFailures_haveNoClass(ErrorCode code) {
        assertThat(FailureClass.of(GatewayException.of(code, "failed"))).isEmpty();
    }

    @Test
    void of_anInvalidParameter_hasNoClass() {
        assertThat(FailureClass.of(GatewayException.invalid("temperature", "must be at most 2")))
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "RATE_LIMIT, true, true, false",
        "SERVER_ERROR, true, true, true",
        "TIMEOUT, true, true, true",
        "NOT_FOUND, true, false, false",
        "CONTEXT_WINDOW, false, false, false",
        "CONTENT_POLICY, false, false, false"
    })
    void retryableRepeatableAndDeploymentFault_perClass(
            FailureClass c, boolean retryable, boolean repeatable, boolean deploymentFault) {
        assertThat(c.retryable()).isEqualTo(retryable);
        assertThat(c.repeatable()).isEqualTo(repeatable);
        assertThat(c.deploymentFault()).isEqualTo(deploymentFault);
    }

    @ParameterizedTest
    @EnumSource(FailureClass.class)
    void ofConfigName_findsEveryClassByItsConfigName(FailureClass c) {
        assertThat(FailureClass.ofConfigName(c.configName())).contains(c);
    }

    @Test
    void ofConfigName_unknown_isEmpty() {
        assertThat(FailureClass.ofConfigName("rate_limit")).isEmpty();
        assertThat(FailureClass.ofConfigName(null)).isEmpty();
    }
}
