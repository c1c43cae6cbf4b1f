package dev.dgraphsync.config;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of every text this project logs, throws or stores: the values of the secret settings, the
 * credentials obtained while running (Dgraph ACL access and refresh tokens, {@link #maskAlso}), and credentials written
 * into a URL ({@code //user:password@host}, {@code password=…}). Anything that puts outside text (an answer of Dgraph
 * or of a proxy, a driver's message) into an error passes it through {@link #redact}.
 */
public class Secrets implements CamelContextAware {

    /** The settings whose values are secret. */
    public static final List<String> SETTINGS = List.of("dgraph.api-key", "dgraph.admin-token", "dgraph.acl-password",
            "dgraph.trust-store-password", "warehouse.password");
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/@\\s:]+:)[^/@\\s]+@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;\\s]+");
    private static final String MASK = "****";
    /** Tokens are replaced as they expire; the last few are kept, for an answer to a request sent with an older one. */
    private static final int RUNTIME_SECRETS_KEPT = 8;

    private final Deque<String> runtimeSecrets = new ConcurrentLinkedDeque<>();

    private CamelContext camelContext;
    private volatile List<String> values;

    /** The secrets of the settings of this Camel context. */
    public static Secrets of(CamelContext camelContext) {
        Secrets secrets = new Secrets();
        secrets.setCamelContext(camelContext);
        return secrets;
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = maskUrlCredentials(text);
        for (String secret : values()) {
            result = result.replace(secret, MASK);
        }
        for (String secret : runtimeSecrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    /**
     * An outside text (an answer's body) fit for an error message: secrets masked first, then white space folded and
     * the text cut to 200 characters — in that order, so that a cut never leaves part of a secret unmasked.
     */
    public String excerpt(String text) {
        String shown = text == null ? "" : redact(text).strip().replaceAll("\\s+", " ");
        return shown.length() <= 200 ? shown : shown.substring(0, 200) + "…";
    }

    /** Masks this credential too from now on: one obtained while running, such as an access token. */
    public void maskAlso(String secret) {
        if (secret == null || secret.length() < 3) {
            return;
        }
        runtimeSecrets.addFirst(secret);
        while (runtimeSecrets.size() > RUNTIME_SECRETS_KEPT) {
            runtimeSecrets.pollLast();
        }
    }

    /** A text with the credentials of any URL in it masked. */
    public static String maskUrlCredentials(String text) {
        if (text == null) {
            return null;
        }
        String result = URL_USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
        return PASSWORD_PARAMETER.matcher(result).replaceAll("$1" + MASK);
    }

    private List<String> values() {
        if (values == null) {
            values = camelContext == null ? List.of() : SETTINGS.stream()
                    .map(this::resolve).flatMap(Optional::stream)
                    .filter(s -> s.length() >= 3) // a two-letter "secret" would mask half of every message
                    .toList();
        }
        return values;
    }

    private Optional<String> resolve(String setting) {
        try {
            return camelContext.getPropertiesComponent().resolveProperty(setting);
        } catch (RuntimeException unresolvable) {
            return Optional.empty();
        }
    }

    @Override public void setCamelContext(CamelContext camelContext) { this.camelContext = camelContext; }
    @Override public CamelContext getCamelContext() { return camelContext; }
}
