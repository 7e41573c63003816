package dev.meridian.core.protocol.gemini;

import static dev.meridian.core.json.Fields.index;
import static dev.meridian.core.json.Fields.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a conversation as Gemini's {@code systemInstruction} and {@code contents}
 * (https://ai.google.dev/api/generate-content#request-body, https://ai.google.dev/api/caching#Content):
 * <ul>
 *   <li>system and developer messages become {@code systemInstruction.parts}, in order, wherever they stand;</li>
 *   <li>user messages are role {@code user}; assistant messages role {@code model} with their text and
 *       {@code functionCall} parts in the order the model produced them (args are the parsed arguments, the
 *       part keeps its {@code thoughtSignature}); reasoning parts are not sent back, as Gemini needs only the
 *       signatures on function calls (https://ai.google.dev/gemini-api/docs/thought-signatures);</li>
 *   <li>tool messages become role {@code user} {@code functionResponse} parts named after the call they answer;
 *       the response is the content when it is a JSON object, else {@code {"result": content}}, the key the
 *       Google SDKs use for automatic function calling (any key is allowed: https://ai.google.dev/api/caching#FunctionResponse);</li>
 *   <li>consecutive contents of the same role are merged, since Gemini expects turns to alternate.</li>
 * </ul>
 * Call ids are not sent: in generateContent, calls and responses are matched by their order in the contents
 * (the Developer API often sends calls without ids, and ids from other providers mean nothing to Gemini).
 *
 * <p>Gemini 3 rejects a request whose current turn (everything after the last user message) holds a model step
 * whose first {@code functionCall} lacks a signature. A history not produced by Gemini has none, so such a
 * call gets the documented placeholder {@value #SKIP_VALIDATION}.
 */
final class GeminiContents {

    /** The value Google documents for function calls in histories that Gemini did not generate. */
    static final String SKIP_VALIDATION = "skip_thought_signature_validator";

    private final ArrayNode contents = Json.NODES.arrayNode();
    private final ArrayNode system = Json.NODES.arrayNode();
    private final Map<String, String> callNames = new HashMap<>();
    private final int lastUserMessage;

    private GeminiContents(List<Message> messages) {
        int last = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).role() == Role.USER) {
                last = i;
            }
        }
        this.lastUserMessage = last;
    }

    /** Sets {@code contents} and, when there are instructions, {@code systemInstruction} on {@code body}. */
    static void write(List<Message> messages, ObjectNode body) {
        GeminiContents c = new GeminiContents(messages);
        for (int i = 0; i < messages.size(); i++) {
            c.message(messages.get(i), index("messages", i), i);
        }
        if (c.contents.isEmpty()) {
            throw GatewayException.invalid(
                    "messages",
                    "Invalid 'messages': Gemini needs at least one user,"
                            + " assistant or tool message besides the instructions.");
        }
        if (!c.system.isEmpty()) {
            body.putObject("systemInstruction").set("parts", c.system);
        }
        body.set("contents", c.contents);
    }

    private void message(Message m, String p, int i) {
        Role role = m.role();
        if (role.isInstruction()) {
            for (ContentPart part : m.content()) {
                if (!(part instanceof ContentPart.Text t)) {
                    throw GatewayException.invalid(path(p, "content"), "Gemini takes only text as instructions.");
                }
                system.addObject().put("text", t.text());
            }
        } else if (role == Role.USER) {
            ArrayNode parts = Json.NODES.arrayNode();
            for (int j = 0; j < m.content().size(); j++) {
                ContentPart part = m.content().get(j);
                if (part instanceof ContentPart.Text t) {
                    parts.addObject().put("text", t.text());
                } else if (part instanceof ContentPart.Image img) {
                    parts.add(GeminiImages.part(img.source(), path(index(path(p, "content"), j), "image_url.url")));
                } else {
                    throw GatewayException.invalid(path(p, "content"), "A user message cannot hold this content.");
                }
            }
            append("user", parts);
        } else if (role == Role.ASSISTANT) {
            append("model", modelParts(m, p, i > lastUserMessage));
        } else {
            append("user", Json.NODES.arrayNode().add(functionResponse(m, p)));
        }
    }

    private ArrayNode modelParts(Message m, String p, boolean currentTurn) {
        ArrayNode parts = Json.NODES.arrayNode();
        int calls = 0;
        for (ContentPart part : m.content()) {
            if (part instanceof ContentPart.Text t) {
                if (!t.text().isEmpty()) {
                    parts.addObject().put("text", t.text());
                }
            } else if (part instanceof ContentPart.ToolCall call) {
                String signature = call.thoughtSignature();
                if (signature == null && calls == 0 && currentTurn) {
                    signature = SKIP_VALIDATION;
                }
                ObjectNode node = parts.addObject();
                node.putObject("functionCall")
                        .put("name", call.name())
                        .set("args", arguments(call, path(index(path(p, "tool_calls"), calls), "function.arguments")));
                if (signature != null) {
                    node.put("thoughtSignature", signature);
                }
                callNames.put(call.id(), call.name());
                calls++;
            } else if (part instanceof ContentPart.Image) {
                throw GatewayException.invalid(path(p, "content"), "Gemini does not take images in model turns.");
            }
            // Thinking and RedactedThinking: not sent (see the class comment).
        }
        return parts;
    }

    private static JsonNode arguments(ContentPart.ToolCall call, String param) {
        if (call.arguments().isBlank()) {
            return Json.object();
        }
        try {
            JsonNode args = Json.parse(call.arguments().getBytes(StandardCharsets.UTF_8));
            if (args != null && args.isObject()) {
                return args;
            }
        } catch (IOException malformed) {
            // reported below
        }
        throw GatewayException.invalid(
                param, "Invalid '" + param + "': Gemini needs the arguments of a" + " function call as a JSON object.");
    }

    private ObjectNode functionResponse(Message m, String p) {
        String name = callNames.get(m.toolCallId());
        if (name == null) {
            throw GatewayException.invalid(
                    path(p, "tool_call_id"),
                    "Invalid '" + path(p, "tool_call_id") + "': no"
                            + " earlier assistant message has a tool call with id '" + m.toolCallId() + "'.");
        }
        String content = m.text();
        JsonNode response = null;
        try {
            response = Json.parse(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException notJson) {
            // wrapped below
        }
        if (response == null || !response.isObject()) {
            response = Json.object().put("result", content);
        }
        ObjectNode part = Json.object();
        part.putObject("functionResponse").put("name", name).set("response", response);
        return part;
    }

    private void append(String role, ArrayNode parts) {
        if (parts.isEmpty()) {
            return;
        }
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("parts")).addAll(parts);
            return;
        }
        ObjectNode content = contents.addObject();
        content.put("role", role);
        content.set("parts", parts);
    }
}
