package dev.dgraphsync.cdc;

import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spi.OnCamelContextStarted;
import org.apache.camel.spi.OnCamelContextStarting;
import org.apache.camel.util.URISupport;
import dev.dgraphsync.warehouse.RepairTable;
import dev.dgraphsync.config.InvalidSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * With {@code dgraph.cdc.endpoint} set, makes route {@value #ROUTE} from the template of the same name
 * (routes/cdc.camel.yaml) once the entities' routes have started; without it, or in a {@code once} or a command whose
 * routes stay stopped, no route reads changes.
 *
 * <p>A Kafka endpoint is completed with what applying changes safely needs, where the URI does not say otherwise: group
 * {@code dgraph-sync}, from the earliest record a new group finds, a session of 10 s (a killed process's member leaves
 * the group that soon), each partition given to the consumer going on from the warehouse's position
 * ({@link WarehouseOffsets}), and Kafka's offsets committed only after the warehouse commit
 * ({@link KafkaCommitsAfterWarehouse}). A file read with
 * {@code retry=true} is watched ({@code fileWatcher=true}): camel-stream reads it again from its first line when it
 * changes or is replaced, and without a watcher it would do so at every end of the file, many times a second.
 */
public class CdcRoute implements OnCamelContextStarting, OnCamelContextStarted {

    public static final String ROUTE = "cdc-changes";
    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");
    private static final Map<String, String> KAFKA = new LinkedHashMap<>();
    private static final Map<String, String> FILE = Map.of("fileWatcher", "true");

    static {
        KAFKA.put("groupId", "dgraph-sync");
        KAFKA.put("autoOffsetReset", "earliest");
        KAFKA.put("sessionTimeoutMs", "10000");
        KAFKA.put("autoCommitEnable", "false");
        KAFKA.put("allowManualCommit", "true");
        KAFKA.put("kafkaManualCommitFactory", "#kafkaCommitsAfterWarehouse");
        KAFKA.put("offsetRepository", "#warehouseOffsets");
    }

    private SyncSettings settings;
    private RepairTable repairs;
    private EntityRunTrigger trigger;

    /** Before anything starts: an endpoint Camel cannot make stops the start, naming the setting. */
    @Override
    public void onContextStarting(CamelContext context) {
        String endpoint = endpoint(context);
        if (endpoint != null) {
            try {
                context.getEndpoint(completed(endpoint));
            } catch (RuntimeException e) {
                throw new InvalidSettingException(Setting.CDC_ENDPOINT.key(), "Camel cannot read from it: "
                        + URISupport.sanitizeUri(e.getMessage()));
            }
        }
    }

    @Override
    public void onContextStarted(CamelContext context) {
        String endpoint = endpoint(context);
        if (endpoint == null) {
            return;
        }
        String uri = completed(endpoint);
        try {
            TemplatedRouteBuilder.builder(context, ROUTE).routeId(ROUTE).parameter("endpoint", uri).add();
        } catch (Exception e) {
            throw new IllegalStateException(Setting.CDC_ENDPOINT.key() + ": no route reads changes from it ("
                    + URISupport.sanitizeUri(e.getMessage()) + ")");
        }
        LOG.info("CDC: changes from {} are read again within seconds (dgraph.cdc.endpoint)", endpoint.replaceAll("\\?.*", ""));
        // Nodes a process stopped or killed had taken in, whose runs it had not fired or finished: their runs now.
        List<String> waiting = repairs.entitiesWaiting();
        if (!waiting.isEmpty()) {
            LOG.info("CDC: nodes of {} wait in sync_repair from before the start: their runs fire now", waiting);
            trigger.requested(waiting);
        }
    }

    /** The endpoint to read, or null when none is (not set, a once, or a command whose routes stay stopped). */
    private String endpoint(CamelContext context) {
        String endpoint = settings.text(Setting.CDC_ENDPOINT).trim();
        return endpoint.isEmpty() || settings.flag(Setting.ONCE) || !context.isAutoStartup() ? null : endpoint;
    }

    /** The endpoint, with the options above that it does not set itself. */
    static String completed(String endpoint) {
        String query = endpoint.contains("?") ? "&" + endpoint.substring(endpoint.indexOf('?') + 1) : "";
        Map<String, String> options = endpoint.startsWith("kafka:") ? KAFKA
                : endpoint.startsWith("stream:file") && query.contains("&retry=true") ? FILE : Map.of();
        StringBuilder uri = new StringBuilder(endpoint);
        options.forEach((option, value) -> {
            if (!query.contains("&" + option + "=")) {
                uri.append(uri.indexOf("?") < 0 ? '?' : '&').append(option).append('=').append(value);
            }
        });
        return uri.toString();
    }

    public void setSettings(SyncSettings settings) { this.settings = settings; }
    public void setRepairs(RepairTable repairs) { this.repairs = repairs; }
    public void setTrigger(EntityRunTrigger trigger) { this.trigger = trigger; }
}
