package dev.matrixmigrate.config;

import java.util.List;

/**
 * The settings of plan and migrate as given, each null when not given: from the command line or
 * from a config file. {@link #over} lets the command line win over the file.
 */
public record SettingsInput(String playbook, String host, String to, String toUser, Integer toPort, Boolean toBecome,
        String dataPath, String startTags, String output, Boolean forceTarget, String privateKey,
        String becomePasswordFile, String vaultPasswordFile, List<String> extraVars, String templates, Boolean cold,
        String verify, String installTags) {

    public static SettingsInput empty() {
        return new SettingsInput(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** These settings, with each one not given here taken from {@code base}. */
    public SettingsInput over(SettingsInput base) {
        return new SettingsInput(first(playbook, base.playbook), first(host, base.host), first(to, base.to),
                first(toUser, base.toUser), first(toPort, base.toPort), first(toBecome, base.toBecome),
                first(dataPath, base.dataPath), first(startTags, base.startTags), first(output, base.output),
                first(forceTarget, base.forceTarget), first(privateKey, base.privateKey),
                first(becomePasswordFile, base.becomePasswordFile), first(vaultPasswordFile, base.vaultPasswordFile),
                extraVars == null || extraVars.isEmpty() ? base.extraVars : extraVars, first(templates, base.templates),
                first(cold, base.cold), first(verify, base.verify), first(installTags, base.installTags));
    }

    private static <T> T first(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
