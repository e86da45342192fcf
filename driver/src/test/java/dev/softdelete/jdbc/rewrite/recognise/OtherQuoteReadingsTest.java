package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OtherQuoteReadingsTest {
    @Test
    void eachTextRunsToTheNextSemicolonUnlessACommentSpansIt() {
        assertThat(OtherQuoteReadings.afterEverySemicolon("SELECT '\\'; USE a; SELECT ' -- '"))
                .containsExactly(" USE a", " SELECT ' -- '");
        assertThat(OtherQuoteReadings.afterEverySemicolon("SELECT '\\'; /*!USE a; */ SELECT 1"))
                .containsExactly(" /*!USE a; */ SELECT 1", " */ SELECT 1");
        // nothing the session could read otherwise: no texts
        assertThat(OtherQuoteReadings.afterEverySemicolon("SELECT 1; SELECT 2")).isEmpty();
    }
}
