package dev.meridian.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.EmbeddingRequest;
import dev.meridian.core.provider.azure.AzureOpenAiAdapter;
import dev.meridian.core.provider.compat.OpenAiCompatibleAdapter;
import dev.meridian.core.provider.openai.OpenAiAdapter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Construction rules, credentials and paths of the three OpenAI-protocol providers (goldens cover the rest). */
class OpenAiProtocolProvidersTest {

    private static final EmbeddingRequest EMBED = new EmbeddingRequest("e", List.of("x"), null, null, null);

    private static ProviderSettings settings(String apiKey, Map<String, String> headers, String apiVersion) {
        return new ProviderSettings(
                "p", apiKey, headers, Map.of("input_type", TextNode.valueOf("query")), apiVersion, false, true);
    }

    @Test
    void openAi_withoutKey_isRejectedAtConstruction() {
        assertThatThrownBy(() -> new OpenAiAdapter(settings(null, Map.of(), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiKey");
    }

    @Test
    void openAi_keyWinsOverAConfiguredAuthorizationHeader_andEmbeddingsPath() {
        UpstreamRequest r = new OpenAiAdapter(settings("sk-1", Map.of("Authorization", "Bearer other"), null))
                .embeddingsRequest(EMBED, "text-embedding-3-small");
        assertThat(r.headers()).containsEntry("Authorization", "Bearer sk-1");
        assertThat(r.path()).isEqualTo("/embeddings");
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.stream()).isFalse();
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .contains("\"model\":\"text-embedding-3-small\"")
                .contains("\"input_type\":\"query\"");
    }

    @Test
    void compat_withoutKey_sendsNoAuthorization_withKey_sendsBearer() {
        assertThat(new OpenAiCompatibleAdapter(settings(null, Map.of(), null))
                        .embeddingsRequest(EMBED, "m")
                        .headers())
                .doesNotContainKey("Authorization")
                .containsEntry("Content-Type", "application/json");
        assertThat(new OpenAiCompatibleAdapter(settings("k", Map.of(), null))
                        .embeddingsRequest(EMBED, "m")
                        .headers())
                .containsEntry("Authorization", "Bearer k");
        assertThat(new OpenAiCompatibleAdapter(settings(null, Map.of(), null)).protocol())
                .isEqualTo(Protocol.OPENAI);
    }

    @Test
    void azure_needsKeyOrAuthorizationHeader() {
        assertThatThrownBy(() -> new AzureOpenAiAdapter(settings(null, Map.of(), null)))
                .isInstanceOf(IllegalArgumentException.class);
        UpstreamRequest entra = new AzureOpenAiAdapter(settings(null, Map.of("authorization", "Bearer eyJ0"), null))
                .embeddingsRequest(EMBED, "dep");
        assertThat(entra.headers())
                .containsEntry("authorization", "Bearer eyJ0")
                .doesNotContainKey("api-key");
    }

    @Test
    void azure_embeddingsPaths_perRoute() {
        assertThat(new AzureOpenAiAdapter(settings("k", Map.of(), null))
                        .embeddingsRequest(EMBED, "dep")
                        .path())
                .isEqualTo("/openai/v1/embeddings");
        assertThat(new AzureOpenAiAdapter(settings("k", Map.of(), "LATEST"))
                        .embeddingsRequest(EMBED, "dep")
                        .path())
                .isEqualTo("/openai/v1/embeddings?api-version=LATEST");
        assertThat(new AzureOpenAiAdapter(settings("k", Map.of(), AzureOpenAiAdapter.LATEST_GA_API_VERSION))
                        .embeddingsRequest(EMBED, "my dep/1")
                        .path())
                .isEqualTo("/openai/deployments/my%20dep%2F1/embeddings?api-version=2024-10-21");
    }

    @Test
    void azure_innerErrorWithPluralResults_keepsCodeAndProvider() {
        String body = "{\"error\":{\"code\":\"content_filter\",\"message\":\"Filtered.\",\"innererror\":{"
                + "\"code\":\"ResponsibleAIPolicyViolation\",\"content_filter_results\":{\"sexual\":{\"filtered\":true,"
                + "\"severity\":\"high\"},\"hate\":{\"filtered\":false,\"severity\":\"safe\"}}}}}";
        GatewayException e = new AzureOpenAiAdapter(settings("k", Map.of(), null))
                .decodeError(400, null, body.getBytes(StandardCharsets.UTF_8));
        assertThat(e.getMessage()).isEqualTo("Filtered. (ResponsibleAIPolicyViolation; filtered: sexual (high))");
        assertThat(e.code()).isEqualTo(ErrorCode.CONTENT_POLICY);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.providerCode()).isEqualTo("content_filter");
        assertThat(e.provider()).isEqualTo("p");
    }

    @Test
    void azure_innerErrorOnRateLimit_keepsRetryAfter() {
        String body =
                "{\"error\":{\"code\":\"429\",\"message\":\"Slow down.\",\"innererror\":{\"code\":\"TokenQuota\"}}}";
        GatewayException e = new AzureOpenAiAdapter(settings("k", Map.of(), null))
                .decodeError(429, "6", body.getBytes(StandardCharsets.UTF_8));
        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo("6");
        assertThat(e.getMessage()).endsWith("Slow down. (TokenQuota)");
    }

    @Test
    void azure_errorWithoutInnerError_isOpenAisMapping() {
        GatewayException e = new AzureOpenAiAdapter(settings("k", Map.of(), null))
                .decodeError(503, null, "not json".getBytes(StandardCharsets.UTF_8));
        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(e.getMessage()).contains("not json");
    }
}
