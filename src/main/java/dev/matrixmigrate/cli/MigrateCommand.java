package dev.matrixmigrate.cli;

import picocli.CommandLine.Command;

@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Not built yet.")
final class MigrateCommand implements Runnable {
    @Override
    public void run() {
        throw dev.matrixmigrate.failure.Failure.invalidInput("not built yet");
    }
}
