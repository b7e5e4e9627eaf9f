package dev.matrixmigrate.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = MatrixMigrate.class.getPackage().getImplementationVersion();
        return new String[] {"matrix-migrate " + (version == null ? "development build" : version)};
    }
}
