package dev.dgraphsync.cdc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dgraphsync.source.UnreadableCdcEventException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Dgraph writes its file sink in blocks (every 10 s, or as its buffer fills), so camel-stream can read a line the alpha
 * has written only in part: its start at the end of the file, its rest later as a line of its own. Each part would be
 * no event, and the change in it lost. A part is held until the line is whole; a held part followed by a whole line is
 * dropped, because camel-stream has opened the file again from its first line and the whole line comes again.
 *
 * <p>NUL bytes are dropped: a sink cut to nothing while Dgraph writes it without {@code O_APPEND} (the file it opens
 * after a rotation at 100 MB) fills with them up to Dgraph's offset, before the next line.
 *
 * <p>A line is whole when it is a JSON object whose braces close at its end (counted outside strings); a part joined to
 * what follows, when it is JSON. Kafka's records are always whole.
 */
public class WholeLines implements Processor {

    /** Longer than any event (a product's description of a megabyte is two or three). */
    private static final int LIMIT = 64 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private String held;

    @Override
    public synchronized void process(Exchange exchange) {
        if (!(exchange.getMessage().getBody() instanceof String read)) {
            return;
        }
        // NUL bytes pad a file that was cut while Dgraph kept writing at its own offset (it opens a new sink file
        // without O_APPEND after a rotation); JSON text holds none outside its escapes.
        String line = read.indexOf('\0') < 0 ? read : read.replace("\0", "");
        String joined = held == null ? line : held + line;
        if (held == null ? isWhole(line) : isJson(joined)) {
            held = null;
            exchange.getMessage().setBody(joined);
        } else if (held != null && isWhole(line)) {
            held = null;
        } else if (line.isBlank()) {
            exchange.setRouteStop(true);
        } else if (joined.length() > LIMIT) {
            held = null;
            throw new UnreadableCdcEventException("a line of over " + LIMIT + " characters that never closes: "
                    + joined.substring(0, 300) + "…");
        } else {
            held = joined;
            exchange.setRouteStop(true);
        }
    }

    /** A part joined to the start of a file opened again can balance its braces: only JSON itself tells. */
    private static boolean isJson(String text) {
        try {
            JSON.readTree(text);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Exact for a line read from its start (a part of one never closes its first brace). */
    static boolean isWhole(String line) {
        String text = line.strip();
        if (!text.startsWith("{")) {
            return false;
        }
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (inString) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '"') {
                    inString = false;
                }
            } else if (ch == '"') {
                inString = true;
            } else if (ch == '{' || ch == '[') {
                depth++;
            } else if ((ch == '}' || ch == ']') && --depth == 0) {
                return i == text.length() - 1;
            }
        }
        return false;
    }
}
