package ai.fonella.test;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.test.support.RawHttp;
import ai.fonella.test.support.RawHttp.Response;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The emulator's side of the wire, with raw HTTP that bypasses the client and its validation:
 * envelopes and field names as in the reference, the error body of the wire contract, and every
 * documented rule enforced on receipt.
 */
@FonellaEmulatorTest
class RawWireIT {

    private static final String TOOL = """
            {"name": "lookupOrder", "description": "Look up an order", "url": "https://shop.example.com/tool"}""";

    private final FonellaEmulator emulator;
    private RawHttp http;

    RawWireIT(FonellaEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeEach
    void newAccount() {
        http = RawHttp.with(emulator, emulator.newAccount().apiKey());
    }

    @Test
    void apiKeyEnvelopesUseTheReferenceFieldNames() {
        Response created = http.post("/v1/me/api-keys", "{\"name\": \"CRM Integration\", \"scopes\": [\"calls:read\"]}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).isEqualTo("application/json");
        JsonNode body = created.json();
        assertThat(body.path("success").asBoolean()).isTrue();
        JsonNode key = body.path("apiKey");
        assertThat(fieldNames(key)).containsExactlyInAnyOrder("keyId", "name", "prefix", "scopes", "createdAt",
                "token");
        assertThat(key.path("prefix").asString()).hasSize(16);
        assertThat(key.path("scopes").get(0).asString()).isEqualTo("calls:read");
        assertThat(Instant.parse(key.path("createdAt").asString())).isNotNull();

        JsonNode listed = http.get("/v1/me/api-keys").json();
        assertThat(listed.path("apiKeys").isArray()).isTrue();
        assertThat(listed.path("apiKeys")).allSatisfy(k -> {
            assertThat(k.has("token")).isFalse();
            assertThat(k.path("prefix").asString()).hasSize(16);
        });
    }

    @Test
    void webhookToolAndCallEnvelopesUseTheReferenceFieldNames() {
        JsonNode webhook = http.post("/v1/webhooks",
                "{\"url\": \"https://crm.example.com/hook\", \"events\": [\"call.ended\"], \"description\": \"d\"}")
                .json().path("webhook");
        assertThat(fieldNames(webhook)).containsExactlyInAnyOrder("webhookId", "url", "events", "secret", "enabled",
                "description", "failureCount", "createdAt");
        JsonNode tool = http.post("/v1/tools", TOOL).json().path("tool");
        assertThat(fieldNames(tool)).containsExactlyInAnyOrder("toolId", "name", "description", "url", "method",
                "headers", "inputSchema", "enabled", "createdAt");
        assertThat(tool.path("method").asString()).isEqualTo("POST");

        EmulatorAccount account = emulator.newAccount();
        emulator.placeCall(account, CallScript.builder().user("Hi").build());
        JsonNode calls = RawHttp.with(emulator, account.apiKey()).get("/v1/calls").json();
        assertThat(calls.path("success").asBoolean()).isTrue();
        JsonNode call = calls.path("calls").get(0);
        assertThat(fieldNames(call)).containsExactlyInAnyOrder("id", "type", "status", "startedAt", "endedAt",
                "duration", "durationFormatted", "customerPhone", "calledPhoneNumber", "summary", "transcript",
                "transcriptMessages", "endedReason");
        assertThat(call.path("type").asString()).isEqualTo("inboundPhoneCall");
        assertThat(call.path("status").asString()).isEqualTo("ended");
        assertThat(fieldNames(call.path("transcriptMessages").get(0))).containsExactly("role", "text");
    }

    @Test
    void deleteAnswersSuccessOnly() {
        String toolId = http.post("/v1/tools", TOOL).json().path("tool").path("toolId").asString();

        Response deleted = http.send("DELETE", "/v1/tools/" + toolId, null);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{\"success\":true}");
    }

    @Test
    void everyAnswerCarriesARequestId() {
        List<Response> answers = List.of(http.get("/v1/tools"), http.get("/v1/nothing"),
                http.send("PUT", "/v1/tools", "{}"), RawHttp.with(emulator, null).get("/v1/tools"),
                http.get("/_emulator/info"));

        assertThat(answers).allSatisfy(r -> assertThat(r.requestId()).matches("req_[0-9a-f]{24}"));
        assertThat(answers).extracting(Response::requestId).doesNotHaveDuplicates();
    }

    @Test
    void missingOrMalformedAuthorizationIs401WithTheErrorBody() {
        Response missing = RawHttp.with(emulator, null).get("/v1/tools");
        Response unknown = RawHttp.with(emulator, "fon_live_doesnotexist0000000000").get("/v1/tools");

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().path("success").asBoolean(true)).isFalse();
        assertThat(missing.errorCode()).isEqualTo("unauthorized");
        assertThat(missing.errorMessage()).contains("Authorization");
        assertThat(fieldNames(missing.json().path("error"))).containsExactly("code", "message");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.errorMessage()).doesNotContain("fon_live_doesnotexist0000000000");
        Response basic = rawWithHeader("Basic dXNlcjpwYXNz");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.errorMessage()).contains("Bearer");
    }

    @Test
    void malformedJsonIs400InvalidJson() {
        for (String body : List.of("{\"name\": ", "[1, 2]", "\"text\"", "")) {
            Response response = http.post("/v1/tools", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.errorCode()).as(body).isEqualTo("invalid_json");
        }
    }

    @Test
    void aFieldOfTheWrongJsonTypeIs400NamingTheField() {
        Response response = http.post("/v1/webhooks", "{\"url\": \"https://crm.example.com/hook\", \"events\": "
                + "\"call.ended\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("validation_error");
        assertThat(response.errorMessage()).startsWith("events has the wrong JSON type");
    }

    @Test
    void webhookRulesAreEnforcedOnReceipt() {
        assertRejected("/v1/webhooks", "{\"url\": \"http://crm.example.com/hook\", \"events\": [\"call.ended\"]}",
                "url must use HTTPS");
        assertRejected("/v1/webhooks", "{\"events\": [\"call.ended\"]}", "url is required");
        assertRejected("/v1/webhooks", "{\"url\": \"https://crm.example.com/hook\", \"events\": []}",
                "events must name at least one event type");
        assertRejected("/v1/webhooks", "{\"url\": \"https://crm.example.com/hook\"}",
                "events must name at least one event type");
        assertRejected("/v1/webhooks", "{\"url\": \"https://crm.example.com/hook\", \"events\": [\"call.nope\"]}",
                "unknown event type");
        String id = http.post("/v1/webhooks", "{\"url\": \"https://crm.example.com/hook\", \"events\": "
                + "[\"call.ended\"]}").json().path("webhook").path("webhookId").asString();
        Response patch = http.patch("/v1/webhooks/" + id, "{\"events\": []}");
        assertThat(patch.status()).isEqualTo(422);
        assertThat(http.patch("/v1/webhooks/" + id, "{\"url\": \"ftp://crm.example.com\"}").status()).isEqualTo(422);
    }

    @Test
    void toolRulesAreEnforcedOnReceipt() {
        assertRejected("/v1/tools", TOOL.replace("lookupOrder", "lookup order"), "camelCase");
        assertRejected("/v1/tools", TOOL.replace("lookupOrder", "lookup_order"), "try 'lookupOrder'");
        assertRejected("/v1/tools", TOOL.replace("lookupOrder", "LookupOrder"), "camelCase");
        assertRejected("/v1/tools", TOOL.replace("\"description\": \"Look up an order\", ", ""),
                "description is required");
        assertRejected("/v1/tools", TOOL.replace("https://", "http://"), "url must use HTTPS");
        assertRejected("/v1/tools", TOOL.replace("}", ", \"method\": \"PUT\"}"), "method must be GET or POST");
        assertRejected("/v1/tools", TOOL.replace("}", ", \"inputSchema\": \"string\"}"),
                "inputSchema must be a JSON Schema object");
        String id = http.post("/v1/tools", TOOL).json().path("tool").path("toolId").asString();
        Response rename = http.patch("/v1/tools/" + id, "{\"name\": \"bad name\"}");
        assertThat(rename.status()).isEqualTo(422);
        assertThat(rename.errorMessage()).contains("camelCase");
    }

    @Test
    void apiKeyRulesAreEnforcedOnReceipt() {
        assertRejected("/v1/me/api-keys", "{\"name\": \"  \"}", "name is required");
        assertRejected("/v1/me/api-keys", "{}", "name is required");
        assertRejected("/v1/me/api-keys", "{\"name\": \"x\", \"scopes\": [\"calls:write\"]}", "unknown scope");
        Response badDate = http.post("/v1/me/api-keys", "{\"name\": \"x\", \"expiresAt\": \"tomorrow\"}");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.errorMessage()).startsWith("expiresAt has the wrong JSON type");
    }

    @Test
    void listLimitAndCursorAreChecked() {
        for (String query : List.of("limit=0", "limit=101", "limit=abc", "limit=", "startAfter=unknown")) {
            Response response = http.get("/v1/calls?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.errorCode()).as(query).isEqualTo("validation_error");
        }
        assertThat(http.get("/v1/calls?limit=1").status()).isEqualTo(200);
        assertThat(http.get("/v1/calls?limit=100").status()).isEqualTo(200);
    }

    @Test
    void aWrongMethodIs405WithAllow() {
        Response put = http.send("PUT", "/v1/tools", "{}");
        Response getOne = http.get("/v1/webhooks/some-id");
        Response postCalls = http.post("/v1/calls", "{}");

        assertThat(put.status()).isEqualTo(405);
        assertThat(put.errorCode()).isEqualTo("method_not_allowed");
        assertThat(put.allow()).isEqualTo("GET, POST");
        assertThat(getOne.status()).isEqualTo(405);
        assertThat(getOne.allow()).isEqualTo("PATCH, DELETE");
        assertThat(postCalls.status()).isEqualTo(405);
        assertThat(postCalls.allow()).isEqualTo("GET");
    }

    @Test
    void unknownPathsAndIdsAre404() {
        assertThat(http.get("/v1/nothing").status()).isEqualTo(404);
        assertThat(http.get("/v1/tools/a/b").status()).isEqualTo(404);
        assertThat(http.get("/").status()).isEqualTo(404);
        Response unknownTool = http.patch("/v1/tools/4ff05811-a7af-43b0-84ca-ea7fa7a23c07", "{\"enabled\": false}");
        assertThat(unknownTool.status()).isEqualTo(404);
        assertThat(unknownTool.errorCode()).isEqualTo("not_found");
        assertThat(http.get("/v1/calls/unknown").status()).isEqualTo(404);
    }

    @Test
    void patchChangesOnlyThePresentFields() {
        JsonNode tool = http.post("/v1/tools", TOOL.replace("}", ", \"headers\": {\"X-Key\": \"v\"}, \"method\": "
                + "\"GET\"}")).json().path("tool");

        JsonNode patched = http.patch("/v1/tools/" + tool.path("toolId").asString(),
                "{\"enabled\": false, \"inputSchema\": null}").json().path("tool");

        assertThat(patched.path("enabled").asBoolean()).isFalse();
        assertThat(patched.path("name")).isEqualTo(tool.path("name"));
        assertThat(patched.path("description")).isEqualTo(tool.path("description"));
        assertThat(patched.path("url")).isEqualTo(tool.path("url"));
        assertThat(patched.path("method").asString()).isEqualTo("GET");
        assertThat(patched.path("headers")).isEqualTo(tool.path("headers"));
        assertThat(patched.path("inputSchema")).isEqualTo(tool.path("inputSchema"));
        assertThat(patched.path("createdAt")).isEqualTo(tool.path("createdAt"));
    }

    @Test
    void toolNamesNeedNotBeUnique() {
        assertThat(http.post("/v1/tools", TOOL).status()).isEqualTo(201);
        assertThat(http.post("/v1/tools", TOOL).status()).isEqualTo(201);
        assertThat(http.get("/v1/tools").json().path("tools")).hasSize(2);
    }

    @Test
    void unknownRequestFieldsAreIgnored() {
        Response response = http.post("/v1/tools", TOOL.replace("}", ", \"futureField\": 42}"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().path("tool").has("futureField")).isFalse();
    }

    private void assertRejected(String path, String body, String messagePart) {
        Response response = http.post(path, body);
        assertThat(response.status()).as(body).isEqualTo(422);
        assertThat(response.errorCode()).as(body).isEqualTo("validation_error");
        assertThat(response.errorMessage()).as(body).contains(messagePart);
    }

    private Response rawWithHeader(String authorization) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.baseUrl() + "/v1/tools"))
                            .header("Authorization", authorization).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), null, null, null);
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The field names in the order they were sent. */
    private static List<String> fieldNames(JsonNode node) {
        return List.copyOf(node.propertyNames());
    }
}
