package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.config.FlagType;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pre-filter's one-pass search against the plain definition: some name, char by char in lower case. */
class TableMentionFilterTest {
    private static final List<String> NAMES = List.of("orders", "order_items", "customers", "kunden", "tags");
    private final TableMentionFilter filter = new TableMentionFilter(tables(NAMES));

    private static List<TableConfig> tables(List<String> names) {
        List<TableConfig> tables = new ArrayList<>();
        for (String n : names) {
            tables.add(new TableConfig(TableName.parse(n), "is_deleted", FlagType.BOOLEAN, "deleted_at", List.of()));
        }
        return tables;
    }

    /** The definition: at some position, every character of a name, each lower-cased on its own. */
    private static boolean mentions(String sql) {
        for (String name : NAMES) {
            for (int i = 0; i + name.length() <= sql.length(); i++) {
                boolean all = true;
                for (int k = 0; k < name.length() && all; k++) {
                    all = Character.toLowerCase(sql.charAt(i + k)) == name.charAt(k);
                }
                if (all) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void findsNamesInAnyCaseAnywhere() {
        assertThat(filter.mentionsConfiguredTable("SELECT * FROM ORDERS")).isTrue();
        assertThat(filter.mentionsConfiguredTable("select 'Customers'")).isTrue();
        assertThat(filter.mentionsConfiguredTable("SELECT * FROM order_item")).isFalse();
        assertThat(filter.mentionsConfiguredTable("SELECT * FROM orderz, tag")).isFalse();
        assertThat(filter.mentionsConfiguredTable("SELECT * FROM \u212Aunden")).as("Kelvin sign lower-cases to k")
                .isTrue();
        assertThat(filter.mentionsConfiguredTable("orders")).isTrue();
        assertThat(filter.mentionsConfiguredTable("order")).isFalse();
        assertThat(filter.mentionsConfiguredTable("")).isFalse();
    }

    @Test
    void agreesWithTheDefinitionOnRandomTexts() {
        String alphabet = "ordesORDES_itemcuTAGSKkunNtg \u212A\u00e9\u0130'\"(";
        Random random = new Random(20261127);
        int mentioned = 0;
        int texts = 50_000;
        for (int t = 0; t < texts; t++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(40);
            for (int i = 0; i < len; i++) {
                if (random.nextInt(12) == 0) {
                    String name = NAMES.get(random.nextInt(NAMES.size()));
                    sb.append(name, 0, Math.min(name.length(), 3 + random.nextInt(4)));
                } else {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String sql = sb.toString();
            boolean expected = mentions(sql);
            assertThat(filter.mentionsConfiguredTable(sql)).as(sql).isEqualTo(expected);
            mentioned += expected ? 1 : 0;
        }
        assertThat(mentioned).as("both answers occur").isBetween(texts / 20, texts - texts / 20);
    }
}
