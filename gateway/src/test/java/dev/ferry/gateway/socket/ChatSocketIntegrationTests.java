package dev.ferry.gateway.socket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.command.SendMessage;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.EnvelopeDeserializer;
import dev.ferry.contracts.json.InboundCommandDeserializer;
import dev.ferry.contracts.signal.TypingSignal;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.infra.test.client.Browser;
import dev.ferry.gateway.GatewayIntegrationTest;
import dev.ferry.gateway.Seed;
import dev.ferry.infra.test.client.SocketClient;
import dev.ferry.infra.test.client.SocketRefusedException;
import dev.ferry.infra.test.AtOnce;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.TopicTail;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A real WebSocket client against the running gateway, with the real broker behind it.
 */
class ChatSocketIntegrationTests extends GatewayIntegrationTest {

	@Autowired
	private LocalSessions sessions;

	private TopicTail<Envelope<InboundCommand>> inbound;

	private UserId alice;

	private UserId bob;

	@BeforeEach
	void seed(FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		this.alice = seed.user("Alice");
		this.bob = seed.user("Bob");
		this.inbound = TopicTail.of(infrastructure, Topics.INBOUND.name(), new InboundCommandDeserializer());
	}

	@AfterEach
	void close() {
		this.inbound.close();
	}

	@Test
	void sendMessageIsPublishedKeyedByConversationThenAcknowledged() {
		SocketClient socket = loggedIn(this.alice).openSocket(null);
		ConversationId conversation = ConversationId.direct(this.alice, this.bob);

		socket.send("{\"type\":\"send-message\",\"tempId\":\"t-1\",\"receiverId\":\"" + this.bob
				+ "\",\"content\":\"Ahoy over the socket\"}");

		assertThat(socket.awaitFrame(0)).isEqualTo(JsonMapper.shared()
			.readTree("{\"type\":\"message-ack\",\"tempId\":\"t-1\",\"conversationId\":\"" + conversation
					+ "\",\"status\":\"PENDING\"}"));
		ConsumerRecord<String, Envelope<InboundCommand>> record = awaitCommands(1).get(0);
		assertThat(record.key()).isEqualTo(conversation.toString());
		SendMessage send = (SendMessage) record.value().payload();
		assertThat(send).isEqualTo(
				new SendMessage(send.messageId(), conversation, this.alice, this.bob, "t-1", "Ahoy over the socket"));
	}

	/**
	 * A socket whose handshake carries trace context a client picked, sampled, with
	 * baggage: its send's command carries a trace the gateway started and none of the
	 * client's baggage, and no span of the client's trace is recorded (the handshake's
	 * included).
	 */
	@Test
	void aClientsTraceContextAndBaggageAtTheHandshakeDoNotReachTheCommand() {
		String clientsTraceId = "0af7651916cd43dd8448eb211c80319c";
		SocketClient socket = loggedIn(this.alice)
			.sending("traceparent", "00-" + clientsTraceId + "-b7ad6b7169203331-01")
			.sending("tracestate", "client=chosen")
			.sending("baggage", "tenant=chosen-by-client")
			.openSocket(null);

		socket.send("{\"type\":\"send-message\",\"tempId\":\"t-1\",\"receiverId\":\"" + this.bob
				+ "\",\"content\":\"Traced by me\"}");

		assertThat(socket.awaitFrame(0).path("type").asString()).isEqualTo("message-ack");
		ConsumerRecord<String, Envelope<InboundCommand>> record = awaitCommands(1).get(0);
		assertThat(record.value().payload()).isInstanceOf(SendMessage.class);
		assertCarriesNoClientTrace(record, clientsTraceId);
	}

