package dev.ferry.gateway.conversation;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ferry.contracts.command.CreateGroup;
import dev.ferry.contracts.command.DeleteMessage;
import dev.ferry.contracts.command.EditMessage;
import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.command.ReportStatus;
import dev.ferry.contracts.command.SendMessage;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.InboundCommandDeserializer;
import dev.ferry.contracts.message.MessageStatus;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.infra.test.client.Browser;
import dev.ferry.gateway.GatewayIntegrationTest;
import dev.ferry.gateway.Seed;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.TopicTail;
import dev.ferry.infra.test.client.SocketClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.ferry.infra.test.client.Browser.json;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST write paths put exactly the accepted commands on {@code chat.inbound.v1},
 * keyed by conversation, and nothing for anything they refuse.
 */
class MessageWritesIntegrationTests extends GatewayIntegrationTest {

	/** A trace id a client picks. */
	private static final String CLIENTS_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private TopicTail<Envelope<InboundCommand>> inbound;

	private UserId alice;

	private UserId bob;

	private UserId carol;

	private ConversationId conversation;

	private MessageId message;

	private MessageId deleted;

	@BeforeEach
	void seed(FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		this.alice = seed.user("Alice");
		this.bob = seed.user("Bob");
		this.carol = seed.user("Carol");
		this.conversation = seed.conversation(this.alice, this.bob, 2, OffsetDateTime.now());
		this.message = seed.message(this.conversation, this.alice, this.bob, 1, 1, "SENT", false, false);
		this.deleted = seed.message(this.conversation, this.alice, this.bob, 2, 2, "SENT", false, true);
		this.inbound = TopicTail.of(infrastructure, Topics.INBOUND.name(), new InboundCommandDeserializer());
	}

	@AfterEach
	void close() {
		this.inbound.close();
	}

	@Test
	void createPublishesTheSendKeyedByConversationAndAnswers202() {
		Browser browser = loggedIn(this.alice);

		HttpResponse<String> response = browser.write("POST", "/messages/create",
				"{\"tempId\":\"t-1\",\"receiverId\":\"" + this.bob + "\",\"content\":\"Ahoy, Bob 👋\"}");

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(json(response).path("tempId").asString()).isEqualTo("t-1");
		assertThat(json(response).path("conversationId").asString()).isEqualTo(this.conversation.toString());
		assertThat(json(response).path("status").asString()).isEqualTo("PENDING");
		ConsumerRecord<String, Envelope<InboundCommand>> record = awaitCommands(1).get(0);
		assertThat(record.key()).isEqualTo(this.conversation.toString());
		SendMessage send = (SendMessage) record.value().payload();
		assertThat(send).isEqualTo(
				new SendMessage(send.messageId(), this.conversation, this.alice, this.bob, "t-1", "Ahoy, Bob 👋"));
		assertThat(send.messageId().value().version()).isEqualTo(7);
		assertThat(new String(record.headers().lastHeader("traceparent").value()))
			.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
	}

	/**
	 * A client that sends trace context of its own, sampled, with baggage: the command
	 * carries a trace the gateway started, none of the client's baggage, and no span of
	 * the client's trace is recorded.
	 */
	@Test
	void aClientsTraceContextAndBaggageDoNotReachTheCommand() {
		Browser browser = loggedIn(this.alice).sending("traceparent", "00-" + CLIENTS_TRACE_ID + "-b7ad6b7169203331-01")
			.sending("tracestate", "client=chosen")
			.sending("baggage", "tenant=chosen-by-client");

		HttpResponse<String> response = browser.write("POST", "/messages/create",
				"{\"tempId\":\"t-1\",\"receiverId\":\"" + this.bob + "\",\"content\":\"Traced by me\"}");

		assertThat(response.statusCode()).isEqualTo(202);
		ConsumerRecord<String, Envelope<InboundCommand>> record = awaitCommands(1).get(0);
		assertThat(record.value().payload()).isInstanceOf(SendMessage.class);
		assertCarriesNoClientTrace(record, CLIENTS_TRACE_ID);
	}

