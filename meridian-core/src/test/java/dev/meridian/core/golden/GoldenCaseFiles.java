package dev.meridian.core.golden;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.core.provider.ProviderAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One golden case's directory ({@code <root><provider>/<case>/}) and what the runners read from it: its files, its
 * optional {@code case.json} (upstream model, provider settings) and the adapter it names. Shared by the golden
 * runners of each front door.
 */
interface GoldenCaseFiles {

    String provider();

    Path dir();

    /** The prefix of a case's path in failure messages, e.g. {@code completions/}; empty for the chat door. */
    String root();

    default ProviderAdapter adapter() throws IOException {
        return GoldenProviders.adapter(provider(), meta().path("settings"));
    }

    default String upstreamModel() throws IOException {
        return meta().path("upstreamModel").asText("upstream-model");
    }

    default JsonNode meta() throws IOException {
        return has("case.json") ? Json.parseTrusted(text("case.json")) : Json.object();
    }

    default boolean has(String file) {
        return Files.exists(dir().resolve(file));
    }

    default byte[] read(String file) throws IOException {
        return Files.readAllBytes(dir().resolve(file));
    }

    default String text(String file) throws IOException {
        return Files.readString(dir().resolve(file));
    }

    default String where(String file) {
        return root() + provider() + "/" + dir().getFileName() + "/" + file;
    }

    default JsonNode parse(byte[] json) {
        try {
            return Json.parse(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
