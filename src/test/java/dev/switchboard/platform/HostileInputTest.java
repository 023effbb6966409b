package dev.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every public API operation, discovered from the OpenAPI document, fed the hostile corpus in
 * {@code src/test/resources/hostile}: injection and unicode strings in every path segment, query
 * parameter and body field, malformed, deeply nested and huge bodies, wrong content types, forged
 * tokens and another organization's ids. Expected: never a 5xx, every error a problem+json,
 * never another organization's data, and no row written by a request that was refused.
 */
@SwitchboardTest
class HostileInputTest {

    private static final List<String> HOSTILE = corpus();
    /** The strings sent in each query parameter: one of each kind, to keep the run short. */
    private static final List<String> QUERY_VALUES = List.of("' OR '1'='1", "<script>alert(1)</script>",
            "../../../../etc/passwd", "\u0000", "nul\u0000byte", "\u202egnp.exe", "\ud83d\ude00", "-1",
            "99999999999999999999999999999999", "NaN", "", " ", "x".repeat(10_000), "00000000-0000-0000-0000-000000000000",
            "2026-13-45", "line\r\nInjected: yes");
    private static final List<String> BAD_IDS = List.of("not-a-uuid", "../../etc/passwd", "' OR '1'='1", "%00",
            "00000000-0000-0000-0000-000000000000", "1e308", "\u202egnp.exe", "-1");
    /** Tables whose rows a refused request may still write: the trail of it being refused. */
    private static final List<String> TRAIL_TABLES = List.of("audit_events", "platform_audit_events", "rate_limit_windows",
            "scheduled_tasks", "webhook_inbox", "api_keys", "sessions", "refresh_tokens");

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    Api api;
    Api.Account attacker;
    Api.Account victim;
    String victimName;
    List<UUID> victimIds;
    JdbcClient owner;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        owner = database.owner();
        victimName = "Victim Org " + UUID.randomUUID();
        victim = api.signUp(victimName);
        Api.json(api.perform(post("/api/v1/api-keys").with(victim.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"" + victimName + " key\", \"scopes\": [\"organization:read\"]}")), 201);
        attacker = api.signUp("Attacker Org");
        victimIds = victimIds();
    }

    @TestFactory
    Stream<DynamicTest> everyOperationWithstandsTheCorpus() {
        JsonNode openApi = Api.json(api.perform(get("/v3/api-docs")), 200);
        List<Operation> operations = operations(openApi);
        assertThat(operations).hasSizeGreaterThan(20);
        long victimRowsBefore = victimRows();
        Stream<DynamicTest> each = operations.stream()
                .map(op -> DynamicTest.dynamicTest(op.method() + " " + op.path(), () -> attack(op, openApi)));
        Stream<DynamicTest> last = Stream.of(DynamicTest.dynamicTest("the other organization's rows are untouched",
                () -> assertThat(victimRows()).isEqualTo(victimRowsBefore)));
        return Stream.concat(each, last);
    }

    private void attack(Operation op, JsonNode openApi) {
        List<String> failures = new ArrayList<>();
        long attackerRowsBefore = attackerRows();
        boolean anyAccepted = false;
        for (Attempt attempt : attempts(op, openApi)) {
            MvcResult result;
            try {
                AbstractMockHttpServletRequestBuilder<?> request = attempt.request();
                request.with(Api.randomIp());
                if (attempt.asAttacker()) {
                    request.with(attacker.bearer());
                }
                result = mvc.perform(request).andReturn();
            } catch (Exception e) {
                failures.add(attempt.what() + " → unhandled " + e);
                continue;
            }
            int status = result.getResponse().getStatus();
            String body = content(result);
            String type = result.getResponse().getContentType();
            if (status >= 500) {
                failures.add(attempt.what() + " → " + status + " " + abbreviated(body));
            } else if (status >= 400 && !body.isEmpty() && (type == null || !type.startsWith("application/problem+json"))) {
                failures.add(attempt.what() + " → " + status + " not problem+json but " + type);
            }
            if (body.contains(victimName) || body.contains(victim.email())) {
                failures.add(attempt.what() + " → " + status + " shows the other organization's data");
            }
            anyAccepted |= status < 400;
            if (attempt.asAttacker() && status == 401
                    && api.perform(get("/api/v1/me").with(attacker.bearer())).getResponse().getStatus() == 401) {
                // A hostile value may have ended the attacker's session (a sign-out): sign in again.
                attacker = api.signIn(attacker.email(), attacker.password(), attacker.organizationId());
            }
        }
        if (!anyAccepted && attackerRows() != attackerRowsBefore) {
            failures.add("every attempt was refused, yet rows of the attacker's organization changed");
        }
        assertThat(failures).as(op.method() + " " + op.path()).isEmpty();
    }

    // ── attempts ───────────────────────────────────────────────────────────────────────────────

    private record Attempt(String what, AbstractMockHttpServletRequestBuilder<?> request, boolean asAttacker) {
    }

    private List<Attempt> attempts(Operation op, JsonNode openApi) {
        List<Attempt> attempts = new ArrayList<>();
        String basePath = op.path();
        for (Param p : op.pathParams()) {
            basePath = basePath.replace("{" + p.name() + "}", p.uuid() ? victimIds.getFirst().toString() : "x");
        }
        // Another organization's ids and hostile values in each path segment.
        for (Param p : op.pathParams()) {
            List<String> values = new ArrayList<>(p.uuid() ? BAD_IDS : HOSTILE);
            if (p.uuid()) {
                victimIds.forEach(id -> values.add(id.toString()));
            }
            for (String value : values) {
                String path = op.path();
                for (Param other : op.pathParams()) {
                    String filler = other.uuid() ? victimIds.getFirst().toString() : "x";
                    path = path.replace("{" + other.name() + "}", other == p ? "{v}" : filler);
                }
                attempts.add(attacker(op.method() + " path " + p.name() + "=" + printable(value),
                        request(op.method(), path, value), op, openApi));
            }
        }
        // Hostile values in each query parameter.
        for (Param p : op.queryParams()) {
            for (String value : QUERY_VALUES) {
                attempts.add(attacker("query " + p.name() + "=" + printable(value),
                        request(op.method(), basePath).queryParam(p.name(), value), op, openApi));
            }
        }
        // Bodies: malformed, nested, huge, wrong types, hostile strings in every field.
        if (op.jsonBody() != null) {
            String path = basePath;
            JsonNode schema = resolve(openApi, op.jsonBody());
            for (String malformed : List.of("{", "[", "nul", "\"unterminated", "{\"a\":}", "\u0000", "")) {
                attempts.add(new Attempt("malformed body " + printable(malformed), request(op.method(), path)
                        .contentType(MediaType.APPLICATION_JSON).content(malformed), true));
            }
            attempts.add(new Attempt("nested body", request(op.method(), path)
                    .contentType(MediaType.APPLICATION_JSON).content("[".repeat(20_000) + "]".repeat(20_000)), true));
            attempts.add(new Attempt("3 MB body", request(op.method(), path)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"" + "x".repeat(3_000_000) + "\"}"), true));
            attempts.add(new Attempt("text/plain body", request(op.method(), path)
                    .contentType(MediaType.TEXT_PLAIN).content("name=x"), true));
            attempts.add(new Attempt("xml body", request(op.method(), path)
                    .contentType(MediaType.APPLICATION_XML).content("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"), true));
            attempts.add(new Attempt("array instead of object", request(op.method(), path)
                    .contentType(MediaType.APPLICATION_JSON).content("[1, 2, 3]"), true));
            for (String value : HOSTILE) {
                attempts.add(new Attempt("every body field=" + printable(value), request(op.method(), path)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body(openApi, schema, value).toString()), true));
            }
            for (String field : properties(openApi, schema).keySet()) {
                for (JsonNode wrong : List.of(JsonNodeFactory.instance.numberNode(-1),
                        JsonNodeFactory.instance.numberNode(new java.math.BigDecimal("1e400")),
                        JsonNodeFactory.instance.objectNode().put("$gt", ""), JsonNodeFactory.instance.arrayNode().add("x"),
                        JsonNodeFactory.instance.stringNode(victimIds.getFirst().toString()))) {
                    ObjectNode body = body(openApi, schema, "valid text");
                    body.set(field, wrong);
                    attempts.add(new Attempt("body " + field + "=" + wrong, request(op.method(), path)
                            .contentType(MediaType.APPLICATION_JSON).content(body.toString()), true));
                }
            }
        }
        if (op.multipart()) {
            String path = basePath;
            Random random = new Random(7);
            for (String name : List.of("../../../etc/passwd", "..\\..\\win.ini", "nul\u0000.csv", "\u202egnp.csv", "x".repeat(500), "")) {
                byte[] garbage = new byte[2048];
                random.nextBytes(garbage);
                MockMultipartHttpServletRequestBuilder upload = multipart(HttpMethod.valueOf(op.method()), path);
                upload.file(new MockMultipartFile("file", name, "text/csv", garbage));
                upload.param("name", name);
                attempts.add(new Attempt("upload named " + printable(name), upload, true));
            }
        }
        // Forged and missing credentials.
        attempts.add(new Attempt("no credentials", withBody(request(op.method(), basePath), op), false));
        attempts.add(new Attempt("forged token", withBody(request(op.method(), basePath), op)
                .header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9."), false));
        attempts.add(new Attempt("forged API key", withBody(request(op.method(), basePath), op)
                .header("Authorization", "Bearer sbk_" + "A".repeat(43)), false));
        return attempts;
    }

    private Attempt attacker(String what, MockHttpServletRequestBuilder request, Operation op, JsonNode openApi) {
        return new Attempt(what, withBody(request, op), true);
    }

    /** A harmless body for operations that need one, so the hostile part is what gets judged. */
    private static MockHttpServletRequestBuilder withBody(MockHttpServletRequestBuilder request, Operation op) {
        return op.jsonBody() == null ? request : request.contentType(MediaType.APPLICATION_JSON).content("{}");
    }

    private static MockHttpServletRequestBuilder request(String method, String path, Object... vars) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request(HttpMethod.valueOf(method), path, vars);
    }

    // ── the OpenAPI document ───────────────────────────────────────────────────────────────────

    private record Param(String name, boolean uuid) {
    }

    private record Operation(String method, String path, List<Param> pathParams, List<Param> queryParams, JsonNode jsonBody,
                             boolean multipart) {
    }

    private static List<Operation> operations(JsonNode openApi) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : openApi.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                String verb = method.getKey().toUpperCase(java.util.Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(verb)) {
                    continue;
                }
                JsonNode op = method.getValue();
                List<Param> pathParams = new ArrayList<>();
                List<Param> queryParams = new ArrayList<>();
                for (JsonNode p : op.path("parameters")) {
                    Param param = new Param(p.path("name").asString(), "uuid".equals(p.path("schema").path("format").asString("")));
                    if ("path".equals(p.path("in").asString())) {
                        pathParams.add(param);
                    } else if ("query".equals(p.path("in").asString())) {
                        queryParams.add(param);
                    }
                }
                JsonNode content = op.path("requestBody").path("content");
                JsonNode json = content.has("application/json") ? content.path("application/json").path("schema") : null;
                operations.add(new Operation(verb, path.getKey(), pathParams, queryParams, json,
                        content.has("multipart/form-data")));
            }
        }
        return operations;
    }

    private static JsonNode resolve(JsonNode openApi, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            return openApi.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    private static Map<String, JsonNode> properties(JsonNode openApi, JsonNode schema) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> p : resolve(openApi, schema).path("properties").properties()) {
            properties.put(p.getKey(), resolve(openApi, p.getValue()));
        }
        return properties;
    }

    /** An object with every string field (one level down too) set to {@code value}, other fields plausible. */
    private static ObjectNode body(JsonNode openApi, JsonNode schema, String value) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        properties(openApi, schema).forEach((name, property) -> {
            switch (property.path("type").asString("object")) {
                case "string" -> body.put(name, value);
                case "integer", "number" -> body.put(name, 1);
                case "boolean" -> body.put(name, true);
                case "array" -> body.set(name, JsonNodeFactory.instance.arrayNode().add(value));
                default -> body.set(name, property.has("properties") ? shallow(property, value)
                        : JsonNodeFactory.instance.objectNode().put(value.isEmpty() ? "k" : "key", value));
            }
        });
        return body;
    }

    private static ObjectNode shallow(JsonNode schema, String value) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            if ("string".equals(p.getValue().path("type").asString(""))) {
                node.put(p.getKey(), value);
            }
        }
        return node;
    }

    // ── the database ───────────────────────────────────────────────────────────────────────────

    private List<String> tenantTables() {
        return owner.sql("""
                        select c.table_name from information_schema.columns c
                        join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
                        where c.table_schema = 'public' and c.column_name = 'organization_id' and t.table_type = 'BASE TABLE'
                        order by c.table_name""")
                .query(String.class).list();
    }

    private List<UUID> victimIds() {
        List<UUID> ids = new ArrayList<>(List.of(victim.organizationId(), victim.userId()));
        for (String table : tenantTables()) {
            boolean hasId = owner.sql("""
                            select count(*) from information_schema.columns
                            where table_schema = 'public' and table_name = ? and column_name = 'id' and data_type = 'uuid'""")
                    .param(table).query(Long.class).single() == 1;
            if (hasId) {
                ids.addAll(owner.sql("select id from " + table + " where organization_id = ? limit 1")
                        .param(victim.organizationId()).query(UUID.class).list());
            }
        }
        return ids;
    }

    private long victimRows() {
        return rows(victim.organizationId(), List.of("rate_limit_windows"));
    }

    private long attackerRows() {
        return rows(attacker.organizationId(), TRAIL_TABLES);
    }

    private long rows(UUID organization, List<String> excluded) {
        long total = 0;
        for (String table : tenantTables()) {
            if (!excluded.contains(table)) {
                total += owner.sql("select count(*) from " + table + " where organization_id = ?").param(organization)
                        .query(Long.class).single();
            }
        }
        return total;
    }

    // ── the corpus ─────────────────────────────────────────────────────────────────────────────

    private static List<String> corpus() {
        try (InputStream in = HostileInputTest.class.getResourceAsStream("/hostile/strings.txt")) {
            List<String> values = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (!line.startsWith("#") && !line.isEmpty()) {
                    values.add(unescape(line));
                }
            }
            values.add("x".repeat(10_000));
            return values;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unescape(String line) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\\' || i + 1 >= line.length()) {
                out.append(c);
                continue;
            }
            char next = line.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    private static String content(MvcResult result) {
        try {
            return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "";
        }
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        Iterator<Integer> points = value.codePoints().limit(40).iterator();
        while (points.hasNext()) {
            int cp = points.next();
            out.append(cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x202e ? String.format("\\u%04x", cp)
                    : new String(Character.toChars(cp)));
        }
        return value.length() > 40 ? out + "…(" + value.length() + ")" : out.toString();
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
