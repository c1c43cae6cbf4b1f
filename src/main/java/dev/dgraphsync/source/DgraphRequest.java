package dev.dgraphsync.source;

/** Names shared by the routes and the processors around the {@code dgraph-request} route. */
public final class DgraphRequest {

    /** Exchange property: the Dgraph endpoint a request goes to, {@code query} (DQL) or {@code admin}. */
    public static final String PATH = "dgraphPath";
    /** Exchange property: the JSON request, sent again unchanged on every retry. */
    public static final String BODY = "dgraphRequest";

    private DgraphRequest() {
    }
}