	@Test
	void badSendsAreRefusedWithTheirCodeAndPublishNothing() {
		Browser browser = loggedIn(this.alice);
		String tooLong = "a".repeat(4001);
		Map<String, String> refusals = Map.ofEntries(entry(send("t-1", this.bob.toString(), ""), "400 content_empty"),
				entry(send("t-1", this.bob.toString(), " \\n\\t "), "400 content_empty"),
				entry(send("t-1", this.bob.toString(), "\\u00a0\\u2003\\u3000"), "400 content_empty"),
				entry(send("t-1", this.bob.toString(), tooLong), "400 content_too_long"),
				entry(send("t-1", this.bob.toString(), "nul \\u0000 inside"), "400 invalid_field"),
				entry(send("t-1", this.bob.toString(), "lone \\ud83d"), "400 invalid_field"),
				entry(send("t-1", this.alice.toString(), "me"), "400 unknown_receiver"),
				entry(send("t-1", UUID.randomUUID().toString(), "nobody"), "400 unknown_receiver"),
				entry(send("t-1", "not-a-uuid", "x"), "400 invalid_field"),
				entry(send("", this.bob.toString(), "x"), "400 invalid_field"),
				entry(send("t".repeat(65), this.bob.toString(), "x"), "400 invalid_field"),
				entry(send("t\\u0000", this.bob.toString(), "x"), "400 invalid_field"),
				entry("{\"tempId\":", "400 invalid_json"));

		refusals.forEach((body, expected) -> assertThat(answer(browser.write("POST", "/messages/create", body)))
			.as(body.length() > 80 ? body.substring(0, 80) : body)
			.isEqualTo(expected));
		assertThat(answer(browser.writeWithoutCsrf("POST", "/messages/create", send("t-2", this.bob.toString(), "x"))))
			.isEqualTo("403 csrf");
		browser.write("POST", "/messages/create", send("marker", this.bob.toString(), "the only one"));

		assertThat(awaitCommands(1)).singleElement()
			.satisfies((record) -> assertThat(((SendMessage) record.value().payload()).tempId()).isEqualTo("marker"));
	}

	@Test
	void onlyTheRightParticipantMayEditDeleteOrMarkAndOutsidersSeeNothing() {
		Browser alice = loggedIn(this.alice);
		Browser bob = loggedIn(this.bob);
		Browser carol = loggedIn(this.carol);
		String path = "/messages/%s/" + this.message;

		assertThat(answer(carol.write("PUT", path.formatted("update"), "{\"content\":\"mine now\"}")))
			.isEqualTo("404 not_found");
		assertThat(answer(carol.write("DELETE", path.formatted("delete"), ""))).isEqualTo("404 not_found");
		assertThat(answer(carol.write("PUT", path.formatted("status"), "{\"status\":\"READ\"}")))
			.isEqualTo("404 not_found");
		assertThat(answer(bob.write("PUT", path.formatted("update"), "{\"content\":\"bob's\"}")))
			.isEqualTo("403 forbidden");
		assertThat(answer(bob.write("DELETE", path.formatted("delete"), ""))).isEqualTo("403 forbidden");
		assertThat(answer(alice.write("PUT", path.formatted("status"), "{\"status\":\"READ\"}")))
			.isEqualTo("403 forbidden");
		assertThat(answer(bob.write("PUT", path.formatted("status"), "{\"status\":\"SENT\"}")))
			.isEqualTo("400 invalid_field");
		assertThat(answer(alice.write("PUT", "/messages/update/" + this.deleted, "{\"content\":\"again\"}")))
			.isEqualTo("409 message_deleted");
		assertThat(answer(alice.write("DELETE", "/messages/delete/" + UUID.randomUUID(), "")))
			.isEqualTo("404 not_found");

		assertThat(bob.write("PUT", path.formatted("status"), "{\"status\":\"READ\"}").statusCode()).isEqualTo(202);
		assertThat(alice.write("PUT", path.formatted("update"), "{\"content\":\"better\"}").statusCode())
			.isEqualTo(202);
		assertThat(alice.write("DELETE", path.formatted("delete"), "").statusCode()).isEqualTo(202);

		assertThat(awaitCommands(3)).extracting((record) -> record.value().payload())
			.containsExactly(new ReportStatus(this.conversation, this.bob, this.message, null, MessageStatus.READ),
					new EditMessage(this.message, this.conversation, this.alice, "better"),
					new DeleteMessage(this.message, this.conversation, this.alice));
	}

