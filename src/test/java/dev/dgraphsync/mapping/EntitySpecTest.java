package dev.dgraphsync.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntitySpecTest {

    @TempDir
    Path dir;

    @Test
    void theShippedEntitiesLoad() {
        EntityCatalog catalog = new EntityCatalog();
        catalog.setDirectory("config/entities");
        catalog.load();
        assertThat(catalog.all()).extracting(EntitySpec::name)
                .containsExactlyInAnyOrder("attribute", "category", "product", "review", "user");
        assertThat(catalog.get("product").relationshipTypes())
                .containsExactly("BELONGS_TO_CATEGORY", "RELATED_TO", "HAS_ATTRIBUTE");
    }

    @Test
    void aTableNameThatIsNotAnIdentifierIsRejectedNamingTheFileAndSetting() throws IOException {
        write("brand.yaml", """
                type: Brand
                table: "brand; DROP TABLE product"
                key: brand_id
                cursor: updatedAt
                columns:
                  - { name: updated_at, field: updatedAt, type: TIMESTAMP }
                """);
        assertThatThrownBy(this::load).isInstanceOf(EntitySpecException.class)
                .hasMessageContaining("brand.yaml").hasMessageContaining("table: 'brand; DROP TABLE product'");
    }

    /** Each name that reaches SQL or DQL text, made unsafe in turn: the error names the file, the setting and the value. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            type                  | type: "Brand } delete { * * * }"                                          | type: 'Brand } delete { * * * }'
            key                   | key: "brand id"                                                           | key: 'brand id'
            columns[0].name       | columns: [{ name: "name--", field: name, type: TEXT }, { name: updated_at, field: updatedAt, type: TIMESTAMP }] | columns[0].name: 'name--'
            columns[0].field      | columns: [{ name: name, field: "name @filter(has(x))", type: TEXT }, { name: updated_at, field: updatedAt, type: TIMESTAMP }] | columns[0].field: 'name @filter(has(x))'
            edges[0].field        | edges: [{ field: "parent(first: 1)", relationship: CHILD_OF, target: Brand }] | edges[0].field: 'parent(first: 1)'
            edges[0].relationship | edges: [{ field: parent, relationship: "child of", target: Brand }]      | edges[0].relationship: 'child of'
            """)
    void everyNameThatReachesQueryTextMustBeSafe(String setting, String yamlLine, String expected) throws IOException {
        String key = yamlLine.substring(0, yamlLine.indexOf(':'));
        StringBuilder yaml = new StringBuilder();
        for (String line : List.of("type: Brand", "key: brand_id", "cursor: updatedAt",
                "columns: [{ name: name, field: name, type: TEXT }, { name: updated_at, field: updatedAt, type: TIMESTAMP }]")) {
            if (!line.startsWith(key + ":")) {
                yaml.append(line).append('\n');
            }
        }
        write("brand.yaml", yaml.append(yamlLine).append('\n').toString());

        assertThatThrownBy(this::load).isInstanceOf(EntitySpecException.class)
                .hasMessageContaining("brand.yaml").hasMessageContaining(expected);
    }

    @Test
    void anEntityCarriesItsOwnSwitchesAndAnEntitySwitchedOffIsNotSynced() throws IOException {
        write("brand.yaml", """
                type: Brand
                table: brand
                key: brand_id
                pageSize: 200
                batchSize: 50
                schedule: "0/30 * * * * ?"
                columns:
                  - { name: name, field: name, type: TEXT }
                """);
        write("coupon.yaml", """
                type: Coupon
                table: coupon
                key: coupon_id
                enabled: false
                columns:
                  - { name: code, field: code, type: TEXT }
                """);
        EntityCatalog catalog = load();
        assertThat(catalog.get("brand")).extracting(EntitySpec::pageSize, EntitySpec::batchSize, EntitySpec::enabled)
                .containsExactly(200, 50, true);
        assertThat(catalog.get("brand").schedule()).isEqualTo("0/30 * * * * ?");
        assertThat(catalog.get("coupon").enabled()).isFalse();
        assertThat(catalog.all()).extracting(EntitySpec::name).containsExactly("brand");
        assertThat(catalog.defined()).extracting(EntitySpec::name).containsExactly("brand", "coupon");

        write("brand.yaml", """
                type: Brand
                table: brand
                key: brand_id
                pageSize: 0
                columns:
                  - { name: name, field: name, type: TEXT }
                """);
        assertThatThrownBy(this::load).isInstanceOf(EntitySpecException.class)
                .hasMessageContaining("brand.yaml").hasMessageContaining("pageSize: 0 is below the least allowed value, 1");
    }

    @Test
    void theCursorIsOptionalAndNeedNotBeAColumnButMustBeAnIdentifier() throws IOException {
        write("brand.yaml", """
                type: Brand
                table: brand
                key: brand_id
                columns:
                  - { name: name, field: name, type: TEXT }
                """);
        assertThat(load().get("brand").cursor()).isNull();

        write("brand.yaml", """
                type: Brand
                table: brand
                key: brand_id
                cursor: "updatedAt, $from)) { uid } #"
                columns:
                  - { name: name, field: name, type: TEXT }
                """);
        assertThatThrownBy(this::load).hasMessageContaining("brand.yaml: cursor: 'updatedAt, $from)) { uid } #'"
                + " is not a plain identifier");
    }

    @Test
    void anUnknownSettingInTheYamlIsRejectedWithItsLine() throws IOException {
        write("brand.yaml", """
                type: Brand
                table: brand
                key: brand_id
                cursor: updatedAt
                colums: []
                """);
        assertThatThrownBy(this::load).hasMessageContaining("brand.yaml").hasMessageContaining("unknown setting 'colums' near line")
                .hasMessageContaining("columns");
    }

    @Test
    void aPathColumnNeedsAnEdgeToKnowTheLinkedType() throws IOException {
        write("review.yaml", """
                type: Review
                table: review
                key: review_id
                cursor: updatedAt
                columns:
                  - { name: author_username, field: author.username, type: TEXT }
                  - { name: updated_at, field: updatedAt, type: TIMESTAMP }
                """);
        assertThatThrownBy(this::load).hasMessageContaining("it needs an edge on 'author' or a 'target' type");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            REF   | maker_id     | maker
            COUNT | makers_count | makers
            """)
    void aColumnReadingLinkedNodesNeedsTheirType(String type, String column, String field) throws IOException {
        write("brand.yaml", """
                type: Brand
                table: brand
                key: brand_id
                cursor: updatedAt
                columns:
                  - { name: %s, field: %s, type: %s }
                  - { name: updated_at, field: updatedAt, type: TIMESTAMP }
                """.formatted(column, field, type));
        assertThatThrownBy(this::load).hasMessageContaining("brand.yaml")
                .hasMessageContaining("columns[0].field: '" + field + "' reads linked nodes: it needs an edge on '"
                        + field + "' or a 'target' type");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an empty file           | ---                                                                            | the file is empty
            a file holding null     | ~                                                                              | the file is empty
            an empty column         | 'type: Brand\nkey: brand_id\ncursor: updatedAt\ncolumns:\n  -\n  - { name: updated_at, field: updatedAt, type: TIMESTAMP }' | columns[0]: empty item
            an empty edge           | 'type: Brand\nkey: brand_id\ncursor: updatedAt\ncolumns:\n  - { name: updated_at, field: updatedAt, type: TIMESTAMP }\nedges:\n  -' | edges[0]: empty item
            """)
    void anEmptyFileOrItemIsNamedNotACrash(String what, String yaml, String expected) throws IOException {
        write("brand.yaml", yaml.replace("\\n", "\n"));
        assertThatThrownBy(this::load).isInstanceOf(EntitySpecException.class)
                .hasMessageContaining("brand.yaml").hasMessageContaining(expected);
    }

    @Test
    void twoEntitiesCannotShareATable() throws IOException {
        write("brand.yaml", """
                type: Brand
                table: product
                key: brand_id
                cursor: updatedAt
                columns:
                  - { name: updated_at, field: updatedAt, type: TIMESTAMP }
                """);
        Files.copy(Path.of("config/entities/product.yaml"), dir.resolve("product.yaml"));
        assertThatThrownBy(this::load).isInstanceOf(EntitySpecException.class)
                .hasMessageContaining("table: 'product' is already the table of").hasMessageContaining("brand.yaml");
    }

    @Test
    void anUnknownEntityIsNamedWithTheKnownOnes() {
        EntityCatalog catalog = new EntityCatalog();
        catalog.setDirectory("config/entities");
        catalog.load();
        assertThatThrownBy(() -> catalog.get("brand")).hasMessageContaining("entity 'brand' is not defined")
                .hasMessageContaining("product");
    }

    private void write(String name, String yaml) throws IOException {
        Files.writeString(dir.resolve(name), yaml);
    }

    private EntityCatalog load() {
        EntityCatalog catalog = new EntityCatalog();
        catalog.setDirectory(dir.toString());
        return catalog.load();
    }
}
