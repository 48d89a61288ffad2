package ai.fonella.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.client.FonellaClient;
import ai.fonella.model.ApiKeyScope;
import ai.fonella.model.CreateToolRequest;
import ai.fonella.model.Tool;
import ai.fonella.sync.DesiredTool;
import ai.fonella.sync.SyncPlan;
import ai.fonella.sync.SyncResult;
import ai.fonella.sync.ToolEndpoint;
import ai.fonella.sync.ToolSecrets;
import ai.fonella.test.EmulatorAccount;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.RecordedRequest;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import com.example.fixture.OrderTools;
import java.net.ServerSocket;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PluginSync} against the emulator: plans, applies, derives the starter's secret, and turns
 * every expected failure into a message that says what to do and never shows the key.
 */
class PluginSyncIT {

    private static final String PUBLIC_URL = "https://orders.example.com";
    private static final List<ToolDefinition> TOOLS = ToolDefinitions.fromClass(OrderTools.class);

    private static FonellaEmulator emulator;

    private final RecordingLog log = new RecordingLog();
    private EmulatorAccount account;

    @BeforeAll
    static void startEmulator() {
        emulator = FonellaEmulator.builder().start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void newAccount() {
        account = emulator.newAccount();
    }

    private PluginSync sync(String apiKey, String toolSecret, boolean prune) throws MojoFailureException {
        return new PluginSync(new PluginSync.SyncSettings(emulator.baseUrl(),
                new ApiKeyResolver.ResolvedKey(apiKey, "the test"), PUBLIC_URL, null, null, toolSecret, prune, null), log);
    }

    private PluginSync sync() throws MojoFailureException {
        return sync(account.apiKey(), null, false);
    }

    private List<RecordedRequest> requestsOfAccount() {
        String prefix = account.apiKey().substring(0, 16);
        return emulator.requests().stream().filter(r -> prefix.equals(r.apiKeyPrefix())).toList();
    }

    private List<RecordedRequest> writes() {
        return requestsOfAccount().stream().filter(r -> !r.method().equals("GET")).toList();
    }

    private FonellaClient client() {
        return emulator.client(account.apiKey());
    }

    @Test
    void plansCreatesOnAnEmptyAccountAndChangesNothing() throws Exception {
        SyncPlan plan = sync().plan(TOOLS);
        assertThat(plan.creates()).extracting(c -> c.name())
                .containsExactly("changeDelivery", "lookupOrder", "openingHours");
        assertThat(writes()).isEmpty();
        assertThat(log.at("INFO")).contains("  + create lookupOrder", "Plan: 3 to create, 0 to update, 0 to delete, "
                + "0 unchanged");
        assertThat(log.at("INFO").get(0)).startsWith("Fonella tools of https://orders.example.com/fonella/tools/ at "
                + emulator.baseUrl());
    }

    @Test
    void appliesThePlanAndASecondSyncSendsNothingButTheList() throws Exception {
        PluginSync sync = sync();
        SyncResult result = sync.apply(sync.plan(TOOLS));
        assertThat(result.created()).hasSize(3);
        assertThat(writes()).hasSize(3).allMatch(r -> r.is("POST", "/v1/tools"));

        int before = requestsOfAccount().size();
        PluginSync again = sync();
        SyncPlan second = again.plan(TOOLS);
        assertThat(second.isEmpty()).isTrue();
        assertThat(again.apply(second).writes()).isZero();
        assertThat(requestsOfAccount().subList(before, requestsOfAccount().size()))
                .singleElement().matches(r -> r.is("GET", "/v1/tools"));
        assertThat(log.at("INFO")).contains("Fonella tools are up to date; nothing to change.");
    }

    @Test
    void registersTheToolSecretTheStarterDerivesFromTheKey() throws Exception {
        PluginSync sync = sync();
        sync.apply(sync.plan(TOOLS));
        // What the starter does: ToolSecrets.derive(apiKey, new ToolEndpoint(publicUrl, basePath, header, null)).
        String starterSecret = ToolSecrets.derive(account.apiKey(), new ToolEndpoint(PUBLIC_URL,
                ToolEndpoint.DEFAULT_BASE_PATH, ToolEndpoint.DEFAULT_SECRET_HEADER, null));
        assertThat(client().tools().list()).hasSize(3).allSatisfy(tool -> {
            assertThat(tool.url()).isEqualTo(PUBLIC_URL + "/fonella/tools/" + tool.name());
            assertThat(tool.headers()).containsExactly(java.util.Map.entry("X-Fonella-Tool-Secret", starterSecret));
        });
        assertThat(log.text()).doesNotContain(starterSecret).doesNotContain(account.apiKey());
    }

    @Test
    void aConfiguredToolSecretWins() throws Exception {
        PluginSync sync = sync(account.apiKey(), "configured-secret-0123456789", false);
        sync.apply(sync.plan(TOOLS));
        assertThat(client().tools().list()).allSatisfy(tool -> assertThat(tool.headers())
                .containsEntry("X-Fonella-Tool-Secret", "configured-secret-0123456789"));
    }

    @Test
    void updatesOnlyTheChangedFields() throws Exception {
        ToolEndpoint endpoint = sync().endpoint();
        for (ToolDefinition definition : TOOLS) {
            DesiredTool desired = DesiredTool.of(definition, endpoint);
            CreateToolRequest request = desired.toCreateRequest();
            if (definition.name().equals("lookupOrder")) {
                request = new CreateToolRequest(request.name(), "An old description.", request.url(),
                        request.method(), request.headers(), request.inputSchema());
            }
            client().tools().create(request);
        }
        PluginSync sync = sync();
        SyncPlan plan = sync.plan(TOOLS);
        assertThat(log.at("INFO")).contains("  ~ update lookupOrder: description", "  = 2 unchanged");
        sync.apply(plan);
        RecordedRequest patch = writes().get(writes().size() - 1);
        assertThat(patch.method()).isEqualTo("PATCH");
        assertThat(patch.body()).isEqualTo("{\"description\":\"Looks up an order by its number and tells its "
                + "delivery status.\"}");
    }

    @Test
    void deletesAToolNoLongerInTheCodeOnlyWithPrune() throws Exception {
        PluginSync first = sync();
        first.apply(first.plan(TOOLS));
        List<ToolDefinition> fewer = TOOLS.stream().filter(t -> !t.name().equals("openingHours")).toList();

        PluginSync keep = sync();
        SyncPlan kept = keep.plan(fewer);
        assertThat(kept.retained()).extracting(r -> r.name()).containsExactly("openingHours");
        assertThat(keep.apply(kept).writes()).isZero();
        assertThat(log.at("WARN")).anyMatch(line -> line.contains("-Dfonella.prune=true"));

        PluginSync prune = sync(account.apiKey(), null, true);
        SyncResult pruned = prune.apply(prune.plan(fewer));
        assertThat(pruned.deletedToolIds()).hasSize(1);
        assertThat(client().tools().list()).extracting(Tool::name).containsExactlyInAnyOrder("changeDelivery",
                "lookupOrder");
    }

    @Test
    void aToolNameOwnedByAnotherAppFailsAndChangesNothing() throws Exception {
        client().tools().create(CreateToolRequest.builder().name("lookupOrder").description("Theirs.")
                .url("https://crm.example.com/fonella/tools/lookupOrder").build());
        int before = writes().size();
        assertThatThrownBy(() -> sync().plan(TOOLS))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("'lookupOrder'")
                .hasMessageContaining("already registered by another app")
                .hasMessageContaining("https://crm.example.com/fonella/tools/lookupOrder")
                .hasMessageContaining("@FonellaTool(name = \"...\")");
        assertThat(writes()).hasSize(before);
    }

    @Test
    void theAccountLimitOfTwentyToolsIsCheckedBeforeAnythingIsSent() throws Exception {
        for (int i = 0; i < 18; i++) {
            client().tools().create(CreateToolRequest.builder().name("other" + i).description("Theirs.")
                    .url("https://crm.example.com/fonella/tools/other" + i).build());
        }
        int before = writes().size();
        assertThatThrownBy(() -> sync().plan(TOOLS))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("would leave 21 tools on the account, more than Fonella's limit of 20")
                .hasMessageContaining("Nothing was changed");
        assertThat(writes()).hasSize(before);
    }

    @Test
    void anUnreachableApiFailsWithTheRemedy() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> syncAt("http://127.0.0.1:" + closedPort).plan(TOOLS))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("Cannot reach the Fonella API at http://127.0.0.1:" + closedPort)
                .hasMessageContaining("ConnectException")
                .hasMessageContaining("-Dfonella.baseUrl")
                .hasMessageContaining("Nothing was changed")
                .hasMessageNotContaining(account.apiKey())
                .hasMessageNotContaining("https://");