	@Test
	void inAGroupOthersWhoReadAMessageAreForbiddenToChangeItAndOthersDoNotSeeIt(FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		UserId dave = seed.user("Dave");
		UserId erin = seed.user("Erin");
		// 1 created, 2 Alice writes, 3 Carol writes, 4 Dave joins, 5 Carol leaves.
		ConversationId group = seed.group("Crew", "SINCE_JOIN", this.alice, 5);
		seed.member(group, this.bob, "MEMBER", 1, null);
		seed.member(group, this.carol, "MEMBER", 1, 5L);
		seed.member(group, dave, "MEMBER", 4, null);
		MessageId alices = seed.message(group, this.alice, null, 2, 2, "SENT", false, false);
		MessageId carols = seed.message(group, this.carol, null, 3, 3, "SENT", false, false);
		Browser bob = loggedIn(this.bob);
		Browser carol = loggedIn(this.carol);

		assertThat(answer(bob.write("PUT", "/messages/update/" + alices, "{\"content\":\"bob's\"}")))
			.isEqualTo("403 forbidden");
		assertThat(answer(bob.write("DELETE", "/messages/delete/" + alices, ""))).isEqualTo("403 forbidden");
		SocketClient bobsSocket = bob.openSocket(null);
		bobsSocket.send("{\"type\":\"update-message\",\"id\":\"" + alices + "\",\"content\":\"bob's\"}");
		JsonNode refused = bobsSocket.awaitFrame(0);
		assertThat(refused.path("type").asString() + " " + refused.path("code").asString() + " "
				+ refused.path("ref").asString())
			.isEqualTo("error forbidden " + alices);
		// Carol reads both from her time in the group, but changes neither once she left.
		assertThat(answer(carol.write("PUT", "/messages/update/" + carols, "{\"content\":\"after all\"}")))
			.isEqualTo("403 forbidden");
		assertThat(answer(carol.write("DELETE", "/messages/delete/" + alices, ""))).isEqualTo("403 forbidden");
		// Dave joined after Alice's message, Erin was never in the group: neither reads
		// it.
		assertThat(answer(loggedIn(dave).write("PUT", "/messages/update/" + alices, "{\"content\":\"x\"}")))
			.isEqualTo("404 not_found");
		assertThat(answer(loggedIn(erin).write("DELETE", "/messages/delete/" + alices, ""))).isEqualTo("404 not_found");
		assertThat(loggedIn(this.alice).write("PUT", "/messages/update/" + alices, "{\"content\":\"better\"}")
			.statusCode()).isEqualTo(202);

		assertThat(this.inbound.awaitRecords((record) -> record.value().payload().conversationId().equals(group), 1))
			.extracting((record) -> record.value().payload())
			.containsExactly(new EditMessage(alices, group, this.alice, "better"));
	}

