package dev.matrixmigrate.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Text written in a template with its lines wrapped, made one line a paragraph and one line a list item: a blank
 * line separates paragraphs and lists, a line beginning with "- " begins an item, any other line goes on the one
 * before it.
 */
public final class Prose {
    private Prose() {
    }

    public static String unwrap(String wrapped) {
        List<String> blocks = new ArrayList<>();
        for (String block : wrapped.strip().split("\\n\\s*\\n")) {
            List<String> lines = new ArrayList<>();
            for (String line : block.strip().split("\\n")) {
                String text = line.strip();
                if (lines.isEmpty() || text.startsWith("- ")) {
                    lines.add(text);
                } else {
                    lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + text);
                }
            }
            blocks.add(String.join("\n", lines));
        }
        return String.join("\n\n", blocks);
    }
}