        // https:// to this machine: an emulator serves plain http://, and the message says so
        assertThatThrownBy(() -> syncAt("https://127.0.0.1:" + closedPort).plan(TOOLS))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("Cannot reach the Fonella API at https://127.0.0.1:" + closedPort)
                .hasMessageContaining("A Fonella emulator on this machine serves plain http://, not https://.")
                .hasMessageEndingWith("Nothing was changed.");
    }

    private PluginSync syncAt(String baseUrl) throws MojoFailureException {
        return new PluginSync(new PluginSync.SyncSettings(baseUrl, new ApiKeyResolver.ResolvedKey(account.apiKey(),
                "the test"), PUBLIC_URL, null, null, null, false, null), log);
    }

    @Test
    void aRejectedKeyFailsWithoutShowingIt() {
        String unknown = "fon_live_unknownkey000000000000";
        assertThatThrownBy(() -> sync(unknown, null, false).plan(TOOLS))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("The Fonella API key fon_live_unknown… (from the test) was rejected (HTTP 401")
                .hasMessageContaining("FONELLA_API_KEY")
                .hasMessageNotContaining(unknown);
    }

    @Test
    void aKeyWithoutTheToolsScopeFailsNamingTheScope() {
        String readOnly = emulator.createApiKey(account, null, ApiKeyScope.CALLS_READ);
        assertThatThrownBy(() -> sync(readOnly, null, false).plan(TOOLS))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("is not allowed to manage tools (HTTP 403")
                .hasMessageContaining("tools:manage")
                .hasMessageNotContaining(readOnly);
    }

    @Test
    void aMissingPublicUrlSaysWhereToSetIt() {
        assertThatThrownBy(() -> new PluginSync(new PluginSync.SyncSettings(emulator.baseUrl(),
                new ApiKeyResolver.ResolvedKey(account.apiKey(), "the test"), " ", null, null, null, false, null), log))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("No publicUrl")
                .hasMessageContaining("<publicUrl>https://shop.example.com</publicUrl>")
                .hasMessageContaining("-Dfonella.publicUrl");
    }

    @Test
    void aPlainHttpBaseUrlIsRejectedExceptForLoopback() {
        assertThatThrownBy(() -> new PluginSync(new PluginSync.SyncSettings("http://api.example.com",
                new ApiKeyResolver.ResolvedKey(account.apiKey(), "the test"), PUBLIC_URL, null, null, null, false, null),
                log))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("-Dfonella.baseUrl")
                .hasMessageContaining("HTTPS");
    }

    @Test
    void aPlainHttpPublicUrlIsRejected() {
        assertThatThrownBy(() -> PluginSync.unsignedEndpoint("http://shop.example.com", null, null))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("must be an absolute HTTPS URL");
    }

    @Test
    void theLogNeverShowsTheKeyOrTheSecret() throws Exception {
        PluginSync sync = sync();
        sync.apply(sync.plan(TOOLS));
        String secret = sync.endpoint().secret();
        assertThat(log.text()).doesNotContain(account.apiKey()).doesNotContain(secret)
                .contains(account.apiKey().substring(0, 16) + "…");
    }

    @Test
    void syncsThroughTheProxyOfSettingsXmlWithItsCredentials() throws Exception {
        try (RecordingProxy proxy = RecordingProxy.requiring("builder", "proxy-pass-0123")) {
            MavenProxy corp = new MavenProxy("corp", "127.0.0.1", proxy.port(), List.of(), "builder",
                    "proxy-pass-0123");
            PluginSync sync = new PluginSync(new PluginSync.SyncSettings(emulator.baseUrl(),
                    new ApiKeyResolver.ResolvedKey(account.apiKey(), "the test"), PUBLIC_URL, null, null, null, false,
                    corp), log);

            SyncResult result = sync.apply(sync.plan(TOOLS));

            assertThat(result.created()).hasSize(3);
            String api = emulator.baseUrl().replaceAll("/$", "");
            assertThat(proxy.forwarded()).first().isEqualTo("GET " + api + "/v1/tools");
            assertThat(proxy.forwarded()).filteredOn(line -> !line.startsWith("GET "))
                    .containsExactly("POST " + api + "/v1/tools", "POST " + api + "/v1/tools", "POST " + api + "/v1/tools");
            assertThat(proxy.forwarded()).hasSameSizeAs(requestsOfAccount());
            assertThat(proxy.challenges()).as("credentials are sent with the first request").isZero();
            assertThat(writes()).hasSize(3);
            assertThat(log.at("INFO")).contains("Reaching the Fonella API through <proxy> 'corp' 127.0.0.1:"
                    + proxy.port() + " as builder (settings.xml).");
            assertThat(log.text()).doesNotContain("proxy-pass-0123");
        }
    }

    @Test
    void wrongProxyCredentialsFailWithTheProxyNamedAndNothingChanged() throws Exception {
        try (RecordingProxy proxy = RecordingProxy.requiring("builder", "proxy-pass-0123")) {
            MavenProxy corp = new MavenProxy("corp", "127.0.0.1", proxy.port(), List.of(), "builder", "wrong");
            PluginSync sync = new PluginSync(new PluginSync.SyncSettings(emulator.baseUrl(),
                    new ApiKeyResolver.ResolvedKey(account.apiKey(), "the test"), PUBLIC_URL, null, null, null, false,
                    corp), log);

            assertThatThrownBy(() -> sync.plan(TOOLS))
                    .isInstanceOf(MojoFailureException.class)
                    .hasMessage("The <proxy> 'corp' 127.0.0.1:" + proxy.port() + " as builder of settings.xml refused "
                            + "its credentials (HTTP 407): check its <username> and <password> (an encrypted password "
                            + "is decrypted with ~/.m2/settings-security.xml). Nothing was changed.");
            assertThat(proxy.challenges()).isOne();
            assertThat(proxy.forwarded()).isEmpty();
            assertThat(requestsOfAccount()).isEmpty();
        }
    }
}
