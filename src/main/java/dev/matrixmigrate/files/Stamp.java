package dev.matrixmigrate.files;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** The local time as the tool writes it into names: run ids, plan folders and backups. */
public final class Stamp {
    private static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private Stamp() {
    }

    public static String now() {
        return LocalDateTime.now().format(PATTERN);
    }
}
