package dev.meridian.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.meridian.core.error.GatewayException;
import org.junit.jupiter.api.Test;

/** The admin mapper's limits, and how their refusals read. */
class AdminJsonTest {

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Test
    void mapper_readsFiftyLevels_refusesFiftyOne() throws Exception {
        assertThat(AdminJson.mapper().readTree(nested(50))).isNotNull();
        assertThatThrownBy(() -> AdminJson.mapper().readTree(nested(51)))
                .isInstanceOf(JsonProcessingException.class)
                .satisfies(e -> {
                    GatewayException refusal = BindErrors.translate((JsonProcessingException) e);
                    assertThat(refusal.status()).isEqualTo(400);
                    assertThat(refusal.getMessage())
                            .isEqualTo("The request body nests objects and arrays deeper than 50 levels.");
                });
    }
}
