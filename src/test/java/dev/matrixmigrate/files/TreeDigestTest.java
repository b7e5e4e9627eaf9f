package dev.matrixmigrate.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeDigestTest {
    @TempDir
    Path root;

    private Path tree(String name) throws IOException {
        Path dir = root.resolve(name);
        Files.createDirectories(dir.resolve("defaults"));
        Files.writeString(dir.resolve("defaults/main.yml"), "a: 1\n");
        Files.createDirectories(dir.resolve("tasks"));
        Files.createSymbolicLink(dir.resolve("tasks/link.yml"), Path.of("../defaults/main.yml"));
        return dir;
    }

    @Test
    void theSameTreeAnywhereHasTheSameDigestAndEveryChangeAnother() throws IOException {
        Path one = tree("one");
        String digest = TreeDigest.of(one);
        assertEquals(digest, TreeDigest.of(tree("two")), "where the tree is does not count");
        Files.writeString(one.resolve("defaults/main.yml"), "a: 2\n");
        String changed = TreeDigest.of(one);
        assertNotEquals(digest, changed, "a changed file");
        Files.createDirectories(one.resolve("meta"));
        assertNotEquals(changed, TreeDigest.of(one), "a new folder");
        Path three = tree("three");
        Files.delete(three.resolve("tasks/link.yml"));
        Files.createSymbolicLink(three.resolve("tasks/link.yml"), Path.of("../defaults/other.yml"));
        assertNotEquals(digest, TreeDigest.of(three), "a link pointing elsewhere");
        Path four = tree("four");
        Files.move(four.resolve("defaults/main.yml"), four.resolve("defaults/main2.yml"));
        assertNotEquals(digest, TreeDigest.of(four), "a renamed file");
        assertEquals("absent", TreeDigest.of(root.resolve("none")));
        assertNotEquals(TreeDigest.of(one.resolve("defaults/main.yml")), TreeDigest.of(root.resolve("two/defaults/main.yml")));
    }
}
