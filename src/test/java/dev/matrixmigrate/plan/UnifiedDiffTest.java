package dev.matrixmigrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.matrixmigrate.support.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our unified diff against GNU diff's, hunk for hunk. */
class UnifiedDiffTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a,b,c,d,e,f,g,h,i,j|a,b,c,d,E,f,g,h,i,j",
            "a,b,c|a,b,c,d",
            "a,b,c|x,a,b,c",
            "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20|1,2,X,4,5,6,7,8,9,10,11,12,13,14,15,16,17,Y,19,20",
            "1,2,3,4,5,6,7,8|1,2,3,X,5,6,Y,8",
            "a,b|a,b"})
    void matchesGnuDiff(String before, String after) throws IOException {
        String a = String.join("\n", before.split(",")) + "\n";
        String b = String.join("\n", after.split(",")) + "\n";
        Files.writeString(dir.resolve("a"), a);
        Files.writeString(dir.resolve("b"), b);
        String gnu = Programs.run(dir, List.of("diff", "-u", "--label", "inventory/hosts", "--label", "inventory/hosts",
                "a", "b")).stdout();
        assertEquals(gnu, UnifiedDiff.of("inventory/hosts", a, "inventory/hosts", b));
    }
}
