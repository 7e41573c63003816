package dev.meridian.core.protocol.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Param;
import dev.meridian.core.model.Reasoning;
import dev.meridian.core.model.ResponseFormat;
import dev.meridian.core.model.Role;
import dev.meridian.core.model.Tool;
import dev.meridian.core.model.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Responses API request body as its door read and validated it: the tree (kept for pass-through and for the
 * fields a response echoes), what routing and the store need, the input as items and as canonical messages, and
 * the chat parameters it maps to.
 *
 * @param refusal what a translation to chat completions cannot express (a built-in tool, a field chat has no
 *                counterpart for), refused when the request is translated; null when everything translates
 */
record ResponsesBody(
        ObjectNode root,
        String model,
        boolean stream,
        boolean store,
        String previousResponseId,
        String instructions,
        ArrayNode input,
        List<Message> inputMessages,
        Integer maxOutputTokens,
        Double temperature,
        Double topP,
        List<Tool> tools,
        ToolChoice toolChoice,
        Boolean parallelToolCalls,
        ResponseFormat responseFormat,
        Reasoning reasoning,
        String user,
        JsonNode metadata,
        Set<Param> params,
        GatewayException refusal) {

    /** The canonical chat request: the instructions, then {@code earlier} (a stored conversation), then the input. */
    ChatRequest chat(List<Message> earlier) {
        List<Message> messages = new ArrayList<>(earlier.size() + inputMessages.size() + 1);
        if (instructions != null) {
            messages.add(Message.of(Role.SYSTEM, instructions));
        }
        messages.addAll(earlier);
        messages.addAll(inputMessages);
        return new ChatRequest(
                model,
                messages,
                stream,
                stream,
                maxOutputTokens,
                temperature,
                topP,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                tools,
                toolChoice,
                parallelToolCalls,
                responseFormat,
                reasoning,
                user,
                metadata,
                params,
                Map.of());
    }
}
