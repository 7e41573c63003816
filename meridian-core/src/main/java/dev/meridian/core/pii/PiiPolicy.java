package dev.meridian.core.pii;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What one tenant (or the gateway's default) does about personal data: the action per data class (a built-in
 * class's key or a custom class's name), the action for classes not listed, whether masking is reversible, and
 * the tenant's own patterns.
 */
public record PiiPolicy(
        boolean enabled,
        PiiAction defaultAction,
        Map<String, PiiAction> actions,
        boolean reversible,
        PiiScanner scanner) {

    public static final PiiPolicy OFF = new PiiPolicy(false, PiiAction.ALLOW, Map.of(), false, PiiScanner.BUILT_IN);

    public PiiPolicy {
        requireNonNull(defaultAction, "defaultAction");
        actions = Map.copyOf(actions);
        requireNonNull(scanner, "scanner");
    }

    /** The action for data of class {@code type}. */
    public PiiAction action(String type) {
        return actions.getOrDefault(type, defaultAction);
    }

    /** Whether any class could be masked or blocked: otherwise there is nothing to scan for. */
    public boolean active() {
        if (!enabled) {
            return false;
        }
        if (defaultAction != PiiAction.ALLOW) {
            return true;
        }
        return actions.values().stream().anyMatch(a -> a != PiiAction.ALLOW);
    }
}
