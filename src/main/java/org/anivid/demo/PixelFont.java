package org.anivid.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.Map;

/**
 * A 5×7 bitmap font for the burnt-in subtitle. The demo draws its own glyphs instead of using a system font so
 * that the picture is the same on every machine (and headless machines without fonts work).
 */
final class PixelFont {
    static final int GLYPH_W = 5;
    static final int GLYPH_H = 7;

    private static final Map<Character, String> GLYPHS = Map.ofEntries(
            Map.entry('A', ".###.#...##...#######...##...##...#"),
            Map.entry('B', "####.#...##...#####.#...##...#####."),
            Map.entry('C', ".###.#...##....#....#....#...#.###."),
            Map.entry('D', "####.#...##...##...##...##...#####."),
            Map.entry('E', "######....#....####.#....#....#####"),
            Map.entry('F', "######....#....####.#....#....#...."),
            Map.entry('G', ".###.#...##....#.####...##...#.###."),
            Map.entry('H', "#...##...##...#######...##...##...#"),
            Map.entry('I', ".###...#....#....#....#....#...###."),
            Map.entry('J', "..###...#....#....#....#.#..#..##.."),
            Map.entry('K', "#...##..#.#.#..##...#.#..#..#.#...#"),
            Map.entry('L', "#....#....#....#....#....#....#####"),
            Map.entry('M', "#...###.###.#.##.#.##...##...##...#"),
            Map.entry('N', "#...##...###..##.#.##..###...##...#"),
            Map.entry('O', ".###.#...##...##...##...##...#.###."),
            Map.entry('P', "####.#...##...#####.#....#....#...."),
            Map.entry('Q', ".###.#...##...##...##.#.##..#..##.#"),
            Map.entry('R', "####.#...##...#####.#.#..#..#.#...#"),
            Map.entry('S', ".#####....#.....###.....#....#####."),
            Map.entry('T', "#####..#....#....#....#....#....#.."),
            Map.entry('U', "#...##...##...##...##...##...#.###."),
            Map.entry('V', "#...##...##...##...##...#.#.#...#.."),
            Map.entry('W', "#...##...##...##.#.##.#.##.#.#.#.#."),
            Map.entry('X', "#...##...#.#.#...#...#.#.#...##...#"),
            Map.entry('Y', "#...##...#.#.#...#....#....#....#.."),
            Map.entry('Z', "#####....#...#...#...#...#....#####"),
            Map.entry('!', "..#....#....#....#....#.........#.."),
            Map.entry('?', ".###.#...#....#...#...#.........#.."),
            Map.entry(',', "...........................#...#..."),
            Map.entry('.', "................................#.."),
            Map.entry('\'', "..#....#...#......................."),
            Map.entry(' ', "..................................."));

    private PixelFont() {
    }

    /** Width in pixels of a line drawn with {@code scale}-pixel dots (one dot of spacing between glyphs). */
    static int width(String text, int scale) {
        return text.isEmpty() ? 0 : (text.length() * (GLYPH_W + 1) - 1) * scale;
    }

    /** Draws white text with a black border, top-left at {@code (x, y)}. */
    static void drawOutlined(Graphics2D g, String text, int x, int y, int scale, int border) {
        g.setColor(Color.BLACK);
        forEachDot(text, x, y, scale, (dx, dy) -> g.fillRect(dx - border, dy - border, scale + 2 * border,
                scale + 2 * border));
        g.setColor(Color.WHITE);
        forEachDot(text, x, y, scale, (dx, dy) -> g.fillRect(dx, dy, scale, scale));
    }

    /** Draws text in one colour, top-left at {@code (x, y)} (speech-bubble text of {@link SyntheticFaces}). */
    static void draw(Graphics2D g, String text, int x, int y, int scale, Color color) {
        g.setColor(color);
        forEachDot(text, x, y, scale, (dx, dy) -> g.fillRect(dx, dy, scale, scale));
    }

    private interface Dot {
        void at(int x, int y);
    }

    private static void forEachDot(String text, int x, int y, int scale, Dot dot) {
        for (int i = 0; i < text.length(); i++) {
            String glyph = GLYPHS.get(text.charAt(i));
            if (glyph == null) {
                throw new IllegalArgumentException("no glyph for '" + text.charAt(i) + "'");
            }
            int gx = x + i * (GLYPH_W + 1) * scale;
            for (int row = 0; row < GLYPH_H; row++) {
                for (int col = 0; col < GLYPH_W; col++) {
                    if (glyph.charAt(row * GLYPH_W + col) == '#') {
                        dot.at(gx + col * scale, y + row * scale);
                    }
                }
            }
        }
    }
}
