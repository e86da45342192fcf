package dev.softdelete.cli.init;

import dev.softdelete.cli.check.Column;
import dev.softdelete.cli.check.DatabaseTable;
import dev.softdelete.config.FlagType;
import java.util.ArrayList;
import java.util.List;

/**
 * The soft-delete columns a legacy table already has, found by name and type, for {@code init} to reuse: a flag
 * ({@code is_deleted}, {@code deleted}, {@code removed}, {@code archived}, ... as a boolean or an integer), a
 * timestamp ({@code deleted_at}, {@code removed_at}, {@code archived_at}, {@code deleted_on}, ...) and who deleted
 * ({@code deleted_by}, text). A column with such a name but a type that cannot serve is named in a remark, unused.
 */
public final class SoftDeleteColumns {
    /** Names of flag columns, the most usual first. */
    static final List<String> FLAG_NAMES = List.of("is_deleted", "deleted", "is_removed", "removed", "is_archived",
        "archived", "del_flag", "delete_flag", "deleted_flag", "is_del", "del_yn");
    /** Names of timestamp columns, the most usual first. */
    static final List<String> TIMESTAMP_NAMES = List.of("deleted_at", "removed_at", "archived_at", "deleted_on",
        "removed_on", "archived_on", "deletion_date", "deleted_date", "date_deleted", "deletion_time",
        "deleted_time", "delete_time", "deleted_timestamp");
    /** Names of actor columns. */
    static final List<String> ACTOR_NAMES = List.of("deleted_by", "removed_by", "archived_by");

    /** The flag column found, or null. */
    public final Column flag;
    /** The flag's type, when a flag was found. */
    public final FlagType flagType;
    /** The timestamp column found, or null. */
    public final Column timestamp;
    /** The actor column found, or null. */
    public final Column actor;
    /** Columns named like soft-delete columns that cannot serve, each with why. */
    public final List<String> unusable;

    private SoftDeleteColumns(Column flag, FlagType flagType, Column timestamp, Column actor, List<String> unusable) {
        this.flag = flag;
        this.flagType = flagType;
        this.timestamp = timestamp;
        this.actor = actor;
        this.unusable = List.copyOf(unusable);
    }

    /** Looks for the columns in {@code table}. */
    public static SoftDeleteColumns of(DatabaseTable table) {
        List<String> unusable = new ArrayList<>();
        Column flag = null;
        for (String name : FLAG_NAMES) {
            Column c = table.column(name);
            if (c == null) {
                continue;
            }
            if (c.isBoolean() || c.isInteger()) {
                flag = c;
                break;
            }
            unusable.add(c.name() + " (" + c.describe() + ") looks like a flag, but a flag is a boolean or an"
                + " integer");
        }
        Column timestamp = null;
        for (String name : TIMESTAMP_NAMES) {
            Column c = table.column(name);
            if (c == null) {
                continue;
            }
            if (c.isTimestamp()) {
                timestamp = c;
                break;
            }
            unusable.add(c.name() + " (" + c.describe() + ") looks like a deletion time, but it is not a timestamp"
                + " (delete events need microseconds)");
        }
        Column actor = null;
        for (String name : ACTOR_NAMES) {
            Column c = table.column(name);
            if (c != null && c.isCharacter() && c.nullable()) {
                actor = c;
                break;
            }
        }
        FlagType type = flag == null ? null : flag.isBoolean() ? FlagType.BOOLEAN : FlagType.INTEGER;
        return new SoftDeleteColumns(flag, type, timestamp, actor, unusable);
    }

    /** Whether the table has soft-delete columns of its own. */
    public boolean any() {
        return flag != null || timestamp != null;
    }
}
