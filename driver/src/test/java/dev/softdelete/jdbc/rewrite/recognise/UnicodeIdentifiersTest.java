package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UnicodeIdentifiersTest {
    @Test
    void decodesFourAndSixDigitEscapesBackslashesAndQuotes() {
        assertThat(UnicodeIdentifiers.names("SELECT * FROM U&\"\\0069tems\" JOIN u&\"a\\+000062\\\\c\"\"d\" ON true",
                true, false)).containsExactly("items", "ab\\c\"d");
    }

    @Test
    void whatCannotBeDecodedIsInDoubt() {
        assertThat(UnicodeIdentifiers.names("SELECT * FROM U&\"!0069tems\" UESCAPE '!'", true, false))
                .isEqualTo(Arrays.asList((String) null));
        assertThat(UnicodeIdentifiers.names("SELECT * FROM U&\"\\00zztems\"", true, false))
                .isEqualTo(Arrays.asList((String) null));
        assertThat(UnicodeIdentifiers.names("SELECT * FROM U&\"\\0069tems", true, false))
                .isEqualTo(Arrays.asList((String) null));
    }

    @Test
    void stringLiteralsAreDataForTheEngineNotForThePreFilter() {
        String sql = "SELECT * FROM t WHERE a = 'U&\"i\"\"\"'";
        assertThat(UnicodeIdentifiers.names(sql, true, false)).isEmpty();
        assertThat(UnicodeIdentifiers.names(sql, false, false)).containsExactly("i\"");
        // a backslash in a string is in doubt outside MySQL (E'...' strings): the string is read through
        assertThat(UnicodeIdentifiers.names("SELECT 'U&\"\\0069\"' FROM t", true, false)).containsExactly("i");
        assertThat(UnicodeIdentifiers.names("SELECT 'U&\"\\0069\"' FROM t", true, true)).isEmpty();
    }
}
