package dev.softdelete.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Valid documents load into the model with the defaults applied. */
class ConfigLoaderTest {

    private static Path corpus(String name) throws Exception {
        return Path.of(ConfigLoaderTest.class.getResource("/configs/" + name).toURI());
    }

    private static TableConfig table(SoftDeleteConfig config, String name) {
        return config.tables().stream().filter(t -> t.name().toString().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void fullExampleLoads() throws Exception {
        Path file = corpus("valid/full-example.yml");
        SoftDeleteConfig config = ConfigLoader.load(file);

        assertThat(config.source()).isEqualTo(file.toString());
        assertThat(config.tables()).extracting(t -> t.name().toString())
                .containsExactly("customers", "orders", "order_items", "reviews");

        TableConfig customers = table(config, "customers");
        assertThat(customers.flagColumn()).isEqualTo("is_deleted");
        assertThat(customers.timestampColumn()).isEqualTo("deleted_at");
        assertThat(customers.flagType()).isEqualTo(FlagType.BOOLEAN);
        assertThat(customers.cascades()).singleElement().satisfies(c -> {
            assertThat(c.table().toString()).isEqualTo("orders");
            assertThat(c.columns()).containsExactly("customer_id");
            assertThat(c.references()).containsExactly("id");
        });

        assertThat(table(config, "orders").cascades()).singleElement().satisfies(c -> {
            assertThat(c.table().toString()).isEqualTo("order_items");
            assertThat(c.columns()).containsExactly("order_id");
            assertThat(c.references()).containsExactly("id");
        });

        TableConfig items = table(config, "order_items");
        assertThat(items.flagColumn()).isEqualTo("is_deleted");
        assertThat(items.timestampColumn()).isEqualTo("deleted_at");
        assertThat(items.cascades()).isEmpty();

        TableConfig reviews = table(config, "reviews");
        assertThat(reviews.flagColumn()).isNull();
        assertThat(reviews.timestampColumn()).isEqualTo("removed_at");
        assertThat(reviews.flagType()).isEqualTo(FlagType.BOOLEAN);

        assertThat(config.options().onUnparseable()).isEqualTo(OnUnparseable.REJECT);
        assertThat(config.options().truncate()).isEqualTo(TruncatePolicy.REJECT);
    }

    @Test
    void builtInDefaultsApplyWithoutDefaultsOrOptions() throws Exception {
        SoftDeleteConfig config = ConfigLoader.parse("version: 1\ntables:\n  orders: {}\n", "inline.yml");

        assertThat(config.source()).isEqualTo("inline.yml");
        TableConfig orders = config.tables().get(0);
        assertThat(orders.name().schema()).isNull();
        assertThat(orders.name().table()).isEqualTo("orders");
        assertThat(orders.flagColumn()).isEqualTo("is_deleted");
        assertThat(orders.timestampColumn()).isEqualTo("deleted_at");
        assertThat(orders.flagType()).isEqualTo(FlagType.BOOLEAN);
        assertThat(config.options().onUnparseable()).isEqualTo(OnUnparseable.REJECT);
        assertThat(config.options().truncate()).isEqualTo(TruncatePolicy.REJECT);
        assertThat(config.options().mode()).isEqualTo(Mode.ENFORCE);
    }

    /** The YAML parser recurses per level: deep nesting was a StackOverflowError, not a configuration error. */
    @Test
    void deeplyNestedYamlIsAConfigurationError() {
        String deep = "version: 1\ntables: " + "[".repeat(20_000) + "\n";
        assertThatThrownBy(() -> ConfigLoader.parse(deep, "deep.yml")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("nested too deeply");
    }

    @Test
    void modeObserveIsRead() throws Exception {
        SoftDeleteConfig config = ConfigLoader.load(corpus("valid/observe-mode.yml"));

        assertThat(config.options().mode()).isEqualTo(Mode.OBSERVE);
        assertThat(config.options().onUnparseable()).isEqualTo(OnUnparseable.REJECT);
        assertThat(ConfigLoader.parse("version: 1\ntables: {a: {}}\noptions: {mode: enforce}\n", "inline.yml")
                .options().mode()).isEqualTo(Mode.ENFORCE);
    }

    @Test
    void modeLabelsParseIgnoringCaseAndBlanks() {
        assertThat(Mode.fromLabel(" Observe ")).isEqualTo(Mode.OBSERVE);
        assertThat(Mode.fromLabel("ENFORCE")).isEqualTo(Mode.ENFORCE);
        assertThat(Mode.fromLabel("dry-run")).isNull();
        assertThat(Mode.fromLabel(null)).isNull();
        assertThat(Mode.OBSERVE.label()).isEqualTo("observe");
    }

    @Test
    void tablesInheritDefaultsAndOverrideThem() throws Exception {
        SoftDeleteConfig config = ConfigLoader.load(corpus("valid/integer-flag-and-options.yml"));

        TableConfig users = table(config, "users");
        assertThat(users.flagColumn()).isEqualTo("deleted");
        assertThat(users.flagType()).isEqualTo(FlagType.INTEGER);
        assertThat(users.timestampColumn()).isNull();

        TableConfig sessions = table(config, "sessions");
        assertThat(sessions.flagColumn()).isEqualTo("deleted");
        assertThat(sessions.flagType()).isEqualTo(FlagType.BOOLEAN);
        assertThat(sessions.timestampColumn()).isEqualTo("ended_at");

        assertThat(config.options().onUnparseable()).isEqualTo(OnUnparseable.PASSTHROUGH);
        assertThat(config.options().truncate()).isEqualTo(TruncatePolicy.SOFT_DELETE);
    }

    @Test
    void tildeAndEmptyValuesAreNull() throws Exception {
        SoftDeleteConfig config = ConfigLoader.load(corpus("valid/timestamp-only-defaults.yml"));

        assertThat(table(config, "events").flagColumn()).isNull();
        assertThat(table(config, "events").timestampColumn()).isEqualTo("deleted_at");
        assertThat(table(config, "notes").flagColumn()).isEqualTo("is_removed");
        assertThat(table(config, "notes").timestampColumn()).isNull();
    }

    @Test
    void schemaQualifiedNamesAndCascadeTargetsIgnoringCase() throws Exception {
        SoftDeleteConfig config = ConfigLoader.load(corpus("valid/schema-qualified.yml"));

        TableConfig orders = table(config, "sales.orders");
        assertThat(orders.name().schema()).isEqualTo("sales");
        assertThat(orders.name().table()).isEqualTo("orders");
        Cascade cascade = orders.cascades().get(0);
        assertThat(cascade.table().toString()).as("the configured spelling").isEqualTo("sales.order_items");
        assertThat(cascade.table()).isEqualTo(table(config, "sales.order_items").name());
    }

    @Test
    void compositeKeysPairColumnsWithReferences() throws Exception {
        SoftDeleteConfig config = ConfigLoader.load(corpus("valid/composite-keys.yml"));

        List<Cascade> cascades = table(config, "shipments").cascades();
        assertThat(cascades.get(0).columns()).containsExactly("shipment_region", "shipment_no");
        assertThat(cascades.get(0).references()).containsExactly("region", "no");
        assertThat(cascades.get(1).columns()).containsExactly("shipment_id");
        assertThat(cascades.get(1).references()).containsExactly("id");
    }

    @Test
    void aliasesAndMergeKeysAreExpanded() throws Exception {
        SoftDeleteConfig anchors = ConfigLoader.load(corpus("valid/anchors.yml"));
        assertThat(table(anchors, "credit_notes").cascades()).singleElement()
                .satisfies(c -> assertThat(c.table().toString()).isEqualTo("lines"));

        SoftDeleteConfig merged = ConfigLoader.load(corpus("valid/merge-key.yml"));
        TableConfig invoices = table(merged, "invoices");
        assertThat(invoices.flagColumn()).isEqualTo("deleted");
        assertThat(invoices.flagType()).isEqualTo(FlagType.INTEGER);
        assertThat(invoices.timestampColumn()).isEqualTo("voided_at");
    }

    @Test
    void loadsFromAStream() throws Exception {
        byte[] yaml = "version: 1\ntables: {a: {}}\n".getBytes(StandardCharsets.UTF_8);

        SoftDeleteConfig config = ConfigLoader.load(new ByteArrayInputStream(yaml), "stream.yml");

        assertThat(config.source()).isEqualTo("stream.yml");
        assertThat(config.tables()).extracting(t -> t.name().table()).containsExactly("a");
    }

    @Test
    void modelIsImmutable() throws Exception {
        SoftDeleteConfig config = ConfigLoader.load(corpus("valid/full-example.yml"));

        assertThatThrownBy(() -> config.tables().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.tables().get(0).cascades().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.tables().get(0).cascades().get(0).columns().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
