package ai.fonella.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.InvalidRequestException;
import ai.fonella.client.FonellaAuthenticationException;
import ai.fonella.client.FonellaClient;
import ai.fonella.client.FonellaNotFoundException;
import ai.fonella.client.FonellaValidationException;
import ai.fonella.support.Secrets;
import ai.fonella.model.ApiKeyScope;
import ai.fonella.model.Call;
import ai.fonella.model.CallPage;
import ai.fonella.model.CallStatus;
import ai.fonella.model.ListCallsParams;
import ai.fonella.test.support.AccountPerTest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@FonellaEmulatorTest
class CallsIT extends AccountPerTest {

    CallsIT(FonellaEmulator emulator) {
        super(emulator);
    }

    @Test
    void anEmptyLogHasNoCallsAndNoNextPage() {
        CallPage page = client.calls().list();

        assertThat(page.calls()).isEmpty();
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void getsOneCallWithTranscriptAndSummary() {
        Call placed = emulator.placeCall(account, CallScript.builder().from("+4915112345678").to("+4915792816700")
                .user("Hello, is the shop open today?").assistant("Yes, until six.").duration(java.time.Duration
                        .ofSeconds(135)).build());

        Call call = client.calls().get(placed.id());

        assertThat(call).isEqualTo(placed);
        assertThat(call.type()).isEqualTo(Call.TYPE_INBOUND_PHONE_CALL);
        assertThat(call.status()).isEqualTo(CallStatus.ENDED);
        assertThat(call.duration()).isEqualTo(135);
        assertThat(call.durationFormatted()).isEqualTo("2:15");
        assertThat(call.endedAt()).isEqualTo(call.startedAt().plusSeconds(135));
        assertThat(call.customerPhone()).isEqualTo("+4915112345678");
        assertThat(call.calledPhoneNumber()).isEqualTo("+4915792816700");
        assertThat(call.transcript()).isEqualTo("User: Hello, is the shop open today?\nAssistant: Yes, until six.");
        assertThat(call.transcriptMessages()).hasSize(2);
        assertThat(call.summary()).contains("Hello, is the shop open today?");
        assertThat(call.endedReason()).isEqualTo("customer-ended");
    }

    @Test
    void anUnknownCallIs404() {
        assertThatThrownBy(() -> client.calls().get("no-such-call"))
                .isInstanceOfSatisfying(FonellaNotFoundException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("not_found"));
    }

    @Test
    void callsOfAnotherAccountAreInvisible() {
        Call foreign = emulator.placeCall(emulator.newAccount(), CallScript.builder().user("Hi").build());

        assertThat(client.calls().list().calls()).isEmpty();
        assertThatThrownBy(() -> client.calls().get(foreign.id())).isInstanceOf(FonellaNotFoundException.class);
    }

    @Test
    void pagesThroughTheLogNewestFirst() {
        List<String> placed = placeCalls(45);
        List<String> newestFirst = reversed(placed);

        CallPage first = client.calls().list(ListCallsParams.limit(20));
        CallPage second = client.calls().list(ListCallsParams.limit(20).startingAfter(first.nextCursor()));
        CallPage third = client.calls().list(ListCallsParams.limit(20).startingAfter(second.nextCursor()));

        assertThat(first.calls()).extracting(Call::id).containsExactlyElementsOf(newestFirst.subList(0, 20));
        assertThat(first.nextCursor()).isEqualTo(newestFirst.get(19));
        assertThat(second.calls()).extracting(Call::id).containsExactlyElementsOf(newestFirst.subList(20, 40));
        assertThat(third.calls()).extracting(Call::id).containsExactlyElementsOf(newestFirst.subList(40, 45));
        assertThat(third.hasMore()).isFalse();
        assertThat(callListRequests()).extracting(RecordedRequest::query).containsExactly("limit=20",
                "limit=20&startAfter=" + newestFirst.get(19), "limit=20&startAfter=" + newestFirst.get(39));
    }

    @Test
    void defaultPageHasTwentyCalls() {
        placeCalls(21);

        CallPage page = client.calls().list();

        assertThat(page.calls()).hasSize(20);
        assertThat(page.hasMore()).isTrue();
        assertThat(callListRequests()).extracting(RecordedRequest::query).containsExactly((String) null);
    }

    @Test
    void streamFetchesPagesLazily() {
        List<String> newestFirst = reversed(placeCalls(45));

        List<String> firstFifteen = client.calls().stream(ListCallsParams.limit(10)).limit(15).map(Call::id).toList();

        assertThat(firstFifteen).containsExactlyElementsOf(newestFirst.subList(0, 15));
        assertThat(callListRequests()).hasSize(2);
    }

    @Test
    void streamVisitsEveryCallOnce() {
        List<String> newestFirst = reversed(placeCalls(45));

        assertThat(client.calls().stream(ListCallsParams.limit(10)).map(Call::id))
                .containsExactlyElementsOf(newestFirst);
        assertThat(callListRequests()).hasSize(5);
        assertThat(client.calls().stream().map(Call::id).collect(Collectors.toList()))
                .containsExactlyElementsOf(newestFirst);
        assertThat(callListRequests()).hasSize(6);
    }

    @Test
    void iterateFollowsTheCursorAndStopsAfterAnEmptyPage() {
        List<String> newestFirst = reversed(placeCalls(40));

        List<String> seen = new ArrayList<>();
        for (Call call : client.calls().iterate(ListCallsParams.limit(10))) {
            seen.add(call.id());
        }

        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(callListRequests()).hasSize(5);
    }

    @Test
    void iterateRequestsNothingUntilAsked() {
        placeCalls(25);

        Iterable<Call> calls = client.calls().iterate(ListCallsParams.limit(10));
        Iterator<Call> iterator = calls.iterator();
        assertThat(callListRequests()).isEmpty();

        assertThat(iterator.hasNext()).isTrue();
        assertThat(callListRequests()).hasSize(1);
        for (int i = 0; i < 11; i++) {
            iterator.next();
        }
        assertThat(callListRequests()).hasSize(2);
    }

    @Test
    void anUnknownCursorIs400() {
        placeCalls(2);

        assertThatThrownBy(() -> client.calls().list(ListCallsParams.limit(1).startingAfter("no-such-call")))
                .isInstanceOfSatisfying(FonellaValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.errorCode()).isEqualTo("validation_error");
                    assertThat(e.errorMessage()).contains("startAfter");
                });
    }

    @Test
    void clientRejectsLimitsOutsideOneToHundredBeforeSending() {
        for (int limit : new int[] {0, -1, 101}) {
            assertThatThrownBy(() -> client.calls().list(ListCallsParams.limit(limit)))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.field()).isEqualTo("limit");
                        assertThat(e.getMessage()).contains("between 1 and 100");
                    });
            assertThatThrownBy(() -> client.calls().iterate(ListCallsParams.limit(limit)))
                    .isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> client.calls().stream(ListCallsParams.limit(limit)))
                    .isInstanceOf(InvalidRequestException.class);
        }
        assertThat(callListRequests()).isEmpty();
        assertThat(client.calls().list(ListCallsParams.limit(100)).calls()).isEmpty();
        assertThat(client.calls().list(ListCallsParams.limit(1)).calls()).isEmpty();
    }

    @Test
    void keyWithoutCallsScopeIsForbidden() {
        FonellaClient limited = emulator.client(emulator.createApiKey(account, null, ApiKeyScope.TOOLS_MANAGE));

        assertThatThrownBy(() -> limited.calls().list())
                .isInstanceOfSatisfying(FonellaAuthenticationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("calls:read");
                });
    }

    private List<String> placeCalls(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(emulator.placeCall(account, CallScript.builder().user("Call number " + i).build()).id());
        }
        return ids;
    }

    private static List<String> reversed(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        java.util.Collections.reverse(copy);
        return copy;
    }

    /** The {@code GET /v1/calls} requests of this test's account. */
    private List<RecordedRequest> callListRequests() {
        String prefix = Secrets.apiKeyPrefix(account.apiKey());
        return emulator.requests().stream()
                .filter(r -> r.is("GET", "/v1/calls") && prefix.equals(r.apiKeyPrefix()))
                .toList();
    }
}
