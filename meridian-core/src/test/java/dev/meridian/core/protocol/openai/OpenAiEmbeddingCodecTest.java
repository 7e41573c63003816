package dev.meridian.core.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.golden.JsonTrees;
import dev.meridian.core.model.EmbeddingRequest;
import dev.meridian.core.model.EmbeddingResponse;
import dev.meridian.core.model.Usage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiEmbeddingCodecTest {

    private static final EmbeddingRequest TWO = new EmbeddingRequest("small", List.of("a", "b"), null, null, null);

    private static EmbeddingResponse decode(String json, EmbeddingRequest request) {
        return OpenAiEmbeddingCodec.decodeResponse("p", json.getBytes(StandardCharsets.UTF_8), request);
    }

    @Test
    void encode_allFieldsAndExtraBody_callerWins() {
        EmbeddingRequest r = new EmbeddingRequest("small", List.of("The food was delicious"), "base64", 256, "u1");
        byte[] body = OpenAiEmbeddingCodec.encodeRequest(
                r,
                "text-embedding-3-small",
                Map.of("input_type", TextNode.valueOf("query"), "dimensions", TextNode.valueOf("ignored")));
        JsonTrees.assertMatches("embeddings request", """
                {"model":"text-embedding-3-small","input":["The food was delicious"],"encoding_format":"base64",
                 "dimensions":256,"user":"u1","input_type":"query"}""", body);
    }

    /** https://platform.openai.com/docs/api-reference/embeddings/object */
    @Test
    void decode_floatArraysInIndexOrder_withUsage() {
        EmbeddingResponse r = decode("""
                {"object":"list","data":[
                  {"object":"embedding","embedding":[0.5,-1],"index":1},
                  {"object":"embedding","embedding":[0.0023064255,-0.009327292],"index":0}],
                 "model":"text-embedding-3-small","usage":{"prompt_tokens":8,"total_tokens":8}}""", TWO);
        assertThat(r.model()).isEqualTo("text-embedding-3-small");
        assertThat(r.vectors().get(0)).containsExactly(0.0023064255f, -0.009327292f);
        assertThat(r.vectors().get(1)).containsExactly(0.5f, -1f);
        assertThat(r.usage()).isEqualTo(new Usage(8, 0, 0, 0, 0));
    }

    @Test
    void decode_base64LittleEndianFloat32_matchesWhatTheGatewayEncodes() {
        float[] v = {1.5f, -0.25f, 3.0e-8f, Float.MAX_VALUE};
        EmbeddingRequest one = new EmbeddingRequest("m", List.of("x"), "base64", null, null);
        byte[] upstream = OpenAiResponseEncoder.encodeEmbeddings(
                new EmbeddingResponse("m", List.of(v), new Usage(2, 0, 0, 0, 0)), true);
        EmbeddingResponse r = OpenAiEmbeddingCodec.decodeResponse("p", upstream, one);
        assertThat(r.vectors().get(0)).containsExactly(v);
        assertThat(r.usage().inputTokens()).isEqualTo(2);
    }

    @Test
    void decode_knownBase64Value() {
        // 1.0f little-endian is 00 00 80 3F
        EmbeddingResponse r = decode(
                "{\"data\":[{\"embedding\":\"AACAPw==\",\"index\":0}]}",
                new EmbeddingRequest("m", List.of("x"), "base64", null, null));
        assertThat(r.vectors().get(0)).containsExactly(1.0f);
        assertThat(r.model()).isEqualTo("m");
        assertThat(r.usage()).isNull();
    }

    @Test
    void decode_fewerVectorsThanInputs_isMalformed() {
        assertThatThrownBy(() -> decode("{\"data\":[{\"embedding\":[1],\"index\":0}]}", TWO))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void decode_repeatedIndex_isMalformed() {
        assertThatThrownBy(() ->
                        decode("{\"data\":[{\"embedding\":[1],\"index\":0},{\"embedding\":[1],\"index\":0}]}", TWO))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("repeated index");
    }

    @Test
    void decode_base64NotWholeFloats_isMalformed() {
        assertThatThrownBy(() -> decode(
                        "{\"data\":[{\"embedding\":\"AAA=\",\"index\":0}]}",
                        new EmbeddingRequest("m", List.of("x"), null, null, null)))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("float32");
    }

    @Test
    void decode_invalidBase64_isUnreadable() {
        assertThatThrownBy(() -> decode(
                        "{\"data\":[{\"embedding\":\"!!!\",\"index\":0}]}",
                        new EmbeddingRequest("m", List.of("x"), null, null, null)))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("unreadable");
    }
}
