package org.anivid.demo;

import java.awt.Color;

/**
 * The two characters of the demo episode. They differ in every way a detector or a person tells characters
 * apart: hair colour (dark indigo / golden), hair shape (long straight hair with blunt bangs / short bob with
 * swept, spiky bangs and an ahoge), eye colour and clothes.
 */
public enum AnimeCharacter {
    A("Aoi", "long straight dark-indigo hair, blunt pointed bangs, long side locks, blue eyes, sailor uniform",
            HairStyle.LONG_STRAIGHT,
            new Color(0x2F3B73), new Color(0x222A55), new Color(0x5D6DB4), new Color(0x1E254A),
            new Color(0x2E6FD0), new Color(0x163A7A),
            new Color(0xF4F4F8), new Color(0x263266), new Color(0xD63C4A)),
    B("Hina", "short golden bob, swept spiky bangs with an ahoge, green eyes, maroon blazer",
            HairStyle.BOB,
            new Color(0xF2B23E), new Color(0xD08A20), new Color(0xFFE39A), new Color(0xA85F18),
            new Color(0x38A05A), new Color(0x1B5530),
            new Color(0x7A2E43), new Color(0xFFFFFF), new Color(0x2B6FB0));

    /** Overall hair shape. */
    public enum HairStyle { LONG_STRAIGHT, BOB }

    private final String displayName;
    private final String description;
    final HairStyle hairStyle;
    final Color hair;
    final Color hairShade;
    final Color hairHighlight;
    final Color brow;
    final Color iris;
    final Color irisDark;
    /** Main clothes colour. */
    final Color clothes;
    /** Collar (A) or shirt (B). */
    final Color clothesSecond;
    /** Ribbon (A) or tie (B). */
    final Color accent;

    AnimeCharacter(String displayName, String description, HairStyle hairStyle, Color hair, Color hairShade,
                   Color hairHighlight, Color brow, Color iris, Color irisDark, Color clothes, Color clothesSecond,
                   Color accent) {
        this.displayName = displayName;
        this.description = description;
        this.hairStyle = hairStyle;
        this.hair = hair;
        this.hairShade = hairShade;
        this.hairHighlight = hairHighlight;
        this.brow = brow;
        this.iris = iris;
        this.irisDark = irisDark;
        this.clothes = clothes;
        this.clothesSecond = clothesSecond;
        this.accent = accent;
    }

    /** How the renderer draws this character: its colours on the demo's default face geometry. */
    FaceLook look() {
        return new FaceLook(hairStyle, new FaceLook.Palette(FaceRenderer.SKIN, FaceRenderer.SKIN_SHADE, FaceRenderer.LINE,
                hair, hairShade, hairHighlight, brow, iris, irisDark, clothes, clothesSecond, accent, true),
                FaceLook.Geometry.of(hairStyle));
    }

    /** The id used in truth.json ({@code "A"}, {@code "B"}). */
    public String id() {
        return name();
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }
}
