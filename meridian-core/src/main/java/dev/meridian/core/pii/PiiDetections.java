package dev.meridian.core.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the PII policy found in one request: how many values of each data class, and the action the policy took for
 * that class (one action per class and request). Its stored form, in the request log's {@code pii} column and the
 * journal, is a compact JSON object of class to action to count, classes sorted:
 * {@code {"card":{"block":1},"email":{"mask":2}}}. Never holds a value, only classes and counts.
 */
public final class PiiDetections {

    /** Nothing found. */
    public static final PiiDetections NONE = new PiiDetections(new TreeMap<>());

    private final TreeMap<String, Map.Entry<PiiAction, Integer>> byClass;

    private PiiDetections(TreeMap<String, Map.Entry<PiiAction, Integer>> byClass) {
        this.byClass = byClass;
    }

    /** The detections of a scan: {@code found} (class to count) under the actions of {@code policy}. */
    public static PiiDetections of(PiiPolicy policy, Map<String, Integer> found) {
        if (found.isEmpty()) {
            return NONE;
        }
        TreeMap<String, Map.Entry<PiiAction, Integer>> byClass = new TreeMap<>();
        found.forEach((type, count) -> byClass.put(type, Map.entry(policy.action(type), count)));
        return new PiiDetections(byClass);
    }

    public boolean isEmpty() {
        return byClass.isEmpty();
    }

    /** Visits each class found with its action's wire name ({@code mask}, {@code block}, {@code allow}) and count. */
    public void forEach(Visitor visitor) {
        byClass.forEach((type, e) -> visitor.visit(type, wire(e.getKey()), e.getValue()));
    }

    /** One class's detections. */
    @FunctionalInterface
    public interface Visitor {
        void visit(String type, String action, int count);
    }

    /** The stored form ({@code {"email":{"mask":2}}}), or null when nothing was found. */
    public String json() {
        if (isEmpty()) {
            return null;
        }
        ObjectNode root = Json.object();
        forEach((type, action, count) -> root.putObject(type).put(action, count));
        return new String(Json.bytes(root), StandardCharsets.UTF_8);
    }

    /** The stored form read back as a JSON object; an empty object for null or text that is not one. */
    public static ObjectNode parse(String stored) {
        if (stored == null) {
            return Json.object();
        }
        try {
            JsonNode node = Json.parseTrusted(stored);
            return node instanceof ObjectNode o ? o : Json.object();
        } catch (RuntimeException e) {
            return Json.object();
        }
    }

    private static String wire(PiiAction action) {
        return action.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return isEmpty() ? "{}" : json();
    }
}
