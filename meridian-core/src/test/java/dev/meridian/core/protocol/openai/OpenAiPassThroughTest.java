package dev.meridian.core.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiPassThroughTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String rewrite(String body, String model, boolean forceUsage, Map<String, JsonNode> extra) {
        byte[] b = bytes(body);
        return new String(
                OpenAiPassThrough.rewrite(b, OpenAiPassThrough.scanChat(b), model, forceUsage, extra),
                StandardCharsets.UTF_8);
    }

    @Test
    void rewrite_replacesOnlyTheModel_keepingUnknownFieldsAndFormatting() {
        String body = "{ \"model\" : \"gpt-fast\",\n  \"messages\": [{\"role\":\"user\",\"content\":\"hi\"}],"
                + " \"x_vendor\": {\"a\": [1, 2.50]}, \"temperature\":0.7 }";
        assertThat(rewrite(body, "gpt-4o-2024-08-06", true, Map.of()))
                .isEqualTo(
                        "{ \"model\" : \"gpt-4o-2024-08-06\",\n  \"messages\": [{\"role\":\"user\",\"content\":\"hi\"}],"
                                + " \"x_vendor\": {\"a\": [1, 2.50]}, \"temperature\":0.7 }");
    }

    @Test
    void rewrite_sameModelAndNoStream_returnsTheBodyUntouched() {
        byte[] b = bytes("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(OpenAiPassThrough.rewrite(b, OpenAiPassThrough.scanChat(b), "m", true, Map.of()))
                .isSameAs(b);
    }

    @Test
    void rewrite_modelWithEscapes_isSplicedWhole() {
        String body = "{\"model\":\"a\\\"b\\u00e9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        byte[] b = bytes(body);
        assertThat(OpenAiPassThrough.scanChat(b).model()).isEqualTo("a\"bé");
        assertThat(rewrite(body, "up/stream\"x", false, Map.of()))
                .isEqualTo("{\"model\":\"up/stream\\\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void rewrite_streamWithoutUsage_asksUpstreamForUsage() {
        String out = rewrite(
                "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "m",
                true,
                Map.of());
        assertThat(out)
                .isEqualTo(
                        "{\"stream_options\":{\"include_usage\":true},\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void rewrite_existingStreamOptions_keepsTheirOtherFields() {
        String out = rewrite(
                "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_obfuscation\":false},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "n",
                true,
                Map.of());
        assertThat(out)
                .isEqualTo("{\"model\":\"n\",\"stream\":true,\"stream_options\":{\"include_obfuscation\":false,"
                        + "\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void rewrite_streamOptionsNull_isReplacedSoUsageIsStillAskedFor() {
        String out = rewrite(
                "{\"model\":\"m\",\"stream\":true,\"stream_options\":null,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "m",
                true,
                Map.of());
        assertThat(out)
                .isEqualTo("{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void scan_streamOptionsNullWithoutStream_isAccepted() {
        assertThat(OpenAiPassThrough.scanChat(("{\"model\":\"m\",\"stream_options\":null,"
                                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .stream())
                .isFalse();
    }

    @Test
    void rewrite_callerAlreadyAskedForUsage_streamOptionsUntouched() {
        String body =
                "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(rewrite(body, "m", true, Map.of())).isEqualTo(body);
    }

    @Test
    void rewrite_streamUsageDisabledForTheProvider_leavesStreamOptionsAlone() {
        String body = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(rewrite(body, "m", false, Map.of())).isEqualTo(body);
    }

    @Test
    void rewrite_extraBody_addsOnlyFieldsTheCallerDidNotSet() {
        String out = rewrite(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"top_k\":5}",
                "m",
                true,
                Map.of("top_k", Json.NODES.numberNode(40), "repetition_penalty", Json.NODES.numberNode(1.1)));
        assertThat(out)
                .isEqualTo(
                        "{\"repetition_penalty\":1.1,\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"top_k\":5}");
    }

    @Test
    void scan_readsStreamAndUsageFlags() {
        OpenAiPassThrough.Scan scan = OpenAiPassThrough.scanChat(bytes(
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"{\\\"model\\\":1}\"}]}],"
                        + "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"model\":\"x\"}"));
        assertThat(scan.model()).isEqualTo("x");
        assertThat(scan.stream()).isTrue();
        assertThat(scan.includeUsage()).isTrue();
    }

    @Test
    void scan_malformedJson_isInvalidJson() {
        assertRefused("{\"model\":\"m\",\"messages\":[", ErrorCode.INVALID_JSON, null);
        assertRefused("", ErrorCode.INVALID_JSON, null);
        assertRefused("[1]", ErrorCode.INVALID_JSON, null);
        assertRefused(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} trailing",
                ErrorCode.INVALID_JSON,
                null);
        assertRefused(
                "{\"model\":\"m\",\"model\":\"n\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                ErrorCode.INVALID_JSON,
                null);
    }

    @Test
    void scan_invalidUtf8_isInvalidJson() {
        byte[] body = bytes("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"XX\"}]}");
        body[body.length - 6] = (byte) 0xC3;
        body[body.length - 5] = (byte) 0x28;
        assertThatThrownBy(() -> OpenAiPassThrough.scanChat(body))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON));
    }

    @Test
    void scan_missingOrMistypedFields_nameTheField() {
        assertRefused("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", ErrorCode.INVALID_REQUEST, "model");
        assertRefused(
                "{\"model\":null,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                ErrorCode.INVALID_REQUEST,
                "model");
        assertRefused(
                "{\"model\":42,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                ErrorCode.INVALID_REQUEST,
                "model");
        assertRefused("{\"model\":\"m\"}", ErrorCode.INVALID_REQUEST, "messages");
        assertRefused("{\"model\":\"m\",\"messages\":{}}", ErrorCode.INVALID_REQUEST, "messages");
        assertRefused(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":\"yes\"}",
                ErrorCode.INVALID_REQUEST,
                "stream");
        assertRefused(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream_options\":{\"include_usage\":true}}",
                ErrorCode.INVALID_REQUEST,
                "stream_options");
        assertRefused(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true,\"stream_options\":{\"include_usage\":\"y\"}}",
                ErrorCode.INVALID_REQUEST,
                "stream_options.include_usage");
    }

    @Test
    void scanEmbeddings_needsModelAndInput() {
        assertThat(OpenAiPassThrough.scanEmbeddings(bytes("{\"input\":[\"a\"],\"model\":\"e\"}"))
                        .model())
                .isEqualTo("e");
        assertThatThrownBy(() -> OpenAiPassThrough.scanEmbeddings(bytes("{\"model\":\"e\"}")))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).isEqualTo("input"));
    }

    private static void assertRefused(String body, ErrorCode code, String param) {
        assertThatThrownBy(() -> OpenAiPassThrough.scanChat(bytes(body)))
                .as(body)
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).isEqualTo(param);
                });
    }
}
