package dev.dgraphsync.config;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    @Test
    void theValuesOfTheSecretSettingsAreMaskedWhereverTheyAppear() {
        DefaultCamelContext camel = new DefaultCamelContext();
        Properties settings = new Properties();
        settings.setProperty("dgraph.api-key", "key-123456");
        settings.setProperty("warehouse.password", "pw-654321");
        settings.setProperty("dgraph.url", "http://dgraph:8080");
        camel.getPropertiesComponent().setInitialProperties(settings);

        String redacted = Secrets.of(camel).redact("proxy said: key-123456 is bad; login pw-654321; at http://dgraph:8080");

        assertThat(redacted).isEqualTo("proxy said: **** is bad; login ****; at http://dgraph:8080");
    }

    @Test
    void credentialsWrittenIntoAUrlAreMasked() {
        assertThat(Secrets.maskUrlCredentials("postgresql://etl:s3cr3t@db/dw and jdbc:postgresql://db/dw?user=etl&password=s3cr3t&ssl=true"
                + " and jdbc:h2:file:./w;USER=sa;PASSWORD=s3cr3t;WRITE_DELAY=0"))
                .isEqualTo("postgresql://etl:****@db/dw and jdbc:postgresql://db/dw?user=etl&password=****&ssl=true"
                        + " and jdbc:h2:file:./w;USER=sa;PASSWORD=****;WRITE_DELAY=0")
                .doesNotContain("s3cr3t");
    }

    @Test
    void withoutSettingsOnlyUrlCredentialsAreMasked() {
        assertThat(new Secrets().redact("nothing secret here")).isEqualTo("nothing secret here");
        assertThat(new Secrets().redact(null)).isNull();
    }

    @Test
    void credentialsObtainedWhileRunningAreMaskedTheLatestFewKept() {
        Secrets secrets = new Secrets();
        for (int i = 1; i <= 10; i++) {
            secrets.maskAlso("eyJ-token-" + i + "-end");
        }

        assertThat(secrets.redact("echo eyJ-token-10-end and eyJ-token-3-end")).isEqualTo("echo **** and ****");
        assertThat(secrets.redact("echo eyJ-token-2-end")).as("the oldest are let go").isEqualTo("echo eyJ-token-2-end");
    }

    @Test
    void anExcerptIsCutAfterMaskingSoNoPartOfASecretSurvivesTheCut() {
        DefaultCamelContext camel = new DefaultCamelContext();
        Properties settings = new Properties();
        settings.setProperty("dgraph.api-key", "key-0123456789");
        camel.getPropertiesComponent().setInitialProperties(settings);
        String echo = "x".repeat(195) + " key-0123456789 " + "y".repeat(50);

        String excerpt = Secrets.of(camel).excerpt(echo);

        assertThat(excerpt).doesNotContain("key-").hasSize(201).endsWith("…").contains(" ****");
    }
}
