package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the tool prints never shows a password: as a URL parameter, or in a URL's user info. */
class RedactionTest {
    @Test
    void passwordParametersAreHidden() {
        assertThat(Redaction.redact("jdbc:postgresql://h/db?user=u&password=s3cret&ssl=true"))
            .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
        assertThat(Redaction.redact("jdbc:mysql://h/db?trustCertificateKeyStorePassword=x;PASSWORD=y"))
            .isEqualTo("jdbc:mysql://h/db?trustCertificateKeyStorePassword=***;PASSWORD=***");
    }

    @Test
    void thePasswordOfAUrlsUserInfoIsHidden() {
        assertThat(Redaction.redact("No suitable driver found for jdbc:mysq://root:hunter2@127.0.0.1:3306/probe"))
            .isEqualTo("No suitable driver found for jdbc:mysq://root:***@127.0.0.1:3306/probe");
        assertThat(Redaction.redact("jdbc:mariadb://app:p:w@db:3306/x")).isEqualTo("jdbc:mariadb://app:***@db:3306/x");
    }

    @Test
    void hostsAndPortsAreLeftAlone() {
        String url = "jdbc:mysql://127.0.0.1:3306/db?user=root&sslMode=DISABLED";
        assertThat(Redaction.redact(url)).isEqualTo(url);
        assertThat(Redaction.redact(null)).isNull();
    }
}
