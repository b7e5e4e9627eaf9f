package dev.matrixmigrate.plan;

import java.util.ArrayList;
import java.util.List;

/** A unified diff (as `diff -u` prints it) of two small texts, by longest common subsequence. */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    public static String of(String oldName, String oldText, String newName, String newText) {
        List<String> a = oldText.lines().toList();
        List<String> b = newText.lines().toList();
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // Each edit: ' ', '-' or '+', with its line and position in a and b.
        record Edit(char kind, String line, int oldIndex, int newIndex) {
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(' ', a.get(i), i++, j++));
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                edits.add(new Edit('-', a.get(i), i++, j));
            } else {
                edits.add(new Edit('+', b.get(j), i, j++));
            }
        }
        StringBuilder out = new StringBuilder();
        int k = 0;
        while (k < edits.size()) {
            if (edits.get(k).kind() == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            int lastChange = k;
            while (end < edits.size() && (edits.get(end).kind() != ' ' || end - lastChange <= 2 * CONTEXT)) {
                if (edits.get(end).kind() != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            if (out.length() == 0) {
                out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
            }
            int oldCount = 0;
            int newCount = 0;
            for (int m = start; m < end; m++) {
                oldCount += edits.get(m).kind() != '+' ? 1 : 0;
                newCount += edits.get(m).kind() != '-' ? 1 : 0;
            }
            Edit first = edits.get(start);
            out.append("@@ -").append(range(first.oldIndex(), oldCount)).append(" +")
                    .append(range(first.newIndex(), newCount)).append(" @@\n");
            for (int m = start; m < end; m++) {
                out.append(edits.get(m).kind()).append(edits.get(m).line()).append('\n');
            }
            k = end;
        }
        return out.toString();
    }

    private static String range(int index, int count) {
        int start = count == 0 ? index : index + 1;
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }
}
