package dev.matrixmigrate.plan;

import dev.matrixmigrate.process.CommandSpec;

/** A step's command with the name its step knows it by (a step may run some of its commands only). */
public record NamedCommand(String name, CommandSpec spec) {
    public String display() {
        return spec.display();
    }
}
