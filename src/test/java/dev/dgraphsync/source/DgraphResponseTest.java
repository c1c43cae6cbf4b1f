package dev.dgraphsync.source;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DgraphResponseTest {

    @Test
    void errorsWithoutDataFailNamingTheRequestAndDgraphsMessage() throws Exception {
        assertThatThrownBy(() -> DgraphResponse.data(DgraphResponse.JSON.readTree("""
                {"errors":[{"message":"Predicate Product.description is not indexed","extensions":{"code":"ErrorInvalidRequest"}}],"data":null}
                """), "page", "product, page 3 after uid 0x10"))
                .isInstanceOf(DgraphQueryException.class)
                .hasMessage("product, page 3 after uid 0x10: Dgraph answered with errors and no data: "
                        + "Predicate Product.description is not indexed [ErrorInvalidRequest]");
    }

    @Test
    void errorsBesideDataAreWarningsAndTheDataIsUsed() throws Exception {
        assertThat(DgraphResponse.data(DgraphResponse.JSON.readTree("""
                {"errors":[{"message":"partial"}],"data":{"page":[{"uid":"0x1"}]}}
                """), "page", "product").get(0).path("uid").asText()).isEqualTo("0x1");
    }
}
