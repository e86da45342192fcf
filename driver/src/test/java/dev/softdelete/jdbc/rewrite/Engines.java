package dev.softdelete.jdbc.rewrite;

import dev.softdelete.config.Cascade;
import dev.softdelete.config.FlagType;
import dev.softdelete.config.OnUnparseable;
import dev.softdelete.config.Options;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.config.TruncatePolicy;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.List;

/**
 * The configuration the rewrite tests share: customers, orders (flag + timestamp), reviews (timestamp only),
 * flags (integer flag), sales.invoices (schema-qualified).
 */
final class Engines {
    private Engines() {
    }

    static SoftDeleteConfig config(Options options) {
        return new SoftDeleteConfig("test", List.of(
                new TableConfig(TableName.parse("customers"), "is_deleted", FlagType.BOOLEAN, "deleted_at",
                        List.of(new Cascade(TableName.parse("orders"), List.of("customer_id"), List.of("id")))),
                new TableConfig(TableName.parse("orders"), "is_deleted", FlagType.BOOLEAN, "deleted_at", List.of()),
                new TableConfig(TableName.parse("reviews"), null, FlagType.BOOLEAN, "removed_at", List.of()),
                new TableConfig(TableName.parse("flags"), "gone", FlagType.INTEGER, null, List.of()),
                new TableConfig(TableName.parse("sales.invoices"), "is_deleted", FlagType.BOOLEAN, "deleted_at",
                        List.of())),
                options);
    }

    static RewriteEngine engine(Dialect dialect) {
        return new RewriteEngine(config(Options.DEFAULTS), dialect);
    }

    static RewriteEngine engine(Dialect dialect, OnUnparseable onUnparseable, TruncatePolicy truncate) {
        return new RewriteEngine(config(new Options(onUnparseable, truncate)), dialect);
    }
}
