package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentsTest {
    private static final Set<String> KNOWN = Set.of("--url", "--limit");

    @Test
    void readsPositionalsAndBothOptionForms() throws Exception {
        Arguments a = Arguments.parse(new String[] {"orders", "--url", "jdbc:h2:mem:x", "--limit=5"}, KNOWN);
        assertThat(a.positionals("<table>")).containsExactly("orders");
        assertThat(a.option("--url")).isEqualTo("jdbc:h2:mem:x");
        assertThat(a.positiveInt("--limit", 100)).isEqualTo(5);
        assertThat(a.help()).isFalse();
    }

    @Test
    void valuesMayStartWithADash() throws Exception {
        Arguments a = Arguments.parse(new String[] {"--url", "-x"}, KNOWN);
        assertThat(a.option("--url")).isEqualTo("-x");
    }

    @Test
    void afterDoubleDashEverythingIsPositional() throws Exception {
        Arguments a = Arguments.parse(new String[] {"--", "--url"}, KNOWN);
        assertThat(a.positionals("<table>")).containsExactly("--url");
    }

    @Test
    void helpIsRecognised() throws Exception {
        assertThat(Arguments.parse(new String[] {"-h"}, KNOWN).help()).isTrue();
        assertThat(Arguments.parse(new String[] {"--help"}, KNOWN).help()).isTrue();
    }

    @Test
    void usageErrors() {
        assertThatThrownBy(() -> Arguments.parse(new String[] {"--nope", "1"}, KNOWN))
            .isInstanceOf(UsageException.class).hasMessage("unknown option --nope");
        assertThatThrownBy(() -> Arguments.parse(new String[] {"--url"}, KNOWN))
            .isInstanceOf(UsageException.class).hasMessage("option --url needs a value");
        assertThatThrownBy(() -> Arguments.parse(new String[] {"--url", "a", "--url=b"}, KNOWN))
            .isInstanceOf(UsageException.class).hasMessage("option --url is given twice");
        assertThatThrownBy(() -> Arguments.parse(new String[] {"--limit", "0"}, KNOWN).positiveInt("--limit", 1))
            .isInstanceOf(UsageException.class).hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> Arguments.parse(new String[] {"a", "b"}, KNOWN).positionals("<table>"))
            .isInstanceOf(UsageException.class).hasMessage("expected <table>, got a b");
        assertThatThrownBy(() -> Arguments.parse(new String[] {}, KNOWN).positionals("<table>"))
            .isInstanceOf(UsageException.class).hasMessage("expected <table>, got nothing");
        assertThatThrownBy(() -> Arguments.parse(new String[] {"x"}, KNOWN).positionals())
            .isInstanceOf(UsageException.class).hasMessage("unexpected argument 'x'");
        assertThatThrownBy(() -> Arguments.parse(new String[] {}, KNOWN).required("--url"))
            .isInstanceOf(UsageException.class).hasMessage("option --url is required");
    }
}
