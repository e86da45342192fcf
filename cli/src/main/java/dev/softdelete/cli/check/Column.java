package dev.softdelete.cli.check;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/** One column as {@link DatabaseMetaData#getColumns} describes it. */
public final class Column {
    private final String name;
    private final int jdbcType;
    private final String typeName;
    private final int size;
    private final Integer decimalDigits;
    private final boolean nullable;
    private final String defaultValue;

    private Column(String name, int jdbcType, String typeName, int size, Integer decimalDigits, boolean nullable,
                   String defaultValue) {
        this.name = name;
        this.jdbcType = jdbcType;
        this.typeName = typeName;
        this.size = size;
        this.decimalDigits = decimalDigits;
        this.nullable = nullable;
        this.defaultValue = defaultValue;
    }

    /** The column at the current row of a {@code getColumns} result. */
    public static Column read(ResultSet rs) throws SQLException {
        int digits = rs.getInt("DECIMAL_DIGITS");
        Integer decimalDigits = rs.wasNull() ? null : digits;
        String isNullable = rs.getString("IS_NULLABLE");
        boolean nullable = isNullable != null && !isNullable.isEmpty()
            ? !"NO".equalsIgnoreCase(isNullable)
            : rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls;
        String def = rs.getString("COLUMN_DEF");
        if (def != null && (def.trim().isEmpty() || def.trim().equalsIgnoreCase("NULL"))) {
            def = null;
        }
        return new Column(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
            rs.getInt("COLUMN_SIZE"), decimalDigits, nullable, def == null ? null : def.trim());
    }

    public String name() {
        return name;
    }

    public String typeName() {
        return typeName;
    }

    public int size() {
        return size;
    }

    public boolean nullable() {
        return nullable;
    }

    /** The default as the database shows it, or null when there is none (or it is NULL). */
    public String defaultValue() {
        return defaultValue;
    }

    public boolean isTimestamp() {
        return jdbcType == Types.TIMESTAMP || jdbcType == Types.TIMESTAMP_WITH_TIMEZONE;
    }

    public boolean isCharacter() {
        switch (jdbcType) {
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
                return true;
            default:
                return false;
        }
    }

    public boolean isBoolean() {
        return jdbcType == Types.BOOLEAN || jdbcType == Types.BIT;
    }

    public boolean isInteger() {
        switch (jdbcType) {
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
            case Types.BIGINT:
                return true;
            case Types.DECIMAL:
            case Types.NUMERIC:
                return decimalDigits == null || decimalDigits == 0;
            default:
                return false;
        }
    }

    /**
     * Fractional-second digits of a timestamp column: DECIMAL_DIGITS, or, where a driver leaves it unset
     * (mysql-connector-j), what COLUMN_SIZE beyond {@code yyyy-mm-dd hh:mm:ss} implies; -1 when unknown.
     */
    public int fractionalDigits() {
        if (decimalDigits != null) {
            return decimalDigits;
        }
        if (size == 19) {
            return 0;
        }
        return size > 20 && size <= 29 ? size - 20 : -1;
    }

    /** Whether the default, as the database shows it, stands for true or 1: new rows would start out deleted. */
    public boolean defaultIsTrue() {
        if (defaultValue == null) {
            return false;
        }
        String d = defaultValue.toLowerCase(Locale.ROOT).replaceAll("::[a-z ]+", "").replaceAll("[()'\\s]", "");
        return d.equals("true") || d.equals("1") || d.equals("b1");
    }

    /** {@code BOOLEAN NOT NULL DEFAULT FALSE}, {@code DATETIME(0) NULL}. */
    public String describe() {
        String type = typeName == null ? "?" : typeName.toUpperCase(Locale.ROOT);
        if (isTimestamp()) {
            type += "(" + (fractionalDigits() < 0 ? "?" : fractionalDigits()) + ")";
        } else if (isCharacter() && size > 0 && size < Integer.MAX_VALUE) {
            type += "(" + size + ")";
        }
        return type + (nullable ? " NULL" : " NOT NULL") + (defaultValue == null ? "" : " DEFAULT " + defaultValue);
    }
}
