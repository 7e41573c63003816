package dev.meridian.core.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pass-through scan checks every field OpenAI's reference defines before any provider is called, and the strict
 * decoder (used when translating) agrees with it: what the scan accepts decodes or is refused only as untranslatable,
 * and where both refuse a body they name the same field, mostly in the same words.
 */
class OpenAiRequestValidationTest {

    private static final String USER = "{'role':'user','content':'hi'}";

    /** A chat body: {@code model} m, the given messages, then the given top-level fields; ' stands for ". */
    private static byte[] chat(String messages, String fields) {
        String body = "{'model':'m','messages':[" + messages + "]" + (fields.isEmpty() ? "" : "," + fields) + "}";
        return body.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] embeddings(String fields) {
        return ("{'model':'e'," + fields + "}").replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    /** How the decoder answers the same bad body. */
    enum Decoder {
        /** Refuses it with the same param and message. */
        SAME,
        /** Refuses it naming the same param (its own words, usually about translation). */
        SAME_PARAM,
        /**
         * Is laxer there, or refuses the body elsewhere as untranslatable: the scan, which always runs first, holds
         * the rule alone.
         */
        LAXER
    }

    static Stream<Arguments> badChatBodies() {
        return Stream.of(
                bad(
                        chat(USER + "," + USER + ",{'role':'user','content':42}", ""),
                        "messages[2].content",
                        "Invalid type for 'messages[2].content': expected a string or an array of content parts,"
                                + " but got an integer.",
                        Decoder.SAME),
                bad(
                        chat("", ""),
                        "messages",
                        "Invalid 'messages': empty array. Expected at least one message.",
                        Decoder.SAME),
                bad(
                        chat("{'content':'hi'}", ""),
                        "messages[0].role",
                        "Missing required parameter: 'messages[0].role'.",
                        Decoder.SAME),
                bad(
                        chat("{'role':'" + "x".repeat(500) + "','content':'hi'}", ""),
                        "messages[0].role",
                        "Invalid value for 'messages[0].role'. Supported values are: 'system', 'developer', 'user',"
                                + " 'assistant', 'tool' and 'function'.",
                        Decoder.SAME),
                bad(
                        chat("{'role':'user'}", ""),
                        "messages[0].content",
                        "Missing required parameter: 'messages[0].content'.",
                        Decoder.SAME),
                bad(
                        chat("{'role':'system','content':null}", ""),
                        "messages[0].content",
                        "Missing required parameter: 'messages[0].content'.",
                        Decoder.SAME),
                bad(
                        chat("{'role':'assistant','content':null}", ""),
                        "messages[0].content",
                        "Missing required parameter: 'messages[0].content'.",
                        Decoder.LAXER),
                bad(
                        chat("{'role':'user','content':[]}", ""),
                        "messages[0].content",
                        "Invalid 'messages[0].content': empty array. Expected at least one content part.",
                        Decoder.SAME_PARAM),
                bad(
                        chat("{'role':'user','content':[{'type':'text','text':7}]}", ""),
                        "messages[0].content[0].text",
                        "Invalid type for 'messages[0].content[0].text': expected a string, but got an integer.",
                        Decoder.SAME),
                bad(
                        chat("{'role':'user','content':[{'text':'hi'}]}", ""),
                        "messages[0].content[0].type",
                        "Missing required parameter: 'messages[0].content[0].type'.",
                        Decoder.SAME),
                bad(
                        chat("{'role':'user','content':[{'type':'image_url','image_url':{}}]}", ""),
                        "messages[0].content[0].image_url.url",
                        "Missing required parameter: 'messages[0].content[0].image_url.url'.",
                        Decoder.SAME),
                bad(
                        chat("{'role':'user','content':[{'type':'image_url'}]}", ""),
                        "messages[0].content[0].image_url",
                        "Missing required parameter: 'messages[0].content[0].image_url'.",
                        Decoder.SAME),
                bad(
                        chat("{'role':'user','content':[{'type':'input_audio','input_audio':{'data':'AA=='}}]}", ""),
                        "messages[0].content[0].input_audio.format",
                        "Missing required parameter: 'messages[0].content[0].input_audio.format'.",
                        Decoder.LAXER),
                bad(
                        chat("{'role':'user','content':[{'type':'file','file':{'file_id':1}}]}", ""),
                        "messages[0].content[0].file.file_id",
                        "Invalid type for 'messages[0].content[0].file.file_id': expected a string, but got an integer.",
                        Decoder.LAXER),
                bad(
                        chat(
                                "{'content':[{'type':'text','text':'a'},{'type':'image_url','image_url':{'url':'u'}}],"
                                        + "'role':'system'}",
                                ""),
                        "messages[0].content[1].type",
                        "Content part type 'image_url' is not allowed in a 'system' message.",
                        Decoder.SAME),
                bad(
                        chat("{'role':'user','content':[{'type':'refusal','refusal':'no'}]}", ""),
                        "messages[0].content[0].type",
                        "Content part type 'refusal' is not allowed in a 'user' message.",
                        Decoder.SAME),
                bad(
                        chat("{'role':'tool','content':'42'}", ""),
                        "messages[0].tool_call_id",
                        "Missing required parameter: 'messages[0].tool_call_id'.",
                        Decoder.SAME),
                bad(
                        chat(
                                USER + ",{'role':'assistant','tool_calls':[{'id':'c','type':'function',"
                                        + "'function':{'name':'f'}}]}",
                                ""),
                        "messages[1].tool_calls[0].function.arguments",
                        "Missing required parameter: 'messages[1].tool_calls[0].function.arguments'.",
                        Decoder.SAME),
                bad(
                        chat(
                                USER + ",{'role':'assistant','tool_calls':[{'type':'function',"
                                        + "'function':{'name':'f','arguments':'{}'}}]}",
                                ""),
                        "messages[1].tool_calls[0].id",
                        "Missing required parameter: 'messages[1].tool_calls[0].id'.",
                        Decoder.SAME),
                bad(
                        chat("{'role':'function','content':'x'}", ""),
                        "messages[0].name",
                        "Missing required parameter: 'messages[0].name'.",
                        Decoder.LAXER),
                bad(
                        chat(USER, "'max_tokens':0"),
                        "max_tokens",
                        "Invalid 'max_tokens': 0 is outside the allowed range 1 to 2147483647.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'max_completion_tokens':1.5"),
                        "max_completion_tokens",
                        "Invalid type for 'max_completion_tokens': expected an integer, but got a decimal number.",
                        Decoder.SAME),
                bad(chat(USER, "'n':0"), "n", "Invalid 'n': 0 is outside the allowed range 1 to 128.", Decoder.SAME),
                bad(
                        chat(USER, "'temperature':2.5"),
                        "temperature",
                        "Invalid 'temperature': the number is outside the allowed range 0 to 2.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'temperature':'hot'"),
                        "temperature",
                        "Invalid type for 'temperature': expected a number, but got a string.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'top_p':1.01"),
                        "top_p",
                        "Invalid 'top_p': the number is outside the allowed range 0 to 1.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'presence_penalty':-3"),
                        "presence_penalty",
                        "Invalid 'presence_penalty': the number is outside the allowed range -2 to 2.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'frequency_penalty':true"),
                        "frequency_penalty",
                        "Invalid type for 'frequency_penalty': expected a number, but got a boolean.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'logprobs':1"),
                        "logprobs",
                        "Invalid type for 'logprobs': expected a boolean, but got an integer.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'top_logprobs':21"),
                        "top_logprobs",
                        "Invalid 'top_logprobs': 21 is outside the allowed range 0 to 20.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'seed':'1'"),
                        "seed",
                        "Invalid type for 'seed': expected an integer, but got a string.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'stop':['a',1]"),
                        "stop[1]",
                        "Invalid type for 'stop[1]': expected a string, but got an integer.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'stop':{}"),
                        "stop",
                        "Invalid type for 'stop': expected a string or an array of strings, but got an object.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'user':5"),
                        "user",
                        "Invalid type for 'user': expected a string, but got an integer.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'logit_bias':{'50256':'x'}"),
                        "logit_bias",
                        "Invalid type for 'logit_bias': expected an object of numbers, but got a string.",
                        Decoder.LAXER),
                bad(
                        chat(USER, "'logit_bias':{'50256':-101}"),
                        "logit_bias",
                        "Invalid 'logit_bias': the number is outside the allowed range -100 to 100.",
                        Decoder.LAXER),
                bad(
                        chat(USER, "'parallel_tool_calls':'yes'"),
                        "parallel_tool_calls",
                        "Invalid type for 'parallel_tool_calls': expected a boolean, but got a string.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'tools':[{'type':'function','function':{'name':''}}]"),
                        "tools[0].function.name",
                        "Invalid 'tools[0].function.name': the name must not be empty.",
                        Decoder.LAXER),
                bad(
                        chat(USER, "'tools':[{'type':'function','function':{'description':'d'}}]"),
                        "tools[0].function.name",
                        "Missing required parameter: 'tools[0].function.name'.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'tools':[{'type':'function','function':{'name':'f','parameters':[]}}]"),
                        "tools[0].function.parameters",
                        "Invalid type for 'tools[0].function.parameters': expected an object, but got an array.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'tools':[{'function':{'name':'f'}}]"),
                        "tools[0].type",
                        "Missing required parameter: 'tools[0].type'.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'tools':[{'type':'function'}]"),
                        "tools[0].function",
                        "Missing required parameter: 'tools[0].function'.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'tool_choice':'sometimes'"),
                        "tool_choice",
                        "Invalid value for 'tool_choice'. Supported values are: 'none', 'auto', 'required' or a tool"
                                + " object.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'tool_choice':{'type':'function','function':{}}"),
                        "tool_choice.function.name",
                        "Missing required parameter: 'tool_choice.function.name'.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'response_format':{'type':'json_schema'}"),
                        "response_format.json_schema",
                        "Missing required parameter: 'response_format.json_schema'.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'response_format':{'type':'json_schema','json_schema':{'schema':{}}}"),
                        "response_format.json_schema.name",
                        "Missing required parameter: 'response_format.json_schema.name'.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'response_format':'json'"),
                        "response_format",
                        "Invalid type for 'response_format': expected an object, but got a string.",
                        Decoder.SAME),
                bad(
                        chat(USER, "'modalities':['text',1]"),
                        "modalities[1]",
                        "Invalid type for 'modalities[1]': expected a string, but got an integer.",
                        Decoder.LAXER),
                bad(
                        chat(USER, "'metadata':[]"),
                        "metadata",
                        "Invalid type for 'metadata': expected an object, but got an array.",
                        Decoder.SAME));
    }

    static Stream<Arguments> badEmbeddingBodies() {
        return Stream.of(
                bad(
                        embeddings("'input':''"),
                        "input",
                        "Invalid 'input': empty string. Expected a non-empty string.",
                        Decoder.LAXER),
                bad(
                        embeddings("'input':[]"),
                        "input",
                        "Invalid 'input': empty array. Expected at least one input.",
                        Decoder.SAME_PARAM),
                bad(
                        embeddings("'input':['a','']"),
                        "input[1]",
                        "Invalid 'input[1]': empty string. Expected a non-empty string.",
                        Decoder.LAXER),
                bad(
                        embeddings("'input':['a',1]"),
                        "input[1]",
                        "Invalid type for 'input[1]': expected a string, like the first input, but got an integer.",
                        Decoder.LAXER),
                bad(
                        embeddings("'input':[[1,2],[]]"),
                        "input[1]",
                        "Invalid 'input[1]': empty array. Expected at least one token.",
                        Decoder.LAXER),
                bad(
                        embeddings("'input':[[1,'a']]"),
                        "input[0][1]",
                        "Invalid type for 'input[0][1]': expected a token integer, but got a string.",
                        Decoder.LAXER),
                bad(
                        embeddings("'input':{}"),
                        "input",
                        "Invalid type for 'input': expected a string, an array of strings, an array of token integers"
                                + " or an array of token arrays, but got an object.",
                        Decoder.SAME_PARAM),
                bad(embeddings("'input':null"), "input", "Missing required parameter: 'input'.", Decoder.SAME),
                bad(
                        embeddings("'input':'a','dimensions':0"),
                        "dimensions",
                        "Invalid 'dimensions': 0 is outside the allowed range 1 to 2147483647.",
                        Decoder.SAME_PARAM),
                bad(
                        embeddings("'input':'a','encoding_format':'int8'"),
                        "encoding_format",
                        "Invalid value for 'encoding_format'. Supported values are: 'float' and 'base64'.",
                        Decoder.SAME));
    }

    private static Arguments bad(byte[] body, String param, String message, Decoder decoder) {
        return Arguments.of(new String(body, StandardCharsets.UTF_8), param, message, decoder);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badChatBodies")
    void scanChat_badField_isRefusedNamingIt(String body, String param, String message, Decoder decoder) {
        assertRefused(OpenAiPassThrough::scanChat, body, param, message);
        assertDecoder(OpenAiRequestDecoder::decodeChat, body, param, message, decoder);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badEmbeddingBodies")
    void scanEmbeddings_badField_isRefusedNamingIt(String body, String param, String message, Decoder decoder) {
        assertRefused(OpenAiPassThrough::scanEmbeddings, body, param, message);
        assertDecoder(OpenAiRequestDecoder::decodeEmbeddings, body, param, message, decoder);
    }

    private static void assertRefused(Function<byte[], ?> scan, String body, String param, String message) {
        assertThatThrownBy(() -> scan.apply(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).isEqualTo(param);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    private static void assertDecoder(
            Function<byte[], ?> decode, String body, String param, String message, Decoder decoder) {
        Runnable run = () -> decode.apply(body.getBytes(StandardCharsets.UTF_8));
        switch (decoder) {
            case SAME -> assertRefused(decode, body, param, message);
            case SAME_PARAM ->
                assertThatThrownBy(run::run)
                        .isInstanceOfSatisfying(
                                GatewayException.class,
                                e -> assertThat(e.param()).isEqualTo(param));
            case LAXER -> {
                // Nothing to hold: the decoder may accept it or refuse it for translation.
            }
        }
    }

    static Stream<Arguments> goodChatBodies() throws IOException, URISyntaxException {
        Path golden =
                Path.of(OpenAiRequestValidationTest.class.getResource("/golden").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(golden)) {
            files = walk.filter(p -> p.getFileName().toString().equals("request.json"))
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSizeGreaterThan(50);
        Stream<Arguments> goldenBodies =
                files.stream().map(p -> Arguments.of(golden.relativize(p).toString(), read(p)));
        Stream<Arguments> reference = Map.of(
                        "every optional field null",
                        chat(
                                USER,
                                "'max_tokens':null,'max_completion_tokens':null,'n':null,'temperature':null,"
                                        + "'top_p':null,'presence_penalty':null,'frequency_penalty':null,"
                                        + "'logprobs':null,'top_logprobs':null,'seed':null,'stop':null,"
                                        + "'logit_bias':null,'tools':null,'tool_choice':null,"
                                        + "'response_format':null,'metadata':null,'audio':null,'prediction':null,"
                                        + "'modalities':null,'store':null,'reasoning_effort':null,'service_tier':null"),
                        "SDK extras: audio, prediction, modalities, store, metadata, service tier, web search",
                        chat(
                                USER,
                                "'modalities':['text','audio'],'audio':{'voice':'alloy','format':'wav'},"
                                        + "'prediction':{'type':'content','content':'x'},'store':true,"
                                        + "'metadata':{'k':'v'},'service_tier':'flex','reasoning_effort':'xhigh',"
                                        + "'verbosity':'low','web_search_options':{'search_context_size':'low'},"
                                        + "'stream':true,'stream_options':{'include_usage':true}"),
                        "every part type, custom tools, and assistant turns without content",
                        chat(
                                "{'role':'developer','content':[{'type':'text','text':'be brief'}]},"
                                        + "{'role':'user','content':[{'type':'text','text':'a'},"
                                        + "{'type':'image_url','image_url':{'url':'https://x/y.png','detail':'low'}},"
                                        + "{'type':'input_audio','input_audio':{'data':'AA==','format':'mp3'}},"
                                        + "{'type':'file','file':{'file_id':'file-1'}},"
                                        + "{'type':'video_url','video_url':{'url':'v'}}]},"
                                        + "{'role':'assistant','content':null,'tool_calls':[{'id':'1','type':'function',"
                                        + "'function':{'name':'f','arguments':'{}'}},{'id':'2','type':'custom',"
                                        + "'custom':{'name':'g','input':'x'}}]},"
                                        + "{'role':'tool','tool_call_id':'1','content':[{'type':'text','text':'ok'}]},"
                                        + "{'role':'assistant','refusal':'no'},"
                                        + "{'role':'assistant','audio':{'id':'audio_1'}},"
                                        + "{'role':'assistant','content':[{'type':'refusal','refusal':'no'}]},"
                                        + "{'role':'function','name':'f','content':null}",
                                "'tools':[{'type':'function','function':{'name':'f','parameters':{}}},"
                                        + "{'type':'custom','custom':{'name':'g','format':{'type':'text'}}},"
                                        + "{'type':'browser_search'}],"
                                        + "'tool_choice':{'type':'allowed_tools','allowed_tools':{'mode':'auto',"
                                        + "'tools':[{'type':'function','function':{'name':'f'}}]}},"
                                        + "'response_format':{'type':'json_schema','json_schema':{'name':'n'}},"
                                        + "'stop':[],'seed':-9223372036854775808,'logit_bias':{'1':-100,'2':0.5}"))
                .entrySet()
                .stream()
                .map(e -> Arguments.of(e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8)));
        return Stream.concat(goldenBodies, reference);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodChatBodies")
    void scanChat_validRequest_passes_andDecodesOrIsRefusedOnlyAsUntranslatable(String name, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThatCode(() -> OpenAiPassThrough.scanChat(bytes)).doesNotThrowAnyException();
        try {
            OpenAiRequestDecoder.decodeChat(bytes);
        } catch (GatewayException refused) {
            assertThat(refused.getMessage())
                    .as("a body the scan accepts is refused by the decoder only for what cannot be translated")
                    .doesNotStartWith("Invalid type")
                    .doesNotStartWith("Missing required");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodEmbeddingBodies")
    void scanEmbeddings_validRequest_passes(String body) {
        assertThatCode(() -> OpenAiPassThrough.scanEmbeddings(body.getBytes(StandardCharsets.UTF_8)))
                .doesNotThrowAnyException();
    }

    static Stream<String> goodEmbeddingBodies() {
        return Stream.of(
                        "'input':'a'",
                        "'input':['a','b'],'encoding_format':'base64','dimensions':256,'user':'u'",
                        "'input':[1,2,3]",
                        "'input':[[1,2],[3]]",
                        "'input':'a','encoding_format':null,'dimensions':null,'x_vendor':{'k':[1]}")
                .map(f -> new String(embeddings(f), StandardCharsets.UTF_8));
    }

    @org.junit.jupiter.api.Test
    void rewrite_unknownFieldsAtEveryLevel_passThroughByteForByte() {
        String body = """
                {"x_top": {"deep": [1, 2.50, null]}, "model": "m",
                 "messages": [{"role": "user", "x_msg": true,
                   "content": [{"type": "text", "text": "hi", "x_part": "\u00e9"},
                               {"type": "video_url", "video_url": {"url": "v"}}]}],
                 "tools": [{"type": "function", "x_tool": 1, "function": {"name": "f", "x_fn": []}}],
                 "temperature": 0.70}""";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OpenAiPassThrough.Scan scan = OpenAiPassThrough.scanChat(bytes);

        assertThat(OpenAiPassThrough.rewrite(bytes, scan, "m", true, Map.of())).isSameAs(bytes);
        assertThat(new String(OpenAiPassThrough.rewrite(bytes, scan, "up", true, Map.of()), StandardCharsets.UTF_8))
                .isEqualTo(body.replace("\"model\": \"m\"", "\"model\": \"up\""));
    }
}
