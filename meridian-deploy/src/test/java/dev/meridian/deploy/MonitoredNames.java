package dev.meridian.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metric names that the Grafana dashboards (every {@code expr} of every panel and variable query) and the
 * Prometheus rules name, each with where it is named; and the names a {@code /metrics} page exports.
 */
final class MonitoredNames {
    /** Meridian's own series and the JVM's; {@code up} is Prometheus' own, not the gateway's. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:meridian|jvm|process|system)_[a-zA-Z0-9_]+)\\b");

    private static final Pattern EXPORTED = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

    private MonitoredNames() {}

    /** Name to the first place that names it. */
    static Map<String, String> named(Path deployDir) throws IOException {
        Map<String, String> names = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> dashboards = Files.list(deployDir.resolve("grafana/dashboards"))) {
            for (Path dashboard :
                    dashboards.filter(p -> p.toString().endsWith(".json")).toList()) {
                collect(
                        json.readTree(dashboard.toFile()),
                        dashboard.getFileName().toString(),
                        names);
            }
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> rules = Files.list(deployDir.resolve("prometheus"))) {
            for (Path file : rules.filter(p -> p.toString().endsWith(".yml")).toList()) {
                collect(yaml.readTree(file.toFile()), file.getFileName().toString(), names);
            }
        }
        return names;
    }

    private static void collect(JsonNode node, String where, Map<String, String> names) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                boolean query = field.getKey().equals("expr") || field.getKey().equals("definition");
                if (query && value.isTextual()) {
                    Matcher matcher = METRIC.matcher(value.asText());
                    while (matcher.find()) {
                        names.putIfAbsent(
                                matcher.group(1), where + ": " + value.asText().strip());
                    }
                } else {
                    collect(value, where, names);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, where, names));
        }
    }

    /** Every series name on a Prometheus text page (histograms appear as their _bucket, _sum and _count). */
    static Set<String> exported(String metricsPage) {
        Set<String> names = new TreeSet<>();
        for (String line : metricsPage.lines().toList()) {
            Matcher matcher = EXPORTED.matcher(line);
            if (!line.startsWith("#") && matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
