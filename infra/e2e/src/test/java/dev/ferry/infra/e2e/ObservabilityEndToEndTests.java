package dev.ferry.infra.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.command.SendMessage;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.EnvelopeDeserializer;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.infra.e2e.Pipeline.Gateway;
import dev.ferry.infra.test.TopicTail;
import dev.ferry.infra.test.client.Browser;
import dev.ferry.infra.test.client.SocketClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.ferry.infra.e2e.Frames.created;
import static dev.ferry.infra.test.client.Browser.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators see of the pipeline: one trace per message through every hop, and every
 * metric the dashboard and the alert rules in {@code infra/observability} use, as each
 * service's {@code /actuator/prometheus} gives it.
 */
class ObservabilityEndToEndTests extends PipelineTest {

	private static final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aMessageIsOneTraceFromTheSendersFrameToTheWriteOnTheReceiversSocket() {
		UserId alice = pipeline.user("Alice");
		UserId bob = pipeline.user("Bob");
		SocketClient aliceSocket = Pipeline.loggedIn(alice, node1).openSocket(null);
		SocketClient bobSocket = Pipeline.loggedIn(bob, node2).openSocket(null);
		String traceparent;
		try (TopicTail<Envelope<InboundCommand>> commands = TopicTail.of(pipeline.infrastructure(),
				Topics.INBOUND.name(), new EnvelopeDeserializer<>(InboundCommand.class))) {
			Frames.send(aliceSocket, "traced", bob, "follow me");
			bobSocket.awaitFrames(created("traced"), 1);
			ConsumerRecord<String, Envelope<InboundCommand>> command = commands
				.awaitRecords((record) -> record.value().payload() instanceof SendMessage send
						&& send.senderId().equals(alice) && send.tempId().equals("traced"), 1)
				.get(0);
			traceparent = new String(command.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
		}
		// version-traceId-spanId-flags, sampled
		assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
		String traceId = traceparent.split("-")[1];
		UserId operator = pipeline.user("Operator", "SUPERADMIN");
		Browser senderNode = Pipeline.loggedIn(operator, node1);
		Browser receiverNode = Pipeline.loggedIn(operator, node2);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<JsonNode> atSenderNode = spans(senderNode, traceId);
			JsonNode frame = one(atSenderNode, named("send-message").and(root()));
			JsonNode command = one(atSenderNode, named("chat.inbound.v1 send").and(childOf(frame)));
			assertThat(traceparent).contains("-" + command.path("spanId").asString() + "-");
			assertThat(frame.path("service").asString()).isEqualTo("ferry-gateway");

			List<JsonNode> atPersistence = spans(pipeline.persistencePort(), traceId);
			JsonNode persist = one(atPersistence, named("persist chat.inbound.v1").and(childOf(command)));
			assertThat(persist.path("kind").asString()).isEqualTo("CONSUMER");
			assertThat(persist.path("service").asString()).isEqualTo("ferry-persistence-worker");
			JsonNode event = one(atPersistence, named("chat.events.v1 send").and(childOf(persist)));

			List<JsonNode> atDelivery = spans(pipeline.deliveryPort(), traceId);
			JsonNode route = one(atDelivery, named("route chat.events.v1").and(childOf(event)));
			List<JsonNode> pushes = atDelivery.stream()
				.filter(named("chat.delivery.v1 send").and(childOf(route)))
				.toList();
			assertThat(pushes).isNotEmpty();

			List<JsonNode> atReceiverNode = spans(receiverNode, traceId);
			JsonNode deliver = one(atReceiverNode, named("deliver chat.delivery.v1")
				.and((span) -> pushes.stream().anyMatch((push) -> childOf(push).test(span))));
			JsonNode write = one(atReceiverNode, named("write socket").and(childOf(deliver)));

			// Each hop starts after the one that caused it.
			List<JsonNode> chain = List.of(frame, command, persist, event, route, deliver, write);
			for (int hop = 1; hop < chain.size(); hop++) {
				assertThat(chain.get(hop).path("start").asString())
					.isGreaterThanOrEqualTo(chain.get(hop - 1).path("start").asString());
			}
		});
	}

	@Test
	void everyMetricTheDashboardAndTheAlertRulesUseIsScrapedAfterTraffic() throws Exception {
		UserId alice = pipeline.user("Alice");
		UserId bob = pipeline.user("Bob");
		SocketClient aliceSocket = Pipeline.loggedIn(alice, node1).openSocket(null);
		SocketClient bobSocket = Pipeline.loggedIn(bob, node2).openSocket(null);
		Frames.send(aliceSocket, "counted", bob, "count me");
		String id = bobSocket.awaitFrames(created("counted"), 1).get(0).path("message").path("id").asString();
		Frames.report(bobSocket, id, "READ");
		aliceSocket.awaitFrames((frame) -> frame.path("type").asString().equals("message-status-updated")
				&& frame.path("status").asString().equals("READ"), 1);

		Set<String> used = new HashSet<>(ObservabilityFiles.metricsOfDashboard());
		used.addAll(ObservabilityFiles.metricsOfAlertRules());
		// Prometheus makes this one itself, for every target it scrapes.
		used.remove("up");

		// A consumer's lag per partition is registered when its metrics are next looked
		// over, within a minute of the partitions being assigned.
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			Set<String> scraped = new HashSet<>();
			for (Gateway node : List.of(node1, node2)) {
				scraped.addAll(PrometheusText.metricNames(scrapeGateway(node)));
			}
			scraped.addAll(PrometheusText.metricNames(get(pipeline.persistencePort(), "/actuator/prometheus")));
			scraped.addAll(PrometheusText.metricNames(get(pipeline.deliveryPort(), "/actuator/prometheus")));
			assertThat(scraped).containsAll(used);
		});
	}

	@Test
	void aGatewayIsScrapedWithTheTokenOrBySuperadminsOnly() {
		UserId chatter = pipeline.user("Chatter");
		UserId operator = pipeline.user("Operator", "SUPERADMIN");

		HttpResponse<String> anonymous = new Browser(node1.port()).get("/actuator/prometheus");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(json(anonymous).path("error").asString()).isEqualTo("unauthenticated");
		assertThat(new Browser(node1.port()).getBytes("/actuator/prometheus", "Authorization", "Bearer wrong")
			.statusCode()).isEqualTo(401);
		HttpResponse<String> chatUser = Pipeline.loggedIn(chatter, node1).get("/actuator/prometheus");
		assertThat(chatUser.statusCode()).isEqualTo(403);
		assertThat(json(chatUser).path("error").asString()).isEqualTo("forbidden");
		assertThat(Pipeline.loggedIn(operator, node1).get("/actuator/prometheus").statusCode()).isEqualTo(200);
		assertThat(scrapeGateway(node1)).contains("ferry_gateway_sockets{");
	}

	private static String scrapeGateway(Gateway node) {
		HttpResponse<byte[]> response = new Browser(node.port()).getBytes("/actuator/prometheus", "Authorization",
				"Bearer " + Pipeline.SCRAPE_TOKEN);
		assertThat(response.statusCode()).isEqualTo(200);
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	private static List<JsonNode> spans(Browser operator, String traceId) {
		return json(operator.get("/actuator/spans?traceId=" + traceId)).valueStream().toList();
	}

	private static List<JsonNode> spans(int workerPort, String traceId) throws Exception {
		return Frames.parse(get(workerPort, "/actuator/spans?traceId=" + traceId)).valueStream().toList();
	}

	private static String get(int port, String path) throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static JsonNode one(List<JsonNode> spans, Predicate<JsonNode> which) {
		List<JsonNode> found = spans.stream().filter(which).toList();
		assertThat(found).as("spans %s", spans).hasSize(1);
		return found.get(0);
	}

	private static Predicate<JsonNode> named(String name) {
		return (span) -> span.path("name").asString().equals(name);
	}

	private static Predicate<JsonNode> root() {
		return (span) -> span.path("parentSpanId").isNull();
	}

	private static Predicate<JsonNode> childOf(JsonNode parent) {
		return (span) -> span.path("parentSpanId").asString().equals(parent.path("spanId").asString());
	}

}
