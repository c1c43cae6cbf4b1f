package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Dgraph answer (parsed by {@link DgraphAnswer}). Dgraph answers HTTP 200 for its own errors, with {@code errors[]} in the body: errors with
 * no data fail the run; errors beside data are logged as warnings and the data is used, as the spec says.
 */
public final class DgraphResponse {

    /** Floats are read as BigDecimal so that a price keeps exactly the digits Dgraph printed. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private DgraphResponse() {
    }

    /** The {@code data.<field>} of an answer already read (see {@link DgraphAnswer}). */
    public static JsonNode data(JsonNode answer, String field, String context) {
        JsonNode data = answer == null ? null : answer.path("data").get(field);
        List<String> errors = errors(answer);
        if (!errors.isEmpty()) {
            if (data == null || data.isNull()) {
                throw new DgraphQueryException(context + ": Dgraph answered with errors and no data: "
                        + String.join("; ", errors) + hint(errors));
            }
            LOG.warn("{}: Dgraph answered with data and errors, the data is used: {}", context,
                    String.join("; ", errors));
        }
        if (data == null || data.isNull()) {
            // Only the answer's field names: its text may be anything a proxy chose to send.
            List<String> fields = new ArrayList<>();
            if (answer != null) {
                answer.fieldNames().forEachRemaining(fields::add);
            }
            throw new DgraphQueryException(context + ": Dgraph's answer has no data." + field + " (it has: "
                    + (fields.isEmpty() ? "nothing" : String.join(", ", fields)) + ")");
        }
        return data;
    }

    /** Auth errors name the settings that fix them; other errors give "". */
    static String hint(List<String> errors) {
        String all = String.join(" ", errors).toLowerCase();
        if (all.contains("authtoken")) {
            return " — check dgraph.admin-token";
        }
        if (all.contains("jwt") || all.contains("unauthenticated")) {
            return " — check dgraph.acl-user and dgraph.acl-password";
        }
        if (all.contains("unauthorized")) {
            return " — check dgraph.api-key and dgraph.api-key-header";
        }
        return "";
    }

    /** Dgraph's error messages, each with its code. */
    static List<String> errors(JsonNode answer) {
        List<String> messages = new ArrayList<>();
        if (answer != null) {
            for (JsonNode error : answer.path("errors")) {
                String code = error.path("extensions").path("code").asText("");
                messages.add(error.path("message").asText() + (code.isEmpty() ? "" : " [" + code + "]"));
            }
        }
        return messages;
    }
}
