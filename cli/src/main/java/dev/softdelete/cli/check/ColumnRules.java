package dev.softdelete.cli.check;

import dev.softdelete.config.FlagType;
import dev.softdelete.config.TableConfig;
import java.util.Locale;

/**
 * What the driver needs from the soft-delete columns of one table (README, "What the driver needs from the
 * schema"): the flag column NOT NULL with a false default; the timestamp column nullable, holding microseconds; the
 * batch and actor columns nullable text, the batch column wide enough for a UUID.
 */
final class ColumnRules {
    /** Characters of a UUID in text form: the delete event's id written into batch columns. */
    static final int UUID_LENGTH = 36;
    /** Fractional-second digits needed to tell delete events apart by their timestamp. */
    static final int MICROSECONDS = 6;

    private final Product product;
    private final CheckReport report;

    ColumnRules(Product product, CheckReport report) {
        this.product = product;
        this.report = report;
    }

    void check(TableConfig config, DatabaseTable table) {
        if (config.flagColumn() != null) {
            flag(config, table);
        }
        if (config.timestampColumn() != null) {
            timestamp(config, table);
        }
        if (config.batchColumn() != null) {
            text(config, table, config.batchColumn(), "batch", UUID_LENGTH);
        }
        if (config.actorColumn() != null) {
            text(config, table, config.actorColumn(), "actor", 1);
        }
    }

    private void flag(TableConfig config, DatabaseTable table) {
        String subject = config.name() + "." + config.flagColumn();
        Column c = table.column(config.flagColumn());
        if (c == null) {
            report.error(subject, "flag column not found in " + table);
            return;
        }
        boolean problem = false;
        String typeProblem = flagTypeProblem(config.flagType(), c);
        if (typeProblem != null) {
            report.error(subject, typeProblem);
            problem = true;
        }
        if (c.nullable()) {
            report.error(subject, "flag column " + c.describe() + " is nullable; it must be NOT NULL (a row whose flag"
                + " is NULL is neither live nor deleted to the driver)");
            problem = true;
        }
        if (c.defaultIsTrue()) {
            report.error(subject, "flag column " + c.describe() + " defaults to deleted; the default must be "
                + falseLiteral(config.flagType()));
            problem = true;
        } else if (c.defaultValue() == null) {
            report.warn(subject, "flag column " + c.describe() + " has no default; an INSERT that does not name it"
                + " fails (give it DEFAULT " + falseLiteral(config.flagType()) + ")");
            problem = true;
        }
        if (!problem) {
            report.ok(subject, "flag column " + c.describe());
        }
    }

    private String flagTypeProblem(FlagType flagType, Column c) {
        boolean strict = product == Product.POSTGRESQL;
        if (flagType == FlagType.BOOLEAN && (c.isBoolean() || (!strict && c.isInteger()))) {
            return null;
        }
        if (flagType == FlagType.INTEGER && (c.isInteger() || (!strict && c.isBoolean()))) {
            return null;
        }
        if (flagType == FlagType.BOOLEAN && c.isInteger()) {
            return "flag column " + c.describe() + " is an integer; configure flag-type: integer";
        }
        if (flagType == FlagType.INTEGER && c.isBoolean()) {
            return "flag column " + c.describe() + " is a boolean; configure flag-type: boolean";
        }
        return "flag column " + c.describe() + " is neither boolean nor integer (flag-type: "
            + flagType.name().toLowerCase(Locale.ROOT) + ")";
    }

    private static String falseLiteral(FlagType flagType) {
        return flagType == FlagType.INTEGER ? "0" : "FALSE";
    }

    private void timestamp(TableConfig config, DatabaseTable table) {
        String subject = config.name() + "." + config.timestampColumn();
        Column c = table.column(config.timestampColumn());
        if (c == null) {
            report.error(subject, "timestamp column not found in " + table);
            return;
        }
        if (!c.isTimestamp()) {
            report.error(subject, "timestamp column " + c.describe() + " is not a timestamp type");
            return;
        }
        boolean problem = false;
        if (!c.nullable()) {
            report.error(subject, "timestamp column " + c.describe() + " is NOT NULL; it must be nullable (NULL on"
                + " live rows; restore sets it back to NULL)");
            problem = true;
        }
        if (c.defaultValue() != null) {
            String message = "timestamp column " + c.describe() + " has a default; live rows must hold NULL";
            if (config.flagColumn() == null) {
                report.error(subject, message + " (timestamp-only mode: new rows would start out deleted)");
            } else {
                report.warn(subject, message);
            }
            problem = true;
        }
        int digits = c.fractionalDigits();
        if (digits < 0) {
            report.warn(subject, "timestamp column " + c.describe() + ": the driver does not say how many"
                + " fractional-second digits it holds; it needs microseconds (6)");
            problem = true;
        } else if (digits < MICROSECONDS) {
            report.error(subject, "timestamp column " + c.describe() + " holds " + digits + " fractional-second"
                + " digits; delete events are told apart and matched by their timestamp, which needs microseconds: "
                + c.typeName().toUpperCase(Locale.ROOT) + "(6)");
            problem = true;
        }
        if (!problem) {
            report.ok(subject, "timestamp column " + c.describe());
        }
    }

    private void text(TableConfig config, DatabaseTable table, String column, String role, int minLength) {
        String subject = config.name() + "." + column;
        Column c = table.column(column);
        if (c == null) {
            report.error(subject, role + " column not found in " + table);
            return;
        }
        if (!c.isCharacter()) {
            report.error(subject, role + " column " + c.describe() + " is not a character column");
            return;
        }
        boolean problem = false;
        if (c.size() > 0 && c.size() < minLength) {
            report.error(subject, role + " column " + c.describe() + " holds " + c.size() + " characters; it needs "
                + minLength + " (a UUID)");
            problem = true;
        }
        if (!c.nullable()) {
            report.error(subject, role + " column " + c.describe() + " is NOT NULL; it must be nullable (NULL on live"
                + " rows; restore sets it back to NULL)");
            problem = true;
        }
        if (!problem) {
            report.ok(subject, role + " column " + c.describe());
        }
    }
}
