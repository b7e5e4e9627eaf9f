package dev.matrixmigrate.support;

import dev.matrixmigrate.inventory.SecretGenerator;

/** Predictable secrets, so that rendered files can be compared with golden files. */
public final class FixedSecrets implements SecretGenerator {
    private int count;

    @Override
    public String generate(int length) {
        String prefix = "TEST" + (++count);
        return prefix + "x".repeat(length - prefix.length());
    }
}