	@Test
	void typingBecomesAnExpiringSignalForThePeer(FerryInfrastructure infrastructure) {
		SocketClient socket = loggedIn(this.alice).openSocket(null);
		ConversationId conversation = ConversationId.direct(this.alice, this.bob);
		try (TopicTail<Envelope<TypingSignal>> signals = TopicTail.of(infrastructure, Topics.SIGNALS.name(),
				new EnvelopeDeserializer<>(TypingSignal.class))) {

			socket.send("{\"type\":\"typing\",\"receiverId\":\"" + this.bob + "\",\"typing\":true}");

			ConsumerRecord<String, Envelope<TypingSignal>> record = signals
				.awaitRecords((signal) -> signal.value().payload().userId().equals(this.alice), 1)
				.get(0);
			TypingSignal signal = record.value().payload();
			assertThat(record.key()).isEqualTo(conversation.toString());
			assertThat(signal.conversationId()).isEqualTo(conversation);
			assertThat(signal.peerId()).isEqualTo(this.bob);
			assertThat(signal.typing()).isTrue();
			assertThat(signal.expiresAt()).isAfter(record.value().occurredAt());
		}
		assertThat(socket.received()).isEmpty();
	}

	@Test
	void handshakeNeedsASessionAndAnAllowedOrigin() {
		Browser stranger = new Browser(this.port);
		Browser alice = loggedIn(this.alice);

		assertThatExceptionOfType(SocketRefusedException.class).isThrownBy(() -> stranger.openSocket(null))
			.satisfies((refused) -> assertThat(refused.status()).isEqualTo(401));
		assertThatExceptionOfType(SocketRefusedException.class)
			.isThrownBy(() -> alice.openSocket("http://evil.example"))
			.satisfies((refused) -> assertThat(refused.status()).isEqualTo(403));
		assertThat(alice.openSocket("http://localhost:" + this.port).isOpen()).isTrue();
	}

	/**
	 * The cap of 32 sockets per user on a node holds for handshakes that race each other:
	 * forty sent at once with one cookie open 32 sockets, and the rest get 429.
	 */
	@Test
	void handshakesSentAtOnceOpenNoMoreSocketsThanTheCap() throws Exception {
		Browser alice = loggedIn(this.alice);
		List<Callable<String>> handshakes = new ArrayList<>();
		for (int index = 0; index < 40; index++) {
			handshakes.add(() -> {
				try {
					alice.openSocket(null);
					return "open";
				}
				catch (SocketRefusedException ex) {
					return String.valueOf(ex.status());
				}
			});
		}

		List<String> answers = AtOnce.run(handshakes);

		assertThat(answers).filteredOn("open"::equals).hasSize(32);
		assertThat(answers).filteredOn("429"::equals).hasSize(8);
		assertThat(this.sessions.of(this.alice)).hasSize(32);
	}

