package dev.meridian.core.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.golden.JsonTrees;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.protocol.openai.OpenAiRequestDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Edge cases of the request translation not worth a golden. Requests are written as OpenAI JSON (single
 * quotes for readability) and decoded by the OpenAI codec, as the gateway does.
 */
class AnthropicRequestEncoderTest {

    @Test
    void encode_consecutiveTurnsOfOneRoleMerged() {
        JsonNode body = encode("{'model':'m','messages':["
                + "{'role':'user','content':'a'},{'role':'user','content':'b'},"
                + "{'role':'assistant','content':'c'},{'role':'assistant','content':'d'},"
                + "{'role':'user','content':'e'}]}");
        assertMessages(
                body,
                "[{'role':'user','content':[{'type':'text','text':'a'},{'type':'text','text':'b'}]},"
                        + "{'role':'assistant','content':[{'type':'text','text':'c'},{'type':'text','text':'d'}]},"
                        + "{'role':'user','content':[{'type':'text','text':'e'}]}]");
    }

    @Test
    void encode_toolResultsLeadTheirUserTurn() {
        JsonNode body = encode("{'model':'m','messages':[{'role':'user','content':'q'},"
                + "{'role':'assistant','tool_calls':[" + call("t1", "f", "{}") + "]},"
                + "{'role':'user','content':'meanwhile'},"
                + "{'role':'tool','tool_call_id':'t1','content':'r1'}]}");
        assertJson(
                body.at("/messages/2/content"),
                "[{'type':'tool_result','tool_use_id':'t1','content':'r1'},{'type':'text','text':'meanwhile'}]");
    }

    @Test
    void encode_assistantTurnOrdersThinkingTextToolUse_acrossMergedMessages() {
        JsonNode body = encode("{'model':'m','messages':[{'role':'user','content':'q'},"
                + "{'role':'assistant','content':'one','tool_calls':[" + call("t1", "f", "{\"a\":1}") + "]},"
                + "{'role':'assistant','content':'two','thinking_blocks':[{'type':'redacted_thinking','data':'x'}]}]}");
        assertJson(
                body.at("/messages/1/content"),
                "[{'type':'redacted_thinking','data':'x'},"
                        + "{'type':'text','text':'one'},{'type':'text','text':'two'},"
                        + "{'type':'tool_use','id':'t1','name':'f','input':{'a':1}}]");
    }

    @Test
    void encode_unparseableToolArguments_refusedNamingTheField() {
        assertInvalid(
                "{'model':'m','messages':[{'role':'user','content':'q'},{'role':'assistant','tool_calls':["
                        + call("t1", "f", "{}") + "," + call("t2", "f", "{\"a\":") + "]}]}",
                "messages[1].tool_calls[1].function.arguments");
    }

    @Test
    void encode_toolArgumentsThatAreNotAnObject_refused() {
        assertInvalid(
                "{'model':'m','messages':[{'role':'user','content':'q'},{'role':'assistant','tool_calls':["
                        + call("t1", "f", "[1,2]") + "]}]}",
                "messages[1].tool_calls[0].function.arguments");
    }

    @Test
    void encode_emptyTextNotSent_andAnEmptiedTurnSkipped() {
        JsonNode body = encode("{'model':'m','messages':[{'role':'user','content':'a'},"
                + "{'role':'assistant','content':''},{'role':'user','content':'b'}]}");
        assertMessages(body, "[{'role':'user','content':[{'type':'text','text':'a'},{'type':'text','text':'b'}]}]");
    }

    @Test
    void encode_thinkingWithoutSignature_leftOut() {
        JsonNode body = encode("{'model':'m','messages':[{'role':'user','content':'q'},{'role':'assistant',"
                + "'content':'a','thinking_blocks':[{'type':'thinking','thinking':'unsigned'}]},"
                + "{'role':'user','content':'more'}]}");
        assertJson(body.at("/messages/1/content"), "[{'type':'text','text':'a'}]");
    }

    @Test
    void encode_toolMessageWithCacheControlOrNoText() {
        JsonNode body = encode("{'model':'m','messages':[{'role':'user','content':'q'},{'role':'assistant',"
                + "'tool_calls':[" + call("t1", "f", "{}") + "," + call("t2", "f", "{}") + "]},"
                + "{'role':'tool','tool_call_id':'t1','content':'r','cache_control':{'type':'ephemeral'}},"
                + "{'role':'tool','tool_call_id':'t2','content':''}]}");
        assertJson(
                body.at("/messages/2/content"),
                "[{'type':'tool_result','tool_use_id':'t1',"
                        + "'content':[{'type':'text','text':'r','cache_control':{'type':'ephemeral'}}]},"
                        + "{'type':'tool_result','tool_use_id':'t2'}]");
    }

