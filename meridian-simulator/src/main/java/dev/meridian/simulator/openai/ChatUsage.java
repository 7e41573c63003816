package dev.meridian.simulator.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.simulator.engine.Json;

/**
 * Token usage of one chat completion.
 *
 * @param prompt prompt tokens
 * @param cached of which served from the prompt cache
 * @param completion completion tokens, reasoning included
 * @param reasoning of which hidden reasoning
 */
record ChatUsage(int prompt, int cached, int completion, int reasoning) {

    /** OpenAI's {@code usage} object, with the token details objects the API always sends. */
    ObjectNode toJson() {
        ObjectNode usage = Json.object();
        usage.put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cached).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details")
                .put("reasoning_tokens", reasoning)
                .put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0)
                .put("rejected_prediction_tokens", 0);
        return usage;
    }
}
