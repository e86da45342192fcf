package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.config.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pre-filter's search (skipping when the names are long enough, char by char otherwise) against the plain
 * definition: some name, char by char in lower case. A "no" where the definition says "yes" would let a statement on a
 * configured table through unparsed, so the random cases cover both searches and many sets of names.
 */
class TableMentionFilterTest {
    private static final List<String> NAMES = List.of("orders", "order_items", "customers", "kunden", "tags");
    private final TableMentionFilter filter = new TableMentionFilter(tables(NAMES));

    private static List<TableName> tables(List<String> names) {
        List<TableName> tables = new ArrayList<>();
        for (String n : names) {
            tables.add(TableName.parse(n));
        }
        return tables;
    }

    /** The definition: at some position, every character of a name, each lower-cased on its own. */
    private static boolean mentions(String sql) {
        return mentions(NAMES, sql);
    }

    private static boolean mentions(List<String> names, String sql) {
        for (String name : names) {
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

    @Test
    void agreesWithTheDefinitionForRandomSetsOfNames() {
        // names share prefixes and characters; é and ß are non-ASCII name characters; the Kelvin sign lower-cases to
        // k and U+0130 to i; names of 1 and 2 characters make the filter compare char by char
        String nameAlphabet = "abkié_ß";
        String textExtras = "ABKIÉ\u212A\u0130\u00df \u00e9x'";
        Random random = new Random(20261204);
        int mentioned = 0;
        int skipping = 0;
        int checked = 0;
        for (int set = 0; set < 400; set++) {
            List<String> names = new ArrayList<>();
            int count = 1 + random.nextInt(6);
            int shortest = 2 + random.nextInt(6);
            for (int k = 0; k < count; k++) {
                StringBuilder name = new StringBuilder();
                int len = shortest + random.nextInt(5);
                if (k > 0 && random.nextBoolean()) {
                    String other = names.get(random.nextInt(names.size()));
                    name.append(other, 0, Math.min(other.length(), random.nextInt(len)));
                }
                while (name.length() < len) {
                    name.append(nameAlphabet.charAt(random.nextInt(nameAlphabet.length())));
                }
                names.add(name.toString());
            }
            if (random.nextInt(10) == 0) {
                names.add(nameAlphabet.substring(random.nextInt(3), 3)); // a name of one to three characters
            }
            TableMentionFilter f = new TableMentionFilter(tables(names));
            skipping += f.skips() ? 1 : 0;
            String alphabet = nameAlphabet + textExtras;
            for (int t = 0; t < 500; t++) {
                StringBuilder sb = new StringBuilder();
                int len = random.nextInt(60);
                while (sb.length() < len) {
                    if (random.nextInt(6) == 0) {
                        String name = names.get(random.nextInt(names.size()));
                        String part = name.substring(0, 1 + random.nextInt(name.length()));
                        sb.append(random.nextBoolean() ? part.toUpperCase(java.util.Locale.ROOT) : part);
                    } else {
                        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
                String sql = sb.toString();
                boolean expected = mentions(names, sql);
                assertThat(f.mentionsConfiguredTable(sql)).as("%s in %s", names, sql).isEqualTo(expected);
                mentioned += expected ? 1 : 0;
                checked++;
            }
        }
        assertThat(skipping).as("sets searched by skipping").isBetween(100, 390);
        assertThat(mentioned).as("both answers occur").isBetween(checked / 20, checked - checked / 20);
    }

    @Test
    void manyNonAsciiNamesAreSearchedCharByCharWithTheSameAnswers() {
        // 100 names of a CJK character and Cyrillic letters: more distinct non-ASCII characters than the pair table
        // takes
        List<String> names = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            names.add("" + (char) ('\u4e00' + k) + (char) ('\u0430' + k / 25) + (char) ('\u0430' + k % 32) + "x");
        }
        TableMentionFilter f = new TableMentionFilter(tables(names));
        assertThat(f.skips()).as("searched char by char").isFalse();
        Random random = new Random(7);
        int mentioned = 0;
        for (int t = 0; t < 5_000; t++) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < 30) {
                String name = names.get(random.nextInt(names.size()));
                sb.append(random.nextInt(8) == 0 ? name : name.substring(0, 3).toUpperCase(java.util.Locale.ROOT));
                sb.append(random.nextBoolean() ? ' ' : '-');
            }
            String sql = sb.toString();
            boolean expected = mentions(names, sql);
            assertThat(f.mentionsConfiguredTable(sql)).as(sql).isEqualTo(expected);
            mentioned += expected ? 1 : 0;
        }
        assertThat(mentioned).as("both answers occur").isBetween(100, 4_900);
    }

    /**
     * What the analysis does: it takes a table for a configured one when the names are equal ignoring case
     * ({@link String#equalsIgnoreCase}). Partitions and inheritance children come from the catalog with any name the
     * database allows, so the filter must say yes wherever that comparison could: U+0130 (which
     * {@code toLowerCase} turns into two characters), a final sigma, a dotless i, the Kelvin sign, upper-case names
     * and a name outside the Basic Multilingual Plane.
     */
    @Test
    void findsEveryTextThatTheAnalysisWouldTakeForAConfiguredName() {
        List<String> names = List.of("\u0130tems_p1", "\u0391\u03a1\u03a7\u0395\u0399\u039f\u03a3", "Kunden_2024",
                "t\ud801\udc00bl", "Sigma\u03c2x");
        TableMentionFilter f = new TableMentionFilter(tables(names));
        // for each character, the spellings equalsIgnoreCase takes for it
        String[][] variants = {{"i", "I", "\u0130", "\u0131"}, {"k", "K", "\u212a"}, {"\u03c3", "\u03a3", "\u03c2"},
            {"\ud801\udc00", "\ud801\udc28"}};
        Random random = new Random(42);
        int mentioned = 0;
        int texts = 20_000;
        for (int t = 0; t < texts; t++) {
            StringBuilder sb = new StringBuilder("SELECT * FROM ");
            String name = names.get(random.nextInt(names.size()));
            for (int k = 0; k < name.length(); k++) {
                int cp = name.codePointAt(k);
                String c = new String(Character.toChars(cp));
                k += Character.charCount(cp) - 1;
                String spelled = random.nextBoolean() ? c.toUpperCase(java.util.Locale.ROOT) : c;
                for (String[] v : variants) {
                    if (java.util.Arrays.asList(v).contains(c) || java.util.Arrays.asList(v).contains(spelled)) {
                        spelled = v[random.nextInt(v.length)];
                    }
                }
                if (random.nextInt(40) == 0) {
                    spelled = "x"; // now and then a name that is not there
                }
                sb.append(spelled.length() == c.length() ? spelled : c);
            }
            String sql = sb.toString();
            boolean analysed = false;
            for (String n : names) {
                for (int i = 0; i + n.length() <= sql.length() && !analysed; i++) {
                    analysed = sql.regionMatches(true, i, n, 0, n.length());
                }
            }
            if (analysed) {
                assertThat(f.mentionsConfiguredTable(sql)).as(sql).isTrue();
                mentioned++;
            }
        }
        assertThat(mentioned).as("texts the analysis takes for a configured name").isBetween(texts / 2, texts - 100);
        assertThat(f.mentionsConfiguredTable("SELECT * FROM \u0130TEMS_P1")).isTrue();
        assertThat(f.mentionsConfiguredTable("SELECT * FROM \u0391\u03a1\u03a7\u0395\u0399\u039f\u03c2")).isTrue();
        assertThat(f.mentionsConfiguredTable("SELECT * FROM other")).isFalse();
    }
}
