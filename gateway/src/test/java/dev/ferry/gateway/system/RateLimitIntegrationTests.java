package dev.ferry.gateway.system;

import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.ferry.contracts.id.UserId;
import dev.ferry.infra.test.client.Browser;
import dev.ferry.gateway.GatewayIntegrationTest;
import dev.ferry.gateway.Seed;
import dev.ferry.infra.test.client.SocketClient;
import dev.ferry.infra.test.client.SocketRefusedException;
import dev.ferry.infra.test.FerryInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static dev.ferry.infra.test.client.Browser.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The per-user limit, set tiny here (a burst of 3, one more a second) so the outcome does
 * not depend on how fast the machine sends.
 */
@TestPropertySource(properties = { "ferry.gateway.socket.frames-per-second=1", "ferry.gateway.socket.frame-burst=3",
		"ferry.gateway.socket.max-sockets-per-user=2" })
class RateLimitIntegrationTests extends GatewayIntegrationTest {

	private UserId alice;

	private UserId bob;

	@BeforeEach
	void seed(FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		this.alice = seed.user("Alice");
		this.bob = seed.user("Bob");
	}

	@Test
	void restWritesOverTheLimitAreAnswered429() {
		Browser browser = loggedIn(this.alice);
		String refusedAnyway = "{\"tempId\":\"t-1\",\"receiverId\":\"" + this.bob + "\",\"content\":\"\"}";

		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			statuses.add(browser.write("POST", "/messages/create", refusedAnyway).statusCode());
		}

		assertThat(statuses.subList(0, 3)).containsOnly(400);
		assertThat(statuses).contains(429);
		assertThat(json(browser.write("POST", "/messages/create", refusedAnyway)).path("error").asString())
			.isIn("rate_limited", "content_empty");
	}

	@Test
	void framesOverTheLimitGetRateLimitedAndTheSocketStaysOpen() {
		SocketClient socket = loggedIn(this.alice).openSocket(null);

		for (int i = 0; i < 10; i++) {
			socket.send("{\"type\":\"ping\",\"id\":\"p-" + i + "\"}");
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> socket.received().size() == 10);

		List<JsonNode> frames = socket.received();
		assertThat(frames.subList(0, 3))
			.allSatisfy((frame) -> assertThat(frame.path("type").asString()).isEqualTo("pong"));
		assertThat(frames).filteredOn((frame) -> frame.path("type").asString().equals("error"))
			.isNotEmpty()
			.allSatisfy((frame) -> assertThat(frame.path("code").asString()).isEqualTo("rate_limited"));
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			socket.send("{\"type\":\"ping\"}");
			List<JsonNode> all = socket.received();
			return all.get(all.size() - 1).path("type").asString().equals("pong");
		});
		assertThat(socket.isOpen()).isTrue();
	}

	@Test
	void aRateBucketOutlivesTheSocketsThatUsedIt() {
		Browser browser = loggedIn(this.alice);
		SocketClient first = browser.openSocket(null);
		for (int i = 0; i < 3; i++) {
			first.send("{\"type\":\"ping\"}");
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> first.received().size() == 3);
		first.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> !first.isOpen());

		SocketClient second = browser.openSocket(null);
		for (int i = 0; i < 3; i++) {
			second.send("{\"type\":\"ping\"}");
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> second.received().size() == 3);

		assertThat(first.received()).extracting((frame) -> frame.path("type").asString())
			.containsExactly("pong", "pong", "pong");
		assertThat(second.received()).extracting((frame) -> frame.path("code").asString()).contains("rate_limited");
	}

	@Test
	void restReadsOverTheLimitAreAnswered429() {
		Browser browser = loggedIn(this.alice);

		List<String> answers = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			HttpResponse<String> response = browser.get("/conversations");
			answers.add(response.statusCode()
					+ ((response.statusCode() == 429) ? " " + json(response).path("error").asString() : ""));
		}

		assertThat(answers.subList(0, 3)).containsOnly("200");
		assertThat(answers).contains("429 rate_limited");
	}

	@Test
	void aHandshakeBeyondTheSocketCapIsAnswered429() {
		Browser browser = loggedIn(this.alice);
		browser.openSocket(null);
		browser.openSocket(null);

		assertThatExceptionOfType(SocketRefusedException.class).isThrownBy(() -> browser.openSocket(null))
			.satisfies((refused) -> {
				assertThat(refused.status()).isEqualTo(429);
				assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse()
					.headers()
					.firstValue("Retry-After")).hasValue("5");
			});
		assertThat(loggedIn(this.bob).openSocket(null).isOpen()).isTrue();
	}

}