	/**
	 * A socket that accepted the browser's offer would keep a compressor and a
	 * decompressor for its whole life.
	 */
	@Test
	void aBrowsersOfferOfCompressionIsDeclined() throws Exception {
		String response = loggedIn(this.alice).rawHandshake();

		assertThat(response).startsWith("HTTP/1.1 101 ")
			.containsIgnoringCase("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
			.doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
	}

	@Test
	void badFramesAreAnsweredWithErrorFramesAndTheSocketStaysOpen() {
		SocketClient socket = loggedIn(this.alice).openSocket(null);
		String bob = this.bob.toString();
		Map<String, String> answers = new LinkedHashMap<>();
		answers.put("not json", "invalid_json null");
		answers.put("{\"tempId\":\"t-1\"}", "unknown_type t-1");
		answers.put("{\"type\":\"shout\",\"id\":\"x\"}", "unknown_type x");
		answers.put(send("t-2", bob, ""), "content_empty t-2");
		answers.put(send("t-3", bob, "a".repeat(4001)), "content_too_long t-3");
		answers.put(send("t-3a", bob, "\\u00a0\\u3000"), "content_empty t-3a");
		answers.put(send("t-3b", bob, "nul \\u0000"), "invalid_field t-3b");
		answers.put(send("t-4", this.alice.toString(), "me"), "unknown_receiver t-4");
		answers.put("{\"type\":\"send-message\",\"tempId\":\"t-5\",\"content\":\"to whom?\"}", "invalid_field t-5");
		answers.put(send("t-6", bob, null), "invalid_field t-6");
		answers.put("{\"type\":\"send-message\",\"tempId\":\"t-7\",\"receiverId\":\"" + bob
				+ "\",\"content\":[\"not text\"]}", "invalid_field t-7");
		String missing = UUID.randomUUID().toString();
		answers.put("{\"type\":\"update-message\",\"id\":\"" + missing + "\",\"content\":\"x\"}",
				"not_found " + missing);
		answers.put("{\"type\":\"update-message-status\",\"id\":\"" + missing + "\",\"status\":\"SEEN\"}",
				"invalid_field " + missing);
		answers.put(send("t-8", bob, "x".repeat(70_000)), "frame_too_large null");
		answers.put(send("t-9", bob, "y".repeat(2_000_000)), "frame_too_large null");

		int index = 0;
		for (Map.Entry<String, String> answer : answers.entrySet()) {
			socket.send(answer.getKey());
			JsonNode error = socket.awaitFrame(index++);
			assertThat(error.path("type").asString()).isEqualTo("error");
			assertThat(error.path("code").asString() + " " + error.path("ref").asString("null"))
				.as(answer.getKey().length() > 60 ? answer.getKey().substring(0, 60) : answer.getKey())
				.isEqualTo(answer.getValue());
			assertThat(error.path("message").asString()).isNotBlank();
		}
		socket.send("{\"type\":\"ping\"}");
		assertThat(socket.awaitFrame(index++).path("type").asString()).isEqualTo("pong");
		socket.send(send("marker", bob, "the only one published"));
		assertThat(socket.awaitFrame(index).path("type").asString()).isEqualTo("message-ack");

		assertThat(awaitCommands(1)).singleElement()
			.satisfies((record) -> assertThat(((SendMessage) record.value().payload()).tempId()).isEqualTo("marker"));
		assertThat(socket.isOpen()).isTrue();
	}

	/**
	 * Text that is no UTF-8 (an unpaired surrogate) in a field the error echoes: the
	 * error frame must still be sendable, with {@code ref} null where the temp id itself
	 * is what is invalid.
	 */
	@Test
	void anUnpairedSurrogateIsRefusedWithAnErrorFrameAndTheSocketStaysOpen() {
		SocketClient socket = loggedIn(this.alice).openSocket(null);

		socket.send(send("t-\\ud800", this.bob.toString(), "hi"));
		socket.send(send("\\udc00", this.bob.toString(), "hi"));
		socket.send("{\"type\":\"sync\",\"positions\":{\"" + UUID.randomUUID() + "\":\"\\ud800\"}}");
		socket.send("{\"type\":\"ping\"}");

		for (int index = 0; index < 3; index++) {
			JsonNode error = socket.awaitFrame(index);
			assertThat(error.path("type").asString() + " " + error.path("code").asString() + " "
					+ error.path("ref").asString("null"))
				.isEqualTo("error invalid_field null");
		}
		assertThat(socket.awaitFrame(3).path("type").asString()).isEqualTo("pong");
		assertThat(socket.isOpen()).isTrue();
	}

	@Test
	void framesLargerThanTheReadBufferArriveWhole() {
		SocketClient socket = loggedIn(this.alice).openSocket(null);
		// 4,000 code points of three bytes each: 12 kB, over the container's 8 KiB
		// buffer.
		String content = "€".repeat(3999) + "!";

		socket.send(send("t-big", this.bob.toString(), content));

		assertThat(socket.awaitFrame(0).path("type").asString()).isEqualTo("message-ack");
		assertThat(awaitCommands(1)).singleElement()
			.satisfies((record) -> assertThat(((SendMessage) record.value().payload()).content()).isEqualTo(content));
	}

	private List<ConsumerRecord<String, Envelope<InboundCommand>>> awaitCommands(int count) {
		return this.inbound.awaitRecords((record) -> record.value().payload().actorId().equals(this.alice), count);
	}

	private static String send(String tempId, String receiverId, String content) {
		String text = (content != null) ? "\"" + content + "\"" : "null";
		return "{\"type\":\"send-message\",\"tempId\":\"" + tempId + "\",\"receiverId\":\"" + receiverId
				+ "\",\"content\":" + text + "}";
	}

}
