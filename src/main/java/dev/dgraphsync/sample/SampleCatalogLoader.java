package dev.dgraphsync.sample;

import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dgraphsync.source.DgraphAcl;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fills a Dgraph that has config/dgraph/schema.graphql with a sample catalog, through GraphQL mutations on
 * {@code /graphql}: a category hierarchy, attributes, users, N products (category, attributes, related products)
 * and reviews. Deterministic for a seed. The data carries what a real catalog throws at a sync: DateTimes with
 * offsets and fractions, many rows sharing one {@code updatedAt} (a bulk import), prices Dgraph prints as
 * {@code 1.5e+06}, emoji and right-to-left text.
 *
 * <p>A tool for the demo, the tests and the benchmark, not part of the sync: it may name the catalog's types.
 */
public final class SampleCatalogLoader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MUTATION_BATCH = 500;
    private static final OffsetDateTime FIRST_CREATED = OffsetDateTime.parse("2024-01-01T00:00:00Z");
    private static final long SPAN_MINUTES = 2 * 365 * 24 * 60;
    private static final OffsetDateTime BULK_IMPORT = OffsetDateTime.parse("2025-03-01T09:00:00+05:30");
    private static final ZoneOffset[] OFFSETS = {ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30),
            ZoneOffset.ofHours(-8), ZoneOffset.ofHours(2)};
    private static final String[] WORDS = {"classic", "trail", "ultra", "eco", "pro", "mini", "smart", "vintage",
            "café ☕", "שלום", "sport", "deluxe", "😀 fun", "compact"};

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI graphql;
    private final Random random;
    private DgraphAcl acl;

    public SampleCatalogLoader(String dgraphUrl, long seed) {
        this.graphql = URI.create(dgraphUrl.replaceAll("/+$", "") + "/graphql");
        this.random = new Random(seed);
    }

    /** On a Dgraph with ACL: every mutation carries a fresh access token of this session. */
    public SampleCatalogLoader withAcl(DgraphAcl acl) {
        this.acl = acl;
        return this;
    }

    /** {@code load-sample N [--dgraph-url URL] [--seed S]}. */
    public static int run(List<String> args) throws IOException, InterruptedException {
        int products = args.isEmpty() || args.get(0).startsWith("--") ? 2000 : Integer.parseInt(args.get(0));
        // the alpha's base, as the sync takes dgraph.url (a /graphql endpoint included)
        String url = SyncSettings.of(Map.of(Setting.DGRAPH_URL.key(), valueOf(args, "--dgraph-url", System.getenv()
                .getOrDefault(Setting.DGRAPH_URL.env(), Setting.DGRAPH_URL.defaultValue())))).text(Setting.DGRAPH_URL);
        long seed = Long.parseLong(valueOf(args, "--seed", "42"));
        long started = System.nanoTime();
        Counts counts = new SampleCatalogLoader(url, seed).load(products);
        System.out.printf("load-sample: %s into %s in %.1f s%n", counts, url, (System.nanoTime() - started) / 1e9);
        return 0;
    }

    public record Counts(int categories, int attributes, int users, int products, int reviews) {
    }

    public Counts load(int products) throws IOException, InterruptedException {
        int categoryCount = Math.max(6, products / 100);
        List<String> categories = new ArrayList<>();
        // Roots first, then children that point at a category made before them.
        categories.addAll(add("Category", 5, i -> category(i, null)));
        while (categories.size() < categoryCount) {
            int batch = Math.min(MUTATION_BATCH, categoryCount - categories.size());
            List<String> parents = List.copyOf(categories);
            categories.addAll(add("Category", batch, i -> category(categories.size() + i, pick(parents))));
        }
        List<String> attributes = add("Attribute", Math.max(20, products / 10), this::attribute);
        List<String> users = add("User", Math.max(10, products / 20), this::user);
        List<String> productIds = new ArrayList<>();
        while (productIds.size() < products) {
            int batch = Math.min(MUTATION_BATCH, products - productIds.size());
            List<String> earlier = List.copyOf(productIds);
            int offset = productIds.size();
            productIds.addAll(add("Product", batch, i -> product(offset + i, pick(categories), attributes, earlier)));
        }
        int reviewCount = products / 2;
        add("Review", reviewCount, i -> review(i, pick(productIds), pick(users)));
        return new Counts(categories.size(), attributes.size(), users.size(), productIds.size(), reviewCount);
    }

    private ObjectNode category(int i, String parent) {
        ObjectNode c = stamped(JSON.createObjectNode(), i);
        c.put("name", "Category " + i + " " + word());
        if (i % 3 != 0) {
            c.put("description", "All things " + word() + " and " + word());
        }
        if (parent != null) {
            c.putObject("parentCategory").put("id", parent);
        }
        return c;
    }

    private ObjectNode attribute(int i) {
        ObjectNode a = stamped(JSON.createObjectNode(), i);
        String[] names = {"brand", "size", "color", "weight", "material"};
        a.put("name", names[i % names.length]);
        a.put("value", word() + "-" + i);
        if (i % names.length == 3) {
            a.put("unit", "kg");
        }
        return a;
    }

    private ObjectNode user(int i) {
        ObjectNode u = stamped(JSON.createObjectNode(), i);
        u.put("username", "user" + i);
        if (i % 4 != 0) {
            u.put("email", "user" + i + "@example.com");
        }
        return u;
    }

    private ObjectNode product(int i, String category, List<String> attributes, List<String> earlier) {
        ObjectNode p = stamped(JSON.createObjectNode(), i);
        p.put("sku", String.format("SKU-%07d", i));
        p.put("name", word() + " " + word() + " " + i);
        if (i % 5 != 0) {
            p.put("description", "A " + word() + " product. " + "Lorem ipsum ".repeat(1 + i % 7));
        }
        p.put("price", switch (i % 10) {
            case 0 -> new BigDecimal("1500000");
            case 1 -> new BigDecimal("19.99");
            case 2 -> new BigDecimal("0.1");
            default -> BigDecimal.valueOf(100 + random.nextInt(99_900), 2);
        });
        p.put("inStock", i % 7 != 0);
        if (i % 11 != 0) {
            p.putObject("category").put("id", category);
        }
        ArrayNode attrs = p.putArray("attributes");
        for (int k = 0; k < i % 5; k++) {
            attrs.addObject().put("id", attributes.get((i * 7 + k * 13) % attributes.size()));
        }
        ArrayNode related = p.putArray("relatedProducts");
        for (int k = 0; k < Math.min(i % 4, earlier.size()); k++) {
            related.addObject().put("id", earlier.get((i * 31 + k * 17) % earlier.size()));
        }
        return p;
    }

    private ObjectNode review(int i, String product, String author) {
        ObjectNode r = stamped(JSON.createObjectNode(), i);
        r.put("rating", 1 + i % 5);
        if (i % 6 != 0) {
            r.put("comment", "Really " + word() + "! " + word());
        }
        r.putObject("product").put("id", product);
        r.putObject("author").put("id", author);
        return r;
    }

    /**
     * Every other record shares one bulk-import updatedAt (ties); the rest get their own, in assorted offsets, some
     * with fractions of a second.
     */
    private ObjectNode stamped(ObjectNode node, int i) {
        node.put("createdAt", created(i).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        node.put("updatedAt", updated(i).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        return node;
    }

    /**
     * Record i's createdAt: 7 minutes after record i-1's, within the two years from 2024-01-01 (past them it starts
     * over), so a catalog of millions still lies in the past: a node stamped in the future is re-read by every pass
     * until its time comes.
     */
    static OffsetDateTime created(int i) {
        return FIRST_CREATED.plusMinutes(i * 7L % SPAN_MINUTES)
                .withOffsetSameInstant(OFFSETS[i % OFFSETS.length]);
    }

    static OffsetDateTime updated(int i) {
        return i % 2 == 0 ? BULK_IMPORT : created(i).plusSeconds(3600 + i).plusNanos(i % 3 * 250_000_000L);
    }

    /** Adds {@code count} nodes of a type in mutations of at most {@value #MUTATION_BATCH}; returns their ids in order. */
    private List<String> add(String type, int count, java.util.function.IntFunction<ObjectNode> make)
            throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>(count);
        for (int start = 0; start < count; start += MUTATION_BATCH) {
            ArrayNode input = JSON.createArrayNode();
            for (int i = start; i < Math.min(count, start + MUTATION_BATCH); i++) {
                input.add(make.apply(i));
            }
            String field = Character.toLowerCase(type.charAt(0)) + type.substring(1);
            JsonNode answer = mutate("mutation($input: [Add" + type + "Input!]!) { add" + type
                    + "(input: $input) { " + field + " { id } } }", input);
            for (JsonNode node : answer.path("data").path("add" + type).path(field)) {
                ids.add(node.path("id").asText());
            }
        }
        return ids;
    }

    /** Sends one mutation; under ACL with a token just renewed, so that it cannot expire while Dgraph works on it. */
    private JsonNode mutate(String mutation, ArrayNode input) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", mutation);
        body.putObject("variables").set("input", input);
        HttpRequest.Builder request = HttpRequest.newBuilder(graphql).header("Content-Type", "application/json");
        if (acl != null) {
            request.header("X-Dgraph-AccessToken", acl.renewedAccessToken());
        }
        HttpResponse<String> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        return answered(response, JSON.readTree(response.body()));
    }

    private static JsonNode answered(HttpResponse<String> response, JsonNode answer) throws IOException {
        if (response.statusCode() != 200 || answer.has("errors")) {
            throw new IOException("Dgraph refused a sample mutation (HTTP " + response.statusCode() + "): "
                    + answer.path("errors"));
        }
        return answer;
    }

    private String word() {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static String valueOf(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }
}
