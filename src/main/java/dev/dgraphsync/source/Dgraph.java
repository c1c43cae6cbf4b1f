package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Asks Dgraph one thing and gives its answer as {@link DgraphAnswer} sorts every answer: a JSON object (Dgraph's
 * own {@code errors[]} redacted, left for {@link DgraphResponse#data} to judge), or a {@link DgraphUnavailableException}
 * (worth a retry) or a {@link DgraphRefusedException} (not). Two ways: {@link DgraphAnswer#ask} once, for start-up
 * checks and health; {@link DgraphRequest#ask} through the {@code dgraph-request} route with the sync's own retries,
 * for verify and discover.
 */
@FunctionalInterface
public interface Dgraph {

    /** {@code path}: {@code /query} (DQL) or {@code /admin}; {@code body}: the JSON request. */
    JsonNode ask(String path, String body);
}
