package dev.meridian.store.repo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.meridian.store.model.VolumeTier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JSON text columns: lists of model names, string maps and volume discount tiers. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + value, e);
        }
    }

    static List<String> list(String json) {
        try {
            return MAPPER.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored JSON list is corrupt: " + json, e);
        }
    }

    static Map<String, String> map(String json) {
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored JSON map is corrupt: " + json, e);
        }
    }

    /** Tiers as stored: {@code [{"from_tokens": 100000, "percent": 5}, ...]}; null stays null (the default). */
    static String tiers(List<VolumeTier> tiers) {
        if (tiers == null) {
            return null;
        }
        ArrayNode array = MAPPER.createArrayNode();
        for (VolumeTier t : tiers) {
            array.addObject().put("from_tokens", t.fromTokens()).put("percent", t.percent());
        }
        return array.toString();
    }

    static List<VolumeTier> tiers(String json) {
        if (json == null) {
            return null;
        }
        try {
            List<VolumeTier> tiers = new ArrayList<>();
            for (JsonNode t : MAPPER.readTree(json)) {
                tiers.add(new VolumeTier(
                        t.path("from_tokens").asLong(), t.path("percent").asDouble()));
            }
            return tiers;
        } catch (JsonProcessingException e) {
            throw new StoreException("stored volume discounts are corrupt: " + json, e);
        }
    }
}
