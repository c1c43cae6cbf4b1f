package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DgraphAnswerTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final DgraphAnswer answer = new DgraphAnswer();

    @Test
    void aJsonObjectIsTheAnswerAnythingElseIsTransient() throws Exception {
        Exchange e = answered(200, "{\"data\":{\"page\":[]}}");
        answer.process(e);
        e.getMessage().setBody(DgraphResponse.JSON.readTree("{\"data\":{\"page\":[]}}"));
        answer.checked(e);
        assertThat(e.getMessage().getBody(JsonNode.class).path("data").has("page")).isTrue();

        e.getMessage().setBody(DgraphResponse.JSON.readTree("[1, 2]"));
        assertThatThrownBy(() -> answer.checked(e)).isInstanceOf(DgraphUnavailableException.class)
                .hasMessage("Dgraph's answer (/query) is empty or not a JSON object: [1,2]");
    }

    /** (The route unmarshals the body; FaultsIT sends it HTML pages and cut-off JSON through a proxy.) */
    @Test
    void anHtmlPageOrACutOffBodyIsTransient() {
        assertThatThrownBy(() -> answer.notJson(answered(200, "<html>Maintenance</html>")))
                .isInstanceOf(DgraphUnavailableException.class)
                .hasMessage("Dgraph's answer (/query) is not JSON (cut off, or an error page): <html>Maintenance</html>");
    }

    @Test
    void a429SetsTheNextRetryDelayFromRetryAfterUpToTheLongestBackoff() {
        Exchange e = answered(429, "slow down");
        e.getMessage().setHeader("Retry-After", "7");
        assertThatThrownBy(() -> answer.process(e)).isInstanceOf(DgraphUnavailableException.class)
                .hasMessage("HTTP 429 from Dgraph (/query): slow down");
        assertThat(e.getMessage().getHeader(Exchange.REDELIVERY_DELAY, Long.class)).isEqualTo(7000L);
        e.getMessage().setHeader("Retry-After", "3600");
        assertThatThrownBy(() -> answer.process(e));
        assertThat(e.getMessage().getHeader(Exchange.REDELIVERY_DELAY, Long.class)).isEqualTo(60_000L);
    }

    @Test
    void aRefusedRequestSaysWhichSettingToCheck() {
        assertThatThrownBy(() -> answer.process(answered(401, "unauthorized"))).isInstanceOf(DgraphRefusedException.class)
                .hasMessage("HTTP 401 from Dgraph (/query): unauthorized — check dgraph.api-key and dgraph.api-key-header");
    }

    @Test
    void noAnswerAtAllIsTransientUnlessTheCertificateIsNotTrusted() {
        assertThatThrownBy(() -> answer.noAnswer(failed(new java.net.ConnectException("Connection refused"))))
                .isInstanceOf(DgraphUnavailableException.class)
                .hasMessage("no answer from Dgraph (/query): ConnectException: Connection refused");
        assertThatThrownBy(() -> answer.noAnswer(failed(new javax.net.ssl.SSLException("Connection reset"))))
                .as("a connection reset during the handshake").isInstanceOf(DgraphUnavailableException.class);
        javax.net.ssl.SSLHandshakeException untrusted = new javax.net.ssl.SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new java.security.cert.CertificateException("unable to find valid certification path"));
        assertThatThrownBy(() -> answer.noAnswer(failed(untrusted))).isInstanceOf(DgraphRefusedException.class)
                .hasMessageEndingWith("PKIX path building failed — check dgraph.trust-store");
    }

    private Exchange failed(Exception failure) {
        Exchange e = new DefaultExchange(camel);
        e.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return e;
    }

    private Exchange answered(int status, String body) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        e.getMessage().setBody(body);
        return e;
    }
}
