package dev.meridian.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.GatewayException;
import dev.meridian.server.admin.AdminRequests.RateLimitsInput;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClearableTest {

    private static RateLimitsInput bind(String json) {
        return AdminJson.bind(json.getBytes(StandardCharsets.UTF_8), RateLimitsInput.class);
    }

    @Test
    void bind_absentFieldIsNull_nullFieldIsAnEmptyClearable_valueIsKept() {
        RateLimitsInput input = bind("{\"requests_per_minute\":null,\"tokens_per_minute\":5}");
        assertThat(input.requestsPerMinute()).isEqualTo(new Clearable<Long>(null));
        assertThat(input.tokensPerMinute()).isEqualTo(new Clearable<>(5L));
        assertThat(bind("{}").requestsPerMinute()).isNull();
    }

    @Test
    void bind_wrongType_namesTheField() {
        assertThatThrownBy(() -> bind("{\"tokens_per_minute\":\"many\"}"))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).isEqualTo("tokens_per_minute"));
        assertThatThrownBy(() -> bind("{\"tokens_per_minute\":1.5}"))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).isEqualTo("tokens_per_minute"));
    }
}
