package dev.dgraphsync.source;

import dev.dgraphsync.mapping.EntityCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageQueryTest {

    private final EntityCatalog catalog = new EntityCatalog();

    PageQueryTest() {
        catalog.setDirectory("config/entities");
        catalog.load();
    }

    @Test
    void anIncrementalPageFiltersOnTheCursorAndPagesAfterTheLastUidWithVariables() {
        assertThat(PageQuery.query(catalog.get("review"), 100, true, true)).isEqualTo("""
                query page($from: string, $after: string) {
                  page(func: type(Review), first: 100, after: $after) @filter(ge(Review.updatedAt, $from) OR NOT has(Review.updatedAt)) {
                    uid
                    Review.rating
                    Review.comment
                    Review.product @filter(type(Product)) { uid }
                    Review.author @filter(type(User)) { uid User.username }
                    Review.createdAt
                    Review.updatedAt
                  }
                }""");
    }

    @Test
    void theFirstPageOfAFullPassHasNeitherFilterNorPosition() {
        assertThat(PageQuery.query(catalog.get("category"), 50, false, false))
                .startsWith("query page() {\n  page(func: type(Category), first: 50) {\n    uid\n");
    }
}
