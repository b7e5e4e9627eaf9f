package dev.matrixmigrate.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The packages of src/main use each other in layers: no package reaches back to one that uses it. */
class PackageLayersTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/matrixmigrate");
    private static final Pattern USE = Pattern.compile("\\bdev\\.matrixmigrate\\.([a-z]+)\\.");

    @Test
    void noPackageUsesOneThatUsesIt() throws IOException {
        Map<String, Set<String>> uses = uses();
        assertTrue(uses.keySet().containsAll(List.of("engine", "steps", "plan", "migrate", "playbook")), uses.toString());
        for (String start : uses.keySet()) {
            List<String> circle = circleFrom(start, start, uses, new ArrayList<>(List.of(start)), new TreeSet<>());
            assertEquals(List.of(), circle, "packages that use each other in a circle: " + String.join(" -> ", circle));
        }
    }

    @Test
    void thePlaybookPackageUsesNoneOfTheOthersAndTheEngineNoStep() throws IOException {
        Map<String, Set<String>> uses = uses();
        assertEquals(Set.of(), uses.get("playbook"), "playbook is the lowest layer");
        assertTrue(!uses.get("engine").contains("steps") && !uses.get("engine").contains("migrate"),
                "the engine knows no kind of step: " + uses.get("engine"));
        assertTrue(!uses.get("plan").contains("steps"), "the plan gets the steps' order given: " + uses.get("plan"));
    }

    /** Each package of src/main and the packages its files name (imports and qualified names). */
    private static Map<String, Set<String>> uses() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String own = SOURCES.relativize(file).getName(0).toString();
                Set<String> used = uses.computeIfAbsent(own, name -> new TreeSet<>());
                Matcher use = USE.matcher(Files.readString(file));
                while (use.find()) {
                    if (!use.group(1).equals(own)) {
                        used.add(use.group(1));
                    }
                }
            }
        }
        return uses;
    }

    /** A path of uses from {@code at} back to {@code start}, or empty when there is none. */
    private static List<String> circleFrom(String start, String at, Map<String, Set<String>> uses, List<String> path,
            Set<String> seen) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> circle = new ArrayList<>(path);
                circle.add(start);
                return circle;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> circle = circleFrom(start, next, uses, path, seen);
                if (!circle.isEmpty()) {
                    return circle;
                }
                path.remove(path.size() - 1);
            }
        }
        return List.of();
    }
}
