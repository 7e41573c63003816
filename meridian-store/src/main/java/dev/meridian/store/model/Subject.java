package dev.meridian.store.model;

import static java.util.Objects.requireNonNull;

/**
 * A data subject of a tenant's request log, for erasure (GDPR article 17) and export (article 15): one user, or one
 * virtual key.
 */
public record Subject(Type type, String id) {

    public enum Type {
        USER("user_id"),
        KEY("key_id");

        private final String column;

        Type(String column) {
            this.column = column;
        }

        /** The request-log column that names the subject; also the admin API's parameter. */
        public String column() {
            return column;
        }
    }

    public Subject {
        requireNonNull(type, "type");
        requireNonNull(id, "id");
    }

    public static Subject user(String id) {
        return new Subject(Type.USER, id);
    }

    public static Subject key(String id) {
        return new Subject(Type.KEY, id);
    }
}
