package dev.matrixmigrate.cli;

import picocli.CommandLine.Command;

@Command(name = "plan", mixinStandardHelpOptions = true, description = "Not built yet.")
final class PlanCommand implements Runnable {
    @Override
    public void run() {
        throw dev.matrixmigrate.failure.Failure.invalidInput("not built yet");
    }
}
