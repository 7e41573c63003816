package dev.meridian.core.protocol.openai;

import static dev.meridian.core.protocol.openai.ValidationCases.USER;
import static dev.meridian.core.protocol.openai.ValidationCases.assertDecoder;
import static dev.meridian.core.protocol.openai.ValidationCases.assertRefused;
import static dev.meridian.core.protocol.openai.ValidationCases.bad;
import static dev.meridian.core.protocol.openai.ValidationCases.chat;
import static dev.meridian.core.protocol.openai.ValidationCases.embeddings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.protocol.openai.ValidationCases.Decoder;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pass-through scan checks every embeddings field before any provider is called, accepts every valid request
 * (the golden files and the reference's own bodies), and the strict decoder (used when translating) agrees with it:
 * what the scan accepts decodes or is refused only as untranslatable. Unknown fields pass through byte for byte.
 * The chat refusals are in {@link OpenAiChatValidationTest}.
 */
class OpenAiRequestValidationTest {

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

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badEmbeddingBodies")
    void scanEmbeddings_badField_isRefusedNamingIt(String body, String param, String message, Decoder decoder) {
        assertRefused(OpenAiPassThrough::scanEmbeddings, body, param, message);
        assertDecoder(OpenAiRequestDecoder::decodeEmbeddings, body, param, message, decoder);
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
