package dev.dgraphsync.config;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncSettingsTest {

    private static SyncSettings with(String key, String value) {
        return SyncSettings.of(Map.of(key, value));
    }

    @Test
    void theDefaultsAreValid() {
        assertThatCode(() -> SyncSettings.defaults().resolve()).doesNotThrowAnyException();
        assertThat(SyncSettings.defaults().number(Setting.PAGE_SIZE)).isEqualTo(10_000);
    }

    @Test
    void theUrlMustBeHttpOrHttps() {
        assertThatThrownBy(with("dgraph.url", "ftp://dgraph:8080")::resolve).isInstanceOf(InvalidSettingException.class)
                .hasMessage("dgraph.url: 'ftp://dgraph:8080' must start with http:// or https://");
    }

    @Test
    void aMissingUrlIsNamed() {
        assertThatThrownBy(with("dgraph.url", "")::resolve).hasMessageStartingWith("dgraph.url: missing");
    }

    /** The spec asks for "the GraphQL endpoint URL"; the sync asks the alpha's /query and /admin beside it. */
    @Test
    void theGraphqlEndpointAsTheSpecGivesItIsTakenAsTheAlphasBase() {
        assertThat(with("dgraph.url", "http://127.0.0.1:8080/graphql").text(Setting.DGRAPH_URL))
                .isEqualTo("http://127.0.0.1:8080");
        assertThat(with("dgraph.url", "https://blue-surf.cloud.dgraph.io/graphql/").text(Setting.DGRAPH_URL))
                .isEqualTo("https://blue-surf.cloud.dgraph.io");
        assertThat(with("dgraph.url", "http://dgraph:8080/query").text(Setting.DGRAPH_URL)).isEqualTo("http://dgraph:8080");
        assertThat(with("dgraph.url", "http://dgraph:8080/").text(Setting.DGRAPH_URL)).isEqualTo("http://dgraph:8080");
        assertThat(with("dgraph.url", "http://proxy/dgraph/admin").text(Setting.DGRAPH_URL)).isEqualTo("http://proxy/dgraph");
    }

    /** The routes read every default through Camel's properties, none written in them. */
    @Test
    void theRoutesReadEveryDefaultWithoutWritingIt() {
        CamelContext camel = new DefaultCamelContext();
        Properties file = new Properties();
        file.setProperty("dgraph.url", "http://127.0.0.1:8080/graphql");
        camel.getPropertiesComponent().setInitialProperties(file);
        SyncSettings settings = new SyncSettings();
        settings.setCamelContext(camel);
        settings.resolve();

        assertThat(settings.getDgraphUrl()).as("the base, which dgraph-request asks").isEqualTo("http://127.0.0.1:8080");
        assertThat(camel.resolvePropertyPlaceholders("{{dgraph.sync.schedule}}")).isEqualTo("0 0/5 * * * ?");
        assertThat(camel.resolvePropertyPlaceholders("{{dgraph.api-key}}")).isEmpty();
    }

    /** The host's own value wins over the default: the defaults are the source of lowest precedence. */
    @Test
    void aValueOfTheHostWinsOverTheDefault() {
        CamelContext camel = new DefaultCamelContext();
        SyncSettings settings = new SyncSettings();
        settings.setCamelContext(camel);
        camel.getPropertiesComponent().addLocation("classpath:settings-test.properties");

        assertThat(settings.number(Setting.PAGE_SIZE)).isEqualTo(500);
        assertThat(camel.resolvePropertyPlaceholders("{{dgraph.sync.page-size}}")).isEqualTo("500");
    }

    @Test
    void thePageSizeMustBePositive() {
        assertThatThrownBy(with("dgraph.sync.page-size", "0")::resolve)
                .hasMessage("dgraph.sync.page-size: 0 is below the least allowed value, 1");
    }

    @Test
    void aNumberThatIsNotOneIsNamed() {
        assertThatThrownBy(with("dgraph.sync.checkpoint-interval", "lots")::resolve)
                .hasMessage("dgraph.sync.checkpoint-interval: 'lots' is not a whole number");
    }

    @Test
    void theWholeTypeLookupIntervalMayBeZeroButNotNegative() {
        assertThatCode(with("dgraph.sync.unstamped-full-lookup-minutes", "0")::resolve).doesNotThrowAnyException();
        assertThatThrownBy(with("dgraph.sync.unstamped-full-lookup-minutes", "-1")::resolve)
                .hasMessage("dgraph.sync.unstamped-full-lookup-minutes: -1 is below the least allowed value, 0");
    }

    @Test
    void anUnparsableCronIsNamed() {
        assertThatThrownBy(with("dgraph.sync.schedule", "every five minutes")::resolve)
                .hasMessageStartingWith("dgraph.sync.schedule: 'every five minutes' is not a Quartz cron");
    }

    @Test
    void aNumberTooLargeForItsSettingIsNamed() {
        assertThatThrownBy(with("dgraph.sync.page-size", "3000000000")::resolve)
                .hasMessage("dgraph.sync.page-size: 3000000000 is above the largest allowed value, 2147483647");
    }

    @Test
    void theBackoffMultiplierMayHaveAFractionButNotBeBelowOne() {
        assertThat(with("dgraph.retry.backoff-multiplier", "1.5").decimal(Setting.BACKOFF_MULTIPLIER)).isEqualTo(1.5);
        assertThatThrownBy(with("dgraph.retry.backoff-multiplier", "0.5")::resolve)
                .hasMessage("dgraph.retry.backoff-multiplier: 0.5 is not between 1 and 100");
    }

    @Test
    void theAclNamespaceIsCheckedLikeTheOtherNumbers() {
        assertThatThrownBy(with("dgraph.acl-namespace", "tenant-a")::resolve)
                .hasMessage("dgraph.acl-namespace: 'tenant-a' is not a whole number");
    }

    @Test
    void aChoiceOutsideItsChoicesIsNamed() {
        assertThatThrownBy(with("dgraph.sync.schema-check", "maybe")::resolve)
                .hasMessage("dgraph.sync.schema-check: 'maybe' is not fail or warn");
        assertThatThrownBy(with("dgraph.sync.verify-enabled", "yes")::resolve)
                .hasMessage("dgraph.sync.verify-enabled: 'yes' is not true or false");
    }

    @Test
    void eachSettingsEnvironmentVariableIsItsKeyInCamelsSpelling() {
        assertThat(Setting.DGRAPH_URL.env()).isEqualTo("DGRAPH_URL");
        assertThat(Setting.JDBC_URL.env()).isEqualTo("WAREHOUSE_JDBC_URL");
        assertThat(Setting.MAX_STALENESS_MINUTES.env()).isEqualTo("DGRAPH_SYNC_HEALTH_MAX_STALENESS_MINUTES");
    }
}
