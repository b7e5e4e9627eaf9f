import java.io.File;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the AsciiDoc man pages of matrix-migrate and of each of its commands into the folder given, from the command
 * line its own factory builds (MatrixMigrate.commandLine(): what --help shows, step lists included). Run by build.sh
 * as a single-file program, with the jar and picocli-codegen on the class path.
 */
public class ManPages {
    public static void main(String[] args) throws Exception {
        System.exit(ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true,
                dev.matrixmigrate.cli.MatrixMigrate.commandLine().getCommandSpec()));
    }
}
