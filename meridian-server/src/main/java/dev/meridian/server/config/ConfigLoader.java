package dev.meridian.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the YAML configuration: parse, substitute environment variables in values, check every key and value
 * against the configuration records ({@link ShapeCheck}), bind to {@link MeridianConfig}, add the demo models
 * when asked, then validate references and ranges. Every problem found in all these steps is reported at once,
 * each naming its key; a value reported once (unset variable, wrong type) is not reported again by later steps.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(UnitDeserializers.module())
            .build();

    private ConfigLoader() {}

    public static MeridianConfig load(Path file, Function<String, String> env) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("configuration file " + file + " cannot be read: " + e.getMessage());
        }
        return parse(text, env);
    }

    public static MeridianConfig parse(String yaml, Function<String, String> env) {
        return parse(yaml, Map.of(), env);
    }

    /**
     * Like {@link #parse(String, Function)} with model groups set through the admin API laid over the file's: each
     * {@code models} entry replaces (or adds) {@code models.<name>}. They are laid after environment substitution,
     * so a {@code ${...}} in them stays as written, and are then checked with the rest of the file.
     */
    public static MeridianConfig parse(String yaml, Map<String, JsonNode> models, Function<String, String> env) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException("the file is not valid YAML: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ")");
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            tree = YAML.createObjectNode();
        }
        if (!tree.isObject()) {
            throw new ConfigException("the top level must be a mapping of keys (server, auth, providers, models)");
        }
        Problems problems = new Problems();
        ObjectNode substituted = (ObjectNode) substitute(tree, "", env, problems);
        if (!models.isEmpty()) {
            JsonNode fileModels = substituted.get("models");
            ObjectNode merged = fileModels instanceof ObjectNode o ? o.deepCopy() : YAML.createObjectNode();
            models.forEach(merged::set);
            substituted.set("models", merged);
        }
        ObjectNode clean = ShapeCheck.clean(substituted, MeridianConfig.class, problems);
        MeridianConfig config;
        try {
            config = YAML.treeToValue(clean, MeridianConfig.class);
        } catch (JsonMappingException e) {
            // The shape check leaves nothing binding refuses; should it, the problem is still named by its key.
            problems.add(describe(e));
            throw problems.exception();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            problems.add("(top level): the configuration could not be read");
            throw problems.exception();
        }
        config = DemoModels.addTo(config, problems);
        problems.addChecked(ConfigValidator.problems(config));
        if (!problems.isEmpty()) {
            throw problems.exception();
        }
        return config;
    }

    private static JsonNode substitute(JsonNode node, String key, Function<String, String> env, Problems problems) {
        if (node.isTextual()) {
            return TextNode.valueOf(EnvSubstitution.apply(node.textValue(), key, env, problems));
        }
        if (node.isObject()) {
            ObjectNode copy = YAML.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(
                        e.getKey(),
                        substitute(e.getValue(), key.isEmpty() ? e.getKey() : key + "." + e.getKey(), env, problems));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = YAML.createArrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(substitute(node.get(i), key + "[" + i + "]", env, problems));
            }
            return copy;
        }
        return node;
    }

    private static String describe(JsonMappingException e) {
        String key = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        if (e instanceof UnrecognizedPropertyException u) {
            return (key.isEmpty() ? u.getPropertyName() : key) + ": unknown key; known keys here are "
                    + u.getKnownPropertyIds();
        }
        Throwable cause = e.getCause();
        while (cause != null && cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        String why = cause instanceof IllegalArgumentException ? cause.getMessage() : "is not valid here";
        return (key.isEmpty() ? "(top level)" : key) + ": " + why;
    }
}
