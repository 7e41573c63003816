package dev.meridian.core.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.EmbeddingRequest;
import dev.meridian.core.model.EmbeddingResponse;
import dev.meridian.core.protocol.openai.OpenAiRequestDecoder;
import dev.meridian.core.protocol.openai.OpenAiResponseEncoder;
import dev.meridian.core.provider.ProviderSettings;
import dev.meridian.core.provider.UpstreamRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeminiAdapterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_750_000_000), ZoneOffset.UTC);
    private static final GeminiAdapter ADAPTER = new GeminiAdapter(ProviderSettings.of("google", "key-1"), CLOCK);

    private static byte[] json(String s) {
        return s.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static GeminiAdapter adapter(
            Map<String, JsonNode> extraBody, String apiVersion, boolean drop, String apiKey) {
        return new GeminiAdapter(
                new ProviderSettings("google", apiKey, Map.of("x-extra", "1"), extraBody, apiVersion, drop, true),
                CLOCK);
    }

    @Test
    void chatRequest_extraBodyMergedFieldByField_requestWins() throws IOException {
        Map<String, JsonNode> extra = Map.of(
                "generationConfig",
                        Json.parseTrusted("{\"temperature\":1.5,\"thinkingConfig\":{\"thinkingLevel\":\"low\"}}"),
                "safetySettings",
                        Json.parseTrusted(
                                "[{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"threshold\":\"BLOCK_NONE\"}]"));
        UpstreamRequest r = adapter(extra, null, false, "k")
                .chatRequest(
                        OpenAiRequestDecoder.decodeChat(
                                json("{'model':'m','messages':[{'role':'user','content':'hi'}],'temperature':0.3}")),
                        "gemini-3-pro-preview");
        JsonNode body = Json.parse(r.body());
        assertThat(body.get("generationConfig"))
                .isEqualTo(Json.parseTrusted("{\"temperature\":0.3,\"thinkingConfig\":{\"thinkingLevel\":\"low\"}}"));
        assertThat(body.at("/safetySettings/0/threshold").asText()).isEqualTo("BLOCK_NONE");
    }

    @Test
    void chatRequest_resourceNamesAndVersion() {
        UpstreamRequest r = adapter(Map.of(), "v1alpha", false, null)
                .chatRequest(
                        OpenAiRequestDecoder.decodeChat(
                                json("{'model':'m','messages':[{'role':'user','content':'hi'}]}")),
                        "tunedModels/my-model-7");
        assertThat(r.path()).isEqualTo("/v1alpha/tunedModels/my-model-7:generateContent");
        assertThat(r.headers()).containsEntry("x-extra", "1").doesNotContainKey("x-goog-api-key");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "'logit_bias':{'1':1}",
                "'logprobs':true",
                "'top_logprobs':2",
                "'parallel_tool_calls':true",
                "'user':'u'",
                "'metadata':{'a':'b'}"
            })
    void chatRequest_unsupportedParameter_refused(String field) {
        assertThatThrownBy(() -> ADAPTER.chatRequest(
                        OpenAiRequestDecoder.decodeChat(
                                json("{'model':'m','messages':[{'role':'user','content':'hi'}]," + field + "}")),
                        "gemini-2.5-flash"))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_PARAMETER));
    }

    @Test
    void decodeChat_createdFromClock() {
        assertThat(ADAPTER.decodeChat(json("{'candidates':[{'content':{'parts':[{'text':'a'}]},'finishReason':'STOP'}],"
                                + "'responseId':'r'}"))
                        .created())
                .isEqualTo(1_750_000_000L);
    }

    @Test
    void embeddingsRequest_oneRequestPerInput() throws IOException {
        EmbeddingRequest request = new EmbeddingRequest(
                "embed", List.of("What is the meaning of life?", "How does AI work?"), "base64", 768, null);
        UpstreamRequest r = ADAPTER.embeddingsRequest(request, "gemini-embedding-001");
        assertThat(r.path()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        assertThat(r.headers()).containsEntry("x-goog-api-key", "key-1");
        assertThat(r.stream()).isFalse();
        assertThat(Json.parse(r.body())).isEqualTo(Json.parseTrusted("""
                {"requests":[
                  {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"What is the meaning of life?"}]},
                   "outputDimensionality":768},
                  {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"How does AI work?"}]},
                   "outputDimensionality":768}]}"""));
    }

    @Test
    void embeddingsRequest_userRefusedUnlessDropped() {
        EmbeddingRequest request = new EmbeddingRequest("embed", List.of("a"), null, null, "user-1");
        assertThatThrownBy(() -> ADAPTER.embeddingsRequest(request, "gemini-embedding-001"))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).isEqualTo("user"));
        assertThat(adapter(Map.of(), null, true, "k")
                        .embeddingsRequest(request, "gemini-embedding-001")
                        .body())
                .isNotEmpty();
    }

    @Test
    void decodeEmbeddings_vectorsInOrder_noUsage_base64ForOpenAi() throws IOException {
        EmbeddingRequest request = new EmbeddingRequest("embed", List.of("a", "b"), "base64", null, null);
        EmbeddingResponse response = ADAPTER.decodeEmbeddings(
                json("{'embeddings':[{'values':[0.25,-1.5,3]},{'values':[0.125,0]}]}"), request);
        assertThat(response.usage()).isNull();
        assertThat(response.vectors()).hasSize(2);
        assertThat(response.vectors().get(0)).containsExactly(0.25f, -1.5f, 3f);

        JsonNode openAi = Json.parse(OpenAiResponseEncoder.encodeEmbeddings(response, true));
        ByteBuffer first = ByteBuffer.wrap(Base64.getDecoder()
                        .decode(openAi.at("/data/0/embedding").asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new float[] {first.getFloat(), first.getFloat(), first.getFloat()})
                .containsExactly(0.25f, -1.5f, 3f);
        assertThat(openAi.at("/data/1/index").asInt()).isEqualTo(1);
        assertThat(openAi.at("/usage/prompt_tokens").asInt()).isZero();
    }

    @Test
    void decodeEmbeddings_countMismatch_isUpstreamError() {
        EmbeddingRequest request = new EmbeddingRequest("embed", List.of("a", "b"), null, null, null);
        assertThatThrownBy(() -> ADAPTER.decodeEmbeddings(json("{'embeddings':[{'values':[1]}]}"), request))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR));
        assertThatThrownBy(() ->
                        ADAPTER.decodeEmbeddings(json("{'embeddings':[{'values':[1]},{'values':['x']}]}"), request))
                .isInstanceOf(GatewayException.class);
    }
}
