package dev.matrixmigrate.ansible;

import dev.matrixmigrate.process.ProcessResult;
import dev.matrixmigrate.process.ProcessRunner;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Ansible's own words for why a command failed, short enough for one message, keeping where the error is: the line
 * of Ansible's message that names a file and line (ansible-core 2.15 to 2.18), or, when Ansible only says YAML
 * failed to parse (2.19 and later name no file for a broken host_vars file), the first variables file of the
 * inventory or the playbook that does not parse, with its line and column.
 */
public final class AnsibleError {
    private static final List<String> WHERE = List.of("The error appears to be in", "Origin: ");
    /** ansible-core 2.14 to 2.18: "The error appears to be in 'FILE': line L, column C, but may ...". */
    private static final java.util.regex.Pattern ANSIBLE_WHERE = java.util.regex.Pattern.compile(
            "appears to be in '([^']+)': line (\\d+), column (\\d+)");

    private AnsibleError() {
    }

    /**
     * @param variableFolders the folders whose YAML files Ansible may have read (the inventory's folder, the
     *        playbook's group_vars), searched when Ansible names no file
     */
    public static String describe(ProcessResult result, List<Path> variableFolders) {
        List<String> lines = result.messages().lines().filter(line -> !line.isBlank())
                // Python's own warnings (cryptography's deprecations) say nothing of the failure
                .filter(line -> !line.contains("Warning: ") && !line.startsWith("  from ")).toList();
        String text = String.join("\n", lines);
        Optional<String> where = lines.stream().filter(line -> WHERE.stream().anyMatch(line::contains)).findFirst();
        Optional<String> error = lines.stream().filter(line -> line.startsWith("ERROR!") || line.startsWith("[ERROR]"))
                .findFirst();
        if (error.isPresent() && where.isPresent()) {
            java.util.regex.Matcher at = ANSIBLE_WHERE.matcher(where.get());
            return error.get().strip() + " " + (at.find() ? "in " + at.group(1) + ", line " + at.group(2) + ", column "
                    + at.group(3) : where.get().strip());
        }
        if (text.contains("YAML")) {
            Optional<String> broken = firstBrokenYaml(variableFolders);
            if (broken.isPresent()) {
                return error.orElse(ProcessRunner.lastLines(text, 1)).strip() + " " + broken.get();
            }
        }
        return ProcessRunner.lastLines(text, 3);
    }

    /** "in FILE, line L, column C: PROBLEM" of the first YAML file under these folders that does not parse. */
    static Optional<String> firstBrokenYaml(List<Path> folders) {
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(folder)) {
                files = walk.filter(Files::isRegularFile).filter(AnsibleError::variablesFile).sorted().toList();
            } catch (IOException e) {
                continue;
            }
            for (Path file : files) {
                Optional<String> problem = problem(file);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean variablesFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yml") || name.endsWith(".yaml") || !name.contains(".")
                && file.getParent() != null && List.of("host_vars", "group_vars").contains(file.getParent().getFileName().toString());
    }

    private static Optional<String> problem(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true);
            for (Object ignored : new Yaml(options).loadAll(reader)) {
                // each document parses
            }
            return Optional.empty();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            List<String> parts = new ArrayList<>(List.of("in " + file));
            if (mark != null) {
                parts.add("line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1));
            }
            return Optional.of(String.join(", ", parts) + ": " + (e.getContext() != null ? e.getContext() + ", " : "")
                    + e.getProblem());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
