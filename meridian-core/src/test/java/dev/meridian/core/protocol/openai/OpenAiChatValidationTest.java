package dev.meridian.core.protocol.openai;

import static dev.meridian.core.protocol.openai.ValidationCases.USER;
import static dev.meridian.core.protocol.openai.ValidationCases.assertDecoder;
import static dev.meridian.core.protocol.openai.ValidationCases.assertRefused;
import static dev.meridian.core.protocol.openai.ValidationCases.bad;
import static dev.meridian.core.protocol.openai.ValidationCases.chat;

import dev.meridian.core.protocol.openai.ValidationCases.Decoder;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every chat-completions field OpenAI's reference defines is checked by the pass-through scan before any provider is
 * called, naming the field's path; the strict decoder (used when translating) agrees where it reads the same field.
 */
class OpenAiChatValidationTest {

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

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badChatBodies")
    void scanChat_badField_isRefusedNamingIt(String body, String param, String message, Decoder decoder) {
        assertRefused(OpenAiPassThrough::scanChat, body, param, message);
        assertDecoder(OpenAiRequestDecoder::decodeChat, body, param, message, decoder);
    }
}
