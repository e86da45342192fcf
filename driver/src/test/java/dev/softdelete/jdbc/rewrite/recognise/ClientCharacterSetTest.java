package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientCharacterSetTest {
    @Test
    void aCharacterSetThatHidesBackslashesIsRefused() {
        // under GBK the second byte of a character may be a backslash or a backtick (probes read deleted rows so)
        for (String sql : new String[] {"SET NAMES gbk", "set names 'sjis'", "SET CHARACTER SET big5",
                "SET SESSION character_set_client = cp932", "SET @@session.character_set_connection := gb18030",
                "/*!40101 SET NAMES gbk */", "SET a = 1, character_set_client = gbk"}) {
            assertThat(ClientCharacterSet.refusal(sql)).as(sql).contains("GBK");
        }
        assertThat(ClientCharacterSet.refusal("SET character_set_client = @saved")).contains("expression");
        for (String sql : new String[] {"SET NAMES utf8mb4", "/*!40101 SET NAMES utf8 */", "SET NAMES latin1",
                "SELECT count(names) FROM t; SELECT 1", "SELECT 'gbk' AS names",
                "/*!40101 SET @@session.character_set_client = latin1 */"}) {
            assertThat(ClientCharacterSet.refusal(sql)).as(sql).isNull();
        }
    }
}
