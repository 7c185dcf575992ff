package io.weft.shell.commands;

import java.util.List;

/** Left-aligned columns separated by two spaces. */
final class Columns {

    private Columns() {
    }

    static String render(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                String cell = row.get(i);
                b.append(cell);
                if (i < columns - 1) {
                    b.append(" ".repeat(width[i] - cell.length() + 2));
                }
            }
            b.append('\n');
        }
        return b.toString();
    }
}