    @Test
    void encode_parallelToolCallsFalseWithoutToolChoice_isAutoWithOneCallAtMost() {
        JsonNode body = encode("{'model':'m','parallel_tool_calls':false,'tools':[" + tool() + "],"
                + "'messages':[{'role':'user','content':'q'}]}");
        assertJson(body.get("tool_choice"), "{'type':'auto','disable_parallel_tool_use':true}");
    }

    @Test
    void encode_toolChoiceNone_hasNoParallelFlag() {
        JsonNode body = encode("{'model':'m','tool_choice':'none','parallel_tool_calls':false,'tools':[" + tool()
                + "],'messages':[{'role':'user','content':'q'}]}");
        assertJson(body.get("tool_choice"), "{'type':'none'}");
    }

    @Test
    void encode_toolChoiceWithoutTools_autoOmittedRequiredRefused() {
        assertThat(encode("{'model':'m','tool_choice':'auto','messages':[{'role':'user','content':'q'}]}")
                        .has("tool_choice"))
                .isFalse();
        assertInvalid(
                "{'model':'m','tool_choice':'required','messages':[{'role':'user','content':'q'}]}", "tool_choice");
    }

    @Test
    void encode_inlineImageOfATypeAnthropicLacks_refused() {
        assertInvalid(
                "{'model':'m','messages':[{'role':'user','content':[{'type':'text','text':'see'},"
                        + "{'type':'image_url','image_url':{'url':'data:image/bmp;base64,Qk0='}}]}]}",
                "messages[0].content[1].image_url.url");
    }

    @Test
    void encode_temperatureOfExactlyOne_accepted() {
        assertThat(encode("{'model':'m','temperature':1,'messages':[{'role':'user','content':'q'}]}")
                        .get("temperature")
                        .doubleValue())
                .isEqualTo(1.0);
    }

    @Test
    void encode_minimalEffort_refusedNamingReasoningEffort() {
        assertInvalid(
                "{'model':'m','reasoning_effort':'minimal','messages':[{'role':'user','content':'q'}]}",
                "reasoning_effort");
    }

    @Test
    void encode_explicitBudget_defaultMaxTokensLeavesRoomForTheAnswer() {
        JsonNode body = encode("{'model':'m','thinking':{'type':'enabled','budget_tokens':1024},"
                + "'messages':[{'role':'user','content':'q'}]}");
        assertThat(body.get("max_tokens").intValue()).isEqualTo(1024 + 4096);
        assertThat(body.at("/thinking/budget_tokens").intValue()).isEqualTo(1024);
    }

    @Test
    void encode_withoutMaxTokens_aKnownModelGetsItsOwnOutputLimit_notAFixed4096() {
        ChatRequest request = decode("{'model':'claude','messages':[{'role':'user','content':'write a long story'}]}");
        assertThat(AnthropicRequestEncoder.encode(request, "claude-sonnet-4-5")
                        .get("max_tokens")
                        .intValue())
                .isEqualTo(64_000);
        assertThat(AnthropicRequestEncoder.encode(request, "claude-sonnet-4-5-20250929")
                        .get("max_tokens")
                        .intValue())
                .isEqualTo(64_000);
        assertThat(AnthropicRequestEncoder.encode(request, "claude-3-5-haiku-20241022")
                        .get("max_tokens")
                        .intValue())
                .isEqualTo(8_192);
    }

    @Test
    void encode_withoutMaxTokens_aThinkingBudgetBelowTheModelsLimit_getsTheLimit() {
        ChatRequest request = decode("{'model':'claude','thinking':{'type':'enabled','budget_tokens':10000},"
                + "'messages':[{'role':'user','content':'q'}]}");
        assertThat(AnthropicRequestEncoder.encode(request, "claude-opus-4-1")
                        .get("max_tokens")
                        .intValue())
                .isEqualTo(32_000);
    }

    @Test
    void encode_requestNotPassedThroughSupportedParams_isAProgrammingError() {
        ChatRequest request = decode("{'model':'m','seed':1,'messages':[{'role':'user','content':'q'}]}");
        assertThatThrownBy(() -> AnthropicRequestEncoder.encode(request, "m"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode encode(String openAiJson) {
        return AnthropicRequestEncoder.encode(decode(openAiJson), "claude-test");
    }

    private static ChatRequest decode(String openAiJson) {
        return OpenAiRequestDecoder.decodeChat(json(openAiJson).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertInvalid(String openAiJson, String param) {
        assertThatThrownBy(() -> encode(openAiJson)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.param()).isEqualTo(param);
        });
    }

    private static void assertMessages(JsonNode body, String expected) {
        assertJson(body.get("messages"), expected);
    }

    private static void assertJson(JsonNode actual, String expected) {
        JsonTrees.assertMatches("encoded request", Json.parseTrusted(json(expected)), actual);
    }

    /** An OpenAI tool call, built with Jackson so the arguments string is escaped properly. */
    private static String call(String id, String name, String arguments) {
        ObjectNode call = Json.object().put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return call.toString();
    }

    private static String tool() {
        return "{'type':'function','function':{'name':'f','parameters':{'type':'object'}}}";
    }

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
