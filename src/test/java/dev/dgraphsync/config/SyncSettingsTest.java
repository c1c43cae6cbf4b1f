package dev.dgraphsync.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncSettingsTest {

    private static SyncSettings valid() {
        SyncSettings s = new SyncSettings();
        s.setDgraphUrl("http://127.0.0.1:8080");
        s.setApiKeyHeader("X-Auth-Token");
        s.setConnectTimeoutMs("1000");
        s.setResponseTimeoutMs("1000");
        s.setMaxRetries("5");
        s.setInitialDelayMs("2000");
        s.setBackoffMultiplier("2");
        s.setMaxDelayMs("60000");
        s.setJdbcUrl("jdbc:h2:mem:x");
        s.setPoolSize("4");
        s.setWarehouseConnectTimeoutMs("10000");
        s.setPageSize("1000");
        s.setCheckpointInterval("1000");
        s.setBatchesInFlight("2");
        s.setLookbackSeconds("300");
        s.setSchedule("0 0/5 * * * ?");
        s.setSchemaSchedule("0 0 * * * ?");
        s.setReconcileSchedule("0 30 * * * ?");
        s.setReconcilePageSize("10000");
        return s;
    }

    @Test
    void theDefaultsAreValid() {
        assertThatCode(() -> valid().validate()).doesNotThrowAnyException();
    }

    @Test
    void theUrlMustBeHttpOrHttps() {
        SyncSettings s = valid();
        s.setDgraphUrl("ftp://dgraph:8080");
        assertThatThrownBy(s::validate).isInstanceOf(InvalidSettingException.class)
                .hasMessage("dgraph.url: 'ftp://dgraph:8080' must start with http:// or https://");
    }

    @Test
    void aMissingUrlIsNamed() {
        SyncSettings s = valid();
        s.setDgraphUrl("");
        assertThatThrownBy(s::validate).hasMessageStartingWith("dgraph.url: missing");
    }

    @Test
    void thePageSizeMustBePositive() {
        SyncSettings s = valid();
        s.setPageSize("0");
        assertThatThrownBy(s::validate).hasMessage("dgraph.sync.page-size: 0 is below the least allowed value, 1");
    }

    @Test
    void aNumberThatIsNotOneIsNamed() {
        SyncSettings s = valid();
        s.setCheckpointInterval("lots");
        assertThatThrownBy(s::validate).hasMessage("dgraph.sync.checkpoint-interval: 'lots' is not a whole number");
    }

    @Test
    void theWholeTypeLookupIntervalMayBeZeroButNotNegative() {
        SyncSettings s = valid();
        s.setUnstampedFullLookupMinutes("0");
        s.validate();
        s.setUnstampedFullLookupMinutes("-1");
        assertThatThrownBy(s::validate)
                .hasMessage("dgraph.sync.unstamped-full-lookup-minutes: -1 is below the least allowed value, 0");
    }

    @Test
    void anUnparsableCronIsNamed() {
        SyncSettings s = valid();
        s.setSchedule("every five minutes");
        assertThatThrownBy(s::validate).hasMessageStartingWith("dgraph.sync.schedule: 'every five minutes' is not a Quartz cron");
    }

    @Test
    void aNumberTooLargeForItsSettingIsNamed() {
        SyncSettings s = valid();
        s.setPageSize("3000000000");
        assertThatThrownBy(s::validate).hasMessage("dgraph.sync.page-size: 3000000000 is above the largest allowed value, 2147483647");
    }

    @Test
    void theBackoffMultiplierMayHaveAFractionButNotBeBelowOne() {
        SyncSettings s = valid();
        s.setBackoffMultiplier("1.5");
        assertThatCode(s::validate).doesNotThrowAnyException();
        s.setBackoffMultiplier("0.5");
        assertThatThrownBy(s::validate).hasMessage("dgraph.retry.backoff-multiplier: 0.5 is not between 1 and 100");
    }

    @Test
    void theAclNamespaceIsCheckedLikeTheOtherNumbers() {
        SyncSettings s = valid();
        s.setAclNamespace("tenant-a");
        assertThatThrownBy(s::validate).hasMessage("dgraph.acl-namespace: 'tenant-a' is not a whole number");
    }
}
