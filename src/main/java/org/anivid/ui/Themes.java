package org.anivid.ui;

import javafx.scene.Scene;

/** Light and dark stylesheets over Modena; the choice is remembered in the user's preferences. */
public final class Themes {
    public enum Theme { LIGHT, DARK }

    private static final String BASE = Themes.class.getResource("studio.css").toExternalForm();
    private static final String DARK = Themes.class.getResource("dark.css").toExternalForm();
    private static final java.util.prefs.Preferences PREFS = java.util.prefs.Preferences.userNodeForPackage(Themes.class);

    private Theme current = Theme.LIGHT;

    public void apply(Scene scene, Theme fallback) {
        Theme saved;
        try {
            saved = Theme.valueOf(PREFS.get("theme", fallback.name()));
        } catch (IllegalArgumentException e) {
            saved = fallback;
        }
        set(scene, saved);
    }

    public void set(Scene scene, Theme theme) {
        current = theme;
        scene.getStylesheets().setAll(BASE);
        if (theme == Theme.DARK) {
            scene.getStylesheets().add(DARK);
        }
        PREFS.put("theme", theme.name());
    }

    public void toggle(Scene scene) {
        set(scene, current == Theme.LIGHT ? Theme.DARK : Theme.LIGHT);
    }

    public Theme current() {
        return current;
    }
}
