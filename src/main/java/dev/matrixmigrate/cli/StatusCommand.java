package dev.matrixmigrate.cli;

import picocli.CommandLine.Command;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Not built yet.")
final class StatusCommand implements Runnable {
    @Override
    public void run() {
        throw dev.matrixmigrate.failure.Failure.invalidInput("not built yet");
    }
}
