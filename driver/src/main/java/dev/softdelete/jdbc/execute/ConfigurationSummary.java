package dev.softdelete.jdbc.execute;

import dev.softdelete.config.Cascade;
import dev.softdelete.config.Options;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.Locale;
import javax.management.ObjectName;

/** The configuration a driver's engine works with, as the lines of its INFO record on first connect. */
final class ConfigurationSummary {
    private ConfigurationSummary() {
    }

    /**
     * @param origin how the configuration was found (see {@code ConfigLocator.Located#origin()})
     * @param jmxName where its statistics are published, or null
     */
    static String of(SoftDeleteConfig config, String origin, Dialect dialect, ObjectName jmxName) {
        Options o = config.options();
        StringBuilder b = new StringBuilder();
        b.append("softdelete-jdbc: configuration ").append(config.source()).append(", found through ").append(origin)
                .append(", for ").append(dialect.name().toLowerCase(Locale.ROOT))
                .append("\n    options: mode ").append(o.mode().label())
                .append(", on-unparseable ").append(label(o.onUnparseable()))
                .append(", truncate ").append(label(o.truncate()));
        for (TableConfig t : config.tables()) {
            b.append("\n    ").append(t.name()).append(": ");
            if (t.flagColumn() != null) {
                b.append("flag ").append(t.flagColumn()).append(" (").append(label(t.flagType())).append(")");
            } else {
                b.append("no flag");
            }
            b.append(t.timestampColumn() != null ? ", timestamp " + t.timestampColumn() : ", no timestamp");
            if (t.batchColumn() != null) {
                b.append(", batch ").append(t.batchColumn());
            }
            if (t.actorColumn() != null) {
                b.append(", actor ").append(t.actorColumn());
            }
            for (Cascade c : t.cascades()) {
                b.append("; cascade to ").append(c.table()).append(" (").append(String.join(", ", c.columns()))
                        .append(" -> ").append(String.join(", ", c.references())).append(')');
            }
        }
        b.append("\n    statistics on JMX: ").append(jmxName == null ? "not published" : jmxName.toString());
        return b.toString();
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