	/**
	 * A user creates five groups at once, then one every twelve minutes; a group takes
	 * thirty changes at once, then one every two seconds, whoever makes them. Past
	 * either, 429 with the wait in Retry-After, and nothing is published.
	 */
	@Test
	void groupsAreCreatedAndChangedAtALimitedRate(FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		ConversationId crew = seed.group("Crew", "SINCE_JOIN", this.alice, 1);
		seed.member(crew, this.bob, "ADMIN", 1, null);
		Browser alice = loggedIn(this.alice);
		Browser bob = loggedIn(this.bob);
		String group = "{\"title\":\"Crew\",\"memberIds\":[\"" + this.bob + "\"]}";

		for (int created = 0; created < 5; created++) {
			assertThat(alice.write("POST", "/conversations", group).statusCode()).isEqualTo(202);
		}
		HttpResponse<String> sixth = alice.write("POST", "/conversations", group);
		for (int renamed = 0; renamed < 30; renamed++) {
			Browser who = (renamed % 2 == 0) ? alice : bob;
			assertThat(
					who.write("PATCH", "/conversations/" + crew, "{\"title\":\"Crew " + renamed + "\"}").statusCode())
				.isEqualTo(202);
		}
		HttpResponse<String> thirtyFirst = bob.write("PATCH", "/conversations/" + crew, "{\"title\":\"Once more\"}");

		assertThat(answer(sixth)).isEqualTo("429 rate_limited");
		assertThat(Long.parseLong(sixth.headers().firstValue("Retry-After").orElseThrow())).isBetween(700L, 720L);
		assertThat(answer(thirtyFirst)).isEqualTo("429 rate_limited");
		assertThat(Long.parseLong(thirtyFirst.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
		assertThat(this.inbound.awaitRecords((record) -> record.value().payload() instanceof CreateGroup
				|| record.value().payload().conversationId().equals(crew), 35))
			.hasSize(35);
	}

	/**
	 * Carol, a plain member, asks for thirty renames (the persistence worker refuses
	 * each): they cost her own allowance, not the group's, so Alice, its owner, still
	 * renames it; and Carol, out of allowance, still leaves: leaving is never limited.
	 */
	@Test
	void aMemberCannotUseUpAGroupsAllowanceAndLeavingIsNeverLimited(FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		ConversationId crew = seed.group("Crew", "SINCE_JOIN", this.alice, 1);
		seed.member(crew, this.carol, "MEMBER", 1, null);
		Browser carol = loggedIn(this.carol);

		for (int renamed = 0; renamed < 30; renamed++) {
			assertThat(
					carol.write("PATCH", "/conversations/" + crew, "{\"title\":\"Mine " + renamed + "\"}").statusCode())
				.isEqualTo(202);
		}

		assertThat(answer(carol.write("PATCH", "/conversations/" + crew, "{\"title\":\"Mine\"}")))
			.isEqualTo("429 rate_limited");
		assertThat(loggedIn(this.alice).write("PATCH", "/conversations/" + crew, "{\"title\":\"Deck\"}").statusCode())
			.isEqualTo(202);
		assertThat(carol.write("DELETE", "/conversations/" + crew + "/members/" + this.carol, "").statusCode())
			.isEqualTo(202);
	}

	@Test
	void withoutASessionNothingIsAccepted() {
		Browser stranger = new Browser(this.port);
		stranger.get("/auth/csrf");

		assertThat(answer(stranger.write("POST", "/messages/create", send("t-1", this.bob.toString(), "x"))))
			.isEqualTo("401 unauthenticated");
	}

	private List<ConsumerRecord<String, Envelope<InboundCommand>>> awaitCommands(int count) {
		List<UserId> ours = List.of(this.alice, this.bob, this.carol);
		return this.inbound.awaitRecords((record) -> ours.contains(record.value().payload().actorId()), count);
	}

	private static String send(String tempId, String receiverId, String content) {
		return "{\"tempId\":\"" + tempId + "\",\"receiverId\":\"" + receiverId + "\",\"content\":\"" + content + "\"}";
	}

	private static String answer(HttpResponse<String> response) {
		return response.statusCode() + " " + json(response).path("error").asString();
	}

}
