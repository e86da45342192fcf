package dev.softdelete.jdbc.integrity;

import dev.softdelete.config.TableName;
import java.util.List;

/**
 * One database object of the guards {@link GuardTriggers} installs, with the statements that create it and what it
 * must look like once installed, so that a migration can tell an object that is there and current from one that is
 * missing or out of date.
 */
public final class GuardObject {
    /** What the object is. */
    public enum Kind {
        /** A PostgreSQL unique index over a referenced key and the soft-delete column; definition: its columns. */
        LOCK_INDEX,
        /**
         * A guard trigger: on PostgreSQL the trigger {@value GuardTriggers#TRIGGER_NAME} and its function, the
         * definition being the function's source as {@code pg_proc.prosrc} holds it; on MySQL/MariaDB one trigger
         * per event, the definition being its body as {@code information_schema.TRIGGERS.ACTION_STATEMENT} holds it.
         */
        TRIGGER
    }

    public final Kind kind;
    /** The table the object is on: the referenced table for a lock index, the referencing table for a trigger. */
    public final TableName table;
    /** The name of the index, or of the trigger (MySQL/MariaDB) or its function (PostgreSQL), without schema. */
    public final String name;
    /** The columns of a lock index, comma-separated; the source of a trigger's body. */
    public final String definition;
    /** The event a MySQL/MariaDB trigger fires on ({@code INSERT}, {@code UPDATE}); null otherwise. */
    public final String event;
    /** The statements that create (or replace) the object, in order. */
    public final List<String> statements;

    GuardObject(Kind kind, TableName table, String name, String definition, String event, List<String> statements) {
        this.kind = kind;
        this.table = table;
        this.name = name;
        this.definition = definition;
        this.event = event;
        this.statements = List.copyOf(statements);
    }

    @Override
    public String toString() {
        return (kind == Kind.LOCK_INDEX ? "lock index " : "guard trigger ") + name + " on " + table;
    }
}
