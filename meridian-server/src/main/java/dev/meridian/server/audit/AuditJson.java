package dev.meridian.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.store.model.AuditEntry;
import dev.meridian.store.model.ChainedAuditEntry;

/** The JSON form of an audit entry: in the admin API, and with its chain fields in the file and the webhook. */
public final class AuditJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AuditJson() {}

    /** The entry, before and after as objects. */
    public static ObjectNode entry(AuditEntry e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", e.id());
        n.put("ts", e.ts().toString());
        n.put("actor", e.actor());
        n.put("tenant_id", e.tenantId());
        n.put("action", e.action());
        n.put("target_type", e.targetType());
        n.put("target_id", e.targetId());
        n.set("before", parse(e.beforeJson()));
        n.set("after", parse(e.afterJson()));
        n.put("source_ip", e.sourceIp());
        return n;
    }

    /** The entry with {@code seq}, {@code prev_hash} and {@code hash}: what a copy needs to check the chain. */
    public static ObjectNode chained(ChainedAuditEntry c) {
        ObjectNode n = entry(c.entry());
        n.put("seq", c.seq());
        n.put("prev_hash", c.prevHash());
        n.put("hash", c.hash());
        return n;
    }

    /** One line of JSON. */
    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
    }

    /**
     * {@code json} with every lone UTF-16 surrogate written as a JSON escape ({@code \\ud800}): the same JSON value,
     * but text that UTF-8 can encode, so neither the file nor the database drops or alters it. (Admin input is refused
     * such text; this keeps the audit whole whatever reaches it.)
     */
    public static String encodable(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < json.length()
                    && Character.isLowSurrogate(json.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(json.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? json : out.toString();
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return NullNode.getInstance();
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return MAPPER.getNodeFactory().textNode(json);
        }
    }
}
