package dev.dgraphsync.checkpoint;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** The configured secrets, so that no error text stored or logged by this project ever carries one. */
public class Secrets {

    private String dgraphApiKey;
    private String warehousePassword;
    private String dgraphAdminToken;
    private String trustStorePassword;
    private String aclPassword;

    public void setDgraphApiKey(String dgraphApiKey) {
        this.dgraphApiKey = dgraphApiKey;
    }

    public void setDgraphAdminToken(String dgraphAdminToken) {
        this.dgraphAdminToken = dgraphAdminToken;
    }

    public void setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
    }

    public void setAclPassword(String aclPassword) {
        this.aclPassword = aclPassword;
    }

    public void setWarehousePassword(String warehousePassword) {
        this.warehousePassword = warehousePassword;
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : values()) {
            result = result.replace(secret, "****");
        }
        return result;
    }

    private List<String> values() {
        return Stream.of(dgraphApiKey, dgraphAdminToken, trustStorePassword, aclPassword, warehousePassword).filter(Objects::nonNull).filter(s -> s.length() >= 3).toList();
    }
}
