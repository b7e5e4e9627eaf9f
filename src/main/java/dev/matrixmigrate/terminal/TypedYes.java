package dev.matrixmigrate.terminal;

import dev.matrixmigrate.failure.Failure;
import java.io.Console;

/** A question on the terminal that only the answer "yes" passes; anything else refuses (exit 2). */
final class TypedYes {
    private TypedYes() {
    }

    /**
     * @param question what is asked, ending where the person types
     * @param noTerminal the refusal when there is no terminal to ask on
     * @param declined the refusal when the answer is not yes
     */
    static void require(String question, String noTerminal, String declined) {
        Console console = System.console();
        if (console == null) {
            throw Failure.invalidInput(noTerminal);
        }
        String answer = console.readLine("%s", question);
        if (answer == null || !answer.strip().equals("yes")) {
            throw Failure.invalidInput(declined);
        }
    }
}
