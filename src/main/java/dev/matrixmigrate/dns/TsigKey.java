package dev.matrixmigrate.dns;

import dev.matrixmigrate.failure.Failure;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A TSIG key as {@code tsig-keygen} (or {@code ddns-confgen -q}) writes it; its secret never shows in toString. */
record TsigKey(String name, String algorithm, String secret) {
    /** The algorithms community.general.nsupdate signs with. */
    static final List<String> ALGORITHMS = List.of("hmac-md5", "hmac-sha1", "hmac-sha224", "hmac-sha256",
            "hmac-sha384", "hmac-sha512");
    private static final Pattern KEY = Pattern.compile(
            "key\\s+\"?([A-Za-z0-9._-]+)\"?\\s*\\{\\s*algorithm\\s+\"?([A-Za-z0-9.-]+)\"?\\s*;\\s*secret\\s+\"([A-Za-z0-9+/=]+)\"\\s*;\\s*}\\s*;");

    static TsigKey parse(String option, String file, String text) {
        Matcher key = KEY.matcher(text.replaceAll("(?m)^\\s*(#|//).*$", ""));
        if (!key.find()) {
            throw Failure.invalidInput(option + " " + file + " is not a TSIG key as tsig-keygen writes it"
                    + " (key \"NAME\" { algorithm hmac-sha256; secret \"BASE64\"; };): write one with tsig-keygen NAME");
        }
        String algorithm = key.group(2).toLowerCase(Locale.ROOT);
        if (!ALGORITHMS.contains(algorithm)) {
            throw Failure.invalidInput(option + " " + file + ": algorithm " + key.group(2) + " is not one of "
                    + String.join(", ", ALGORITHMS) + ": write a key with tsig-keygen -a hmac-sha256 NAME");
        }
        try {
            Base64.getDecoder().decode(key.group(3));
        } catch (IllegalArgumentException e) {
            throw Failure.invalidInput(option + " " + file + ": the secret is not base64: write the key again with"
                    + " tsig-keygen");
        }
        return new TsigKey(key.group(1), algorithm, key.group(3));
    }

    @Override
    public String toString() {
        return "TsigKey[" + name + ", " + algorithm + "]";
    }
}
