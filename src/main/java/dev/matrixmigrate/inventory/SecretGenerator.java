package dev.matrixmigrate.inventory;

import java.security.SecureRandom;

/** Makes the random secrets of a new host's vars.yml. */
public interface SecretGenerator {
    String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    String generate(int length);

    static SecretGenerator secureRandom() {
        SecureRandom random = new SecureRandom();
        return length -> {
            StringBuilder out = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            return out.toString();
        };
    }
}
