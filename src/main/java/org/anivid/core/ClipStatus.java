package org.anivid.core;

public enum ClipStatus {
    PROPOSED, ACCEPTED, REJECTED;

    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ClipStatus fromDb(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
