package dev.meridian.core.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.EmbeddingRequest;
import dev.meridian.core.model.Param;
import dev.meridian.core.provider.ProviderSettings;
import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.core.provider.openai.OpenAiAdapter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OpenAI chat front door: what it reads at the edge, and the canonical path that turns pass-through off. */
class OpenAiChatProtocolTest {

    private static final byte[] BODY = """
            {"model":"gpt-public", "temperature":0.3, "stream":true,
             "messages":[{"role":"user","content":"hello"}], "x_vendor_field": 1}
            """.getBytes(StandardCharsets.UTF_8);

    private static final OpenAiAdapter OPENAI = new OpenAiAdapter(ProviderSettings.of("openai", "sk-test"));

    @Test
    void read_takesModelAndStream_withoutDecodingTheMessages() {
        InboundRequest request = OpenAiChatProtocol.INSTANCE.read(BODY);

        assertThat(request.model()).isEqualTo("gpt-public");
        assertThat(request.stream()).isTrue();
        assertThat(request.passThroughAllowed()).isTrue();
    }

    @Test
    void read_refusesAMalformedBody_namingTheField() {
        assertThatThrownBy(() -> OpenAiChatProtocol.INSTANCE.read("{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).param()).isEqualTo("messages"));
    }

    @Test
    void passThrough_forwardsTheCallersBytes_withTheModelSpliced() throws Exception {
        InboundRequest request = OpenAiChatProtocol.INSTANCE.read(BODY);

        UpstreamRequest upstream = request.upstreamRequest(OPENAI, "gpt-4o", true);

        JsonNode sent = Json.parse(upstream.body());
        assertThat(sent.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(sent.path("x_vendor_field").asInt()).isEqualTo(1);
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.3);
    }

    @Test
    void replace_turnsPassThroughOff_andEveryProviderGetsTheReplacement() throws Exception {
        InboundRequest request = OpenAiChatProtocol.INSTANCE.read(BODY);
        // The canonical path encodes what the canonical model holds: a field it does not know is refused as on any
        // translation (here the rewrite drops it along with the temperature).
        ChatRequest rewritten =
                ((ChatRequest) request.canonical()).without(Set.of(Param.TEMPERATURE), Set.of("x_vendor_field"));

        request.replace(rewritten);

        assertThat(request.passThroughAllowed()).isFalse();
        assertThat(request.canonical()).isSameAs(rewritten);
        JsonNode sent =
                Json.parse(request.upstreamRequest(OPENAI, "gpt-4o", false).body());
        assertThat(sent.has("temperature")).isFalse();
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("hello");
    }

    @Test
    void replace_refusesARequestOfAnotherOperation() {
        InboundRequest request = OpenAiChatProtocol.INSTANCE.read(BODY);

        assertThatThrownBy(() -> request.replace(new EmbeddingRequest("m", List.of("x"), null, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(request.passThroughAllowed()).isTrue();
    }

    @Test
    void canonicalOnly_decodesAtOnce_soABadBodyIsRefusedByTheStageThatAsked() {
        InboundRequest request = OpenAiChatProtocol.INSTANCE.read("""
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}}]}]}""".getBytes(StandardCharsets.UTF_8));

        assertThat(request.passThroughAllowed())
                .as("valid OpenAI, so the scan accepts it")
                .isTrue();
        assertThatThrownBy(request::canonicalOnly)
                .as("audio input has no translation")
                .isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).param()).isEqualTo("messages[0].content[0].type"));
    }
}
