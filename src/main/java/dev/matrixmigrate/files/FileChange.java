package dev.matrixmigrate.files;

import java.nio.file.Path;

/**
 * A file the tool is about to write: where, what, and whether it is private (mode 0600).
 * Computed in full before anything is written, so invalid input touches nothing.
 */
public record FileChange(Path path, String content, boolean secret) {
    public static FileChange of(Path path, String content) {
        return new FileChange(path, content, false);
    }

    public static FileChange secret(Path path, String content) {
        return new FileChange(path, content, true);
    }
}
