package dev.meridian.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.Locale;
import picocli.CommandLine;

/** How an admin command prints its result: {@code table} for people, {@code json} and {@code yaml} for tools. */
enum OutputFormat {
    TABLE,
    JSON,
    YAML;

    private static final YAMLMapper YAML_MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .build())
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    /** The tree as YAML, one document without the leading {@code ---}. */
    static String yaml(JsonNode tree) {
        try {
            return YAML_MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code -o} in any case; an unknown format is refused naming the ones there are. */
    static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "unknown output format '" + value + "'; use table, json or yaml");
            }
        }
    }
}
