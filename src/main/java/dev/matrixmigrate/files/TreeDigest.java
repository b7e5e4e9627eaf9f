package dev.matrixmigrate.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SHA-256 of a file, or of a folder's whole tree: every entry's path relative to the folder, its kind and its
 * content (a link's target, never what it points to), in the order of their paths. The same tree gives the same
 * digest wherever it is; a file added, removed, renamed or changed gives another.
 */
public final class TreeDigest {
    private TreeDigest() {
    }

    /** The digest, in hex; "absent" when there is nothing at {@code path}. */
    public static String of(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return "absent";
        }
        MessageDigest digest = sha256();
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> entries = walk.sorted().toList();
            for (Path entry : entries) {
                String name = path.relativize(entry).toString();
                if (Files.isSymbolicLink(entry)) {
                    update(digest, "link", name, Files.readSymbolicLink(entry).toString().getBytes(StandardCharsets.UTF_8));
                } else if (Files.isDirectory(entry)) {
                    update(digest, "dir", name, new byte[0]);
                } else {
                    digest.update(("file\0" + name + "\0" + Files.size(entry) + "\0").getBytes(StandardCharsets.UTF_8));
                    try (InputStream in = Files.newInputStream(entry)) {
                        byte[] buffer = new byte[65536];
                        for (int read; (read = in.read(buffer)) > 0; ) {
                            digest.update(buffer, 0, read);
                        }
                    }
                    digest.update((byte) 0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String kind, String name, byte[] content) {
        digest.update((kind + "\0" + name + "\0").getBytes(StandardCharsets.UTF_8));
        digest.update(content);
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
