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
    void anIncrementalPageReadsTheCursorIndexAndPagesAfterTheLastUidWithVariables() {
        assertThat(PageQuery.query(catalog.get("review"), 100, true, true)).isEqualTo("""
                query page($from: string, $after: string) {
                  page(func: ge(Review.createdAt, $from), first: 100, after: $after) @filter(type(Review)) {
                    uid
                    Review.rating
                    Review.comment
                    Review.product @filter(type(Product)) { uid }
                    Review.author @filter(type(User)) { uid User.username }
                    Review.createdAt
                  }
                }""");
    }

    @Test
    void nodesWithoutACursorValueAreMergedIntoTheSameUidOrder() {
        assertThat(PageQuery.query(catalog.get("category"), 50, true, false, java.util.List.of("0x7", "0x2a")))
                .startsWith("""
                        query page($from: string) {
                          var(func: ge(Category.updatedAt, $from)) { changed as uid }
                          var(func: uid(0x7, 0x2a)) { unstamped as uid }
                          page(func: uid(changed, unstamped), first: 50) @filter(type(Category)) {
                            uid
                        """);
    }

    @Test
    void theFirstPageOfAFullPassHasNeitherFilterNorPosition() {
        assertThat(PageQuery.query(catalog.get("category"), 50, false, false))
                .startsWith("query page() {\n  page(func: type(Category), first: 50) {\n    uid\n");
    }
}
