package dev.meridian.server.admin;

import static dev.meridian.server.admin.Access.checkSuperAdmin;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.config.ConfigControl;
import dev.meridian.server.config.ModelOverlays;
import dev.meridian.server.config.ReloadStatus;
import dev.meridian.store.repo.ConfigOverlayRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code /config}: the configuration's status, and model groups set through the API ({@code PUT} and {@code DELETE
 * /config/models/{name}}), laid over the file's {@code models} on every replica. A group is stored only when the
 * whole configuration with it passes {@code config check}; refused, every problem is in the 400's message. Runs on a
 * worker thread; super-admin only.
 */
final class ConfigAdmin {
    static final String SET = "config.model.set";
    static final String DELETE = "config.model.delete";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private final ConfigControl control;

    ConfigAdmin(ConfigControl control) {
        this.control = requireNonNull(control, "control");
    }

    /** {@code GET /config}. */
    Object status(Actor actor) {
        checkSuperAdmin(actor, "read the configuration's status");
        ReloadStatus.View v = control.status().view();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("source", v.source());
        view.put("version", v.version());
        view.put("sha256", v.sha256());
        view.put("applied_at", v.appliedAt());
        view.put("last_reload", v.lastReload());
        ModelOverlays models = control.models();
        view.put("admin_models", models == null ? List.of() : List.copyOf(models.names()));
        return view;
    }

    /** {@code PUT /config/models/{name}}: the body is the group as it would be written under models.{name}. */
    Object putModel(AdminService s, Actor actor, String name, JsonNode document) {
        checkSuperAdmin(actor, "change the configuration");
        ModelOverlays models = models(name);
        if (document == null || !document.isObject()) {
            throw GatewayException.invalid(
                    null, "The body must be a JSON object: the model group as written under models." + name + ".");
        }
        refuseIfInvalid(name, models.problemsWith(name, document));
        JsonNode before = models.stored().get(name);
        s.database().configOverlays().put(ConfigOverlayRepository.MODELS, name, document.toString(), actor.id());
        models.reloadStored();
        s.audit().record(actor, null, SET, "model", name, before, document);
        return view(name, document);
    }

    /** {@code DELETE /config/models/{name}}: the file's models.{name}, if any, applies again. */
    Object deleteModel(AdminService s, Actor actor, String name) {
        checkSuperAdmin(actor, "change the configuration");
        ModelOverlays models = models(name);
        JsonNode before = models.stored().get(name);
        if (before == null) {
            throw GatewayException.builder(
                            ErrorCode.NOT_FOUND, "Model group `" + name + "` was not set through the API.")
                    .param("name")
                    .build();
        }
        refuseIfInvalid(name, models.problemsWith(name, null));
        s.database().configOverlays().delete(ConfigOverlayRepository.MODELS, name);
        models.reloadStored();
        s.audit().record(actor, null, DELETE, "model", name, before, null);
        return Map.of("id", name, "object", "config.model", "deleted", true);
    }

    private ModelOverlays models(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw GatewayException.invalid(
                    "name",
                    "`name` must be 1 to 128 letters, digits, `.`, `_`, `:` or `-`, starting with a letter or digit.");
        }
        ModelOverlays models = control.models();
        if (models == null) {
            throw GatewayException.invalid(
                    "name",
                    "This gateway did not start from a configuration file: there is no file to lay model groups over.");
        }
        return models;
    }

    /** 400 with every problem; {@code param} is the first problem's key inside the group when it is one. */
    private static void refuseIfInvalid(String name, List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        String prefix = "models." + name + ".";
        String first = problems.get(0);
        String inGroup = first.startsWith(prefix) ? first.substring(prefix.length()) : null;
        String param = inGroup == null || inGroup.indexOf(':') < 0 ? null : inGroup.substring(0, inGroup.indexOf(':'));
        throw GatewayException.invalid(
                param, "The configuration with this change is invalid:\n  - " + String.join("\n  - ", problems));
    }

    private static Map<String, Object> view(String name, JsonNode document) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", name);
        view.put("object", "config.model");
        view.put("source", "admin");
        view.put("document", document);
        return view;
    }
}
