package dev.softdelete.cli.check;

import java.sql.Connection;
import org.h2.api.Trigger;

/** An H2 trigger that does nothing: {@code check} only needs one to exist. */
public class NoOpTrigger implements Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        // nothing
    }
}
