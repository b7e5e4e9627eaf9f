package dev.matrixmigrate.plan;

/** A play of the plan folder: the file's name there, and the template under templates/ it is rendered from. */
public record Play(String file, String template) {
    /** A play rendered from the template of its own name, {@code plan/<file>.ftl}. */
    public static Play named(String file) {
        return new Play(file, "plan/" + file + ".ftl");
    }
}
