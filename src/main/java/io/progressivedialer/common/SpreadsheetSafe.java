package io.progressivedialer.common;

/** A text cell that a spreadsheet will not run as a formula: one starting with = + - @ tab or CR gets a leading '. */
public final class SpreadsheetSafe {

    private SpreadsheetSafe() {
    }

    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
