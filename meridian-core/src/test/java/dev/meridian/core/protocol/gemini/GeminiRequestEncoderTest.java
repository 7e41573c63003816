package dev.meridian.core.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.protocol.openai.OpenAiRequestDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GeminiRequestEncoderTest {

    private static JsonNode encode(String openAiRequest) {
        return GeminiRequestEncoder.encode(decode(openAiRequest));
    }

    /** A request with one user message "hi" and the given top-level fields. */
    private static JsonNode encodeHi(String fields) {
        return encode("{'model':'m','messages':[{'role':'user','content':'hi'}]," + fields + "}");
    }

    /** A request whose one user message is text "x" and an image with this URL. */
    private static String withImage(String url) {
        return "{'model':'m','messages':[{'role':'user','content':[{'type':'text','text':'x'},"
                + "{'type':'image_url','image_url':{'url':'" + url + "'}}]}]}";
    }

    private static ChatRequest decode(String json) {
        return OpenAiRequestDecoder.decodeChat(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(String openAiRequest, String param) {
        assertThatThrownBy(() -> encode(openAiRequest)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.param()).isEqualTo(param);
            assertThat(e.status()).isEqualTo(400);
        });
    }

    @Test
    void encode_jsonObjectFormat() {
        JsonNode body = encodeHi("'response_format':{'type':'json_object'}");
        assertThat(body.get("generationConfig"))
                .isEqualTo(Json.parseTrusted("{\"responseMimeType\":\"application/json\"}"));
    }

    @Test
    void encode_textFormatAddsNothing() {
        JsonNode body = encodeHi("'response_format':{'type':'text'}");
        assertThat(body.has("generationConfig")).isFalse();
    }

    @Test
    void encode_thinkingBudgetFromExtension() {
        JsonNode body = encodeHi("'thinking':{'type':'enabled','budget_tokens':5000}");
        assertThat(body.at("/generationConfig/thinkingConfig"))
                .isEqualTo(Json.parseTrusted("{\"thinkingBudget\":5000,\"includeThoughts\":true}"));
    }

    @Test
    void encode_toolChoiceNone() {
        JsonNode body = encodeHi("'tools':[{'type':'function','function':{'name':'f'}}],'tool_choice':'none'");
        assertThat(body.at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("NONE");
    }

    @Test
    void encode_seedOutsideInt32_refused() {
        assertThatThrownBy(() -> encodeHi("'seed':4294967296"))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).isEqualTo("seed"));
    }

    @Test
    void encode_onlyInstructions_refused() {
        assertRefused("{'model':'m','messages':[{'role':'system','content':'be brief'}]}", "messages");
    }

    @Test
    void encode_filesApiUriKeepsTypeOnServer() {
        JsonNode body = encode(withImage("https://generativelanguage.googleapis.com/v1beta/files/abc123"));
        assertThat(body.at("/contents/0/parts/1"))
                .isEqualTo(
                        Json.parseTrusted(
                                "{\"fileData\":{\"fileUri\":\"https://generativelanguage.googleapis.com/v1beta/files/abc123\"}}"));
    }

    @Test
    void encode_gcsUriWithExtension() {
        JsonNode body = encode(withImage("gs://bucket/photos/dog.webp"));
        assertThat(body.at("/contents/0/parts/1/fileData/mimeType").asText()).isEqualTo("image/webp");
    }

    @Test
    void encode_unsupportedUrlScheme_refused() {
        assertRefused(withImage("ftp://host/a.png"), "messages[0].content[1].image_url.url");
    }

    @Test
    void encode_placeholderSignatureOnlyInCurrentTurn() {
        JsonNode body = encode("{'model':'m','messages':["
                + "{'role':'user','content':'a'},"
                + "{'role':'assistant','tool_calls':[{'id':'c1','type':'function','function':{'name':'f','arguments':'{}'}}]},"
                + "{'role':'tool','tool_call_id':'c1','content':'1'},"
                + "{'role':'assistant','content':'done'},"
                + "{'role':'user','content':'b'},"
                + "{'role':'assistant','tool_calls':[{'id':'c2','type':'function','function':{'name':'f','arguments':'{}'}},"
                + "{'id':'c3','type':'function','function':{'name':'g','arguments':'{}'}}]}]}");
        JsonNode contents = body.get("contents");
        assertThat(contents.at("/1/parts/0").has("thoughtSignature"))
                .as("previous turn")
                .isFalse();
        assertThat(contents.at("/5/parts/0/thoughtSignature").asText()).isEqualTo("skip_thought_signature_validator");
        assertThat(contents.at("/5/parts/1").has("thoughtSignature"))
                .as("only the first call of a step")
                .isFalse();
    }

    @Test
    void encode_toolResultNamedAfterNearestCallWithThatId() {
        JsonNode body = encode("{'model':'m','messages':["
                + "{'role':'user','content':'a'},"
                + "{'role':'assistant','tool_calls':[{'id':'call_0_0','type':'function','function':{'name':'first','arguments':'{}'}}]},"
                + "{'role':'tool','tool_call_id':'call_0_0','content':'1'},"
                + "{'role':'user','content':'b'},"
                + "{'role':'assistant','tool_calls':[{'id':'call_0_0','type':'function','function':{'name':'second','arguments':'{}'}}]},"
                + "{'role':'tool','tool_call_id':'call_0_0','content':''}]}");
        // The first tool result and the next user message merge into one user content.
        assertThat(body.at("/contents/2/parts/0/functionResponse/name").asText())
                .isEqualTo("first");
        JsonNode last = body.at("/contents/4/parts/0/functionResponse");
        assertThat(last.get("name").asText()).isEqualTo("second");
        assertThat(last.get("response")).isEqualTo(Json.parseTrusted("{\"result\":\"\"}"));
    }

    @Test
    void encode_argumentsNotAnObject_refused() {
        assertRefused(
                "{'model':'m','messages':[{'role':'user','content':'a'},"
                        + "{'role':'assistant','tool_calls':[{'id':'c','type':'function','function':{'name':'f','arguments':'[1,2]'}}]}]}",
                "messages[1].tool_calls[0].function.arguments");
    }

    @Test
    void encode_assistantWithOnlyReasoningIsDropped_neighboursMerge() {
        JsonNode body = encode("{'model':'m','messages':[{'role':'user','content':'a'},"
                + "{'role':'assistant','content':'','thinking_blocks':[{'type':'redacted_thinking','data':'xyz'}]},"
                + "{'role':'user','content':'b'}]}");
        assertThat(body.get("contents"))
                .isEqualTo(Json.parseTrusted("[{\"role\":\"user\",\"parts\":[{\"text\":\"a\"},{\"text\":\"b\"}]}]"));
    }

    @Test
    void encode_instructionsAnywhereAreHoistedInOrder() {
        JsonNode body =
                encode("{'model':'m','messages':[{'role':'system','content':'one'},{'role':'user','content':'a'},"
                        + "{'role':'developer','content':'two'}]}");
        assertThat(body.get("systemInstruction"))
                .isEqualTo(Json.parseTrusted("{\"parts\":[{\"text\":\"one\"},{\"text\":\"two\"}]}"));
        assertThat(body.get("contents")).hasSize(1);
    }
}
