package dev.ferry.gateway.system;

import java.net.http.HttpResponse;

import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.GatewayIntegrationTest;
import dev.ferry.gateway.Seed;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.client.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.ferry.infra.test.client.Browser.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies over 64 KiB are refused before anything parses them, on every path.
 */
class BodySizeLimitIntegrationTests extends GatewayIntegrationTest {

	private UserId alice;

	private UserId bob;

	@BeforeEach
	void seed(FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		this.alice = seed.user("Alice");
		this.bob = seed.user("Bob");
	}

	@Test
	void aBodyOverTheLimitIsRefusedOnEveryPathLoginIncluded() {
		Browser stranger = new Browser(this.port);
		stranger.get("/auth/csrf");
		Browser browser = loggedIn(this.alice);
		String large = send("x".repeat(70_000));

		assertThat(answer(stranger.write("POST", "/auth/login",
				"{\"email\":\"" + "a".repeat(70_000) + "\",\"password\":\"test123\"}")))
			.isEqualTo("413 frame_too_large The request body is larger than 65536 bytes");
		assertThat(answer(stranger.writeWithoutCsrf("POST", "/auth/login", large)))
			.isEqualTo("413 frame_too_large The request body is larger than 65536 bytes");
		assertThat(answer(browser.write("POST", "/messages/create", large)))
			.isEqualTo("413 frame_too_large The request body is larger than 65536 bytes");
		assertThat(answer(browser.writeChunked("POST", "/messages/create", large)))
			.isEqualTo("413 frame_too_large The request body is larger than 65536 bytes");
	}

	@Test
	void aChunkedBodyWithinTheLimitIsRead() {
		Browser browser = loggedIn(this.alice);

		HttpResponse<String> response = browser.writeChunked("POST", "/messages/create", send("y".repeat(4000)));

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(json(response).path("tempId").asString()).isEqualTo("t-1");
	}

	private String send(String content) {
		return "{\"tempId\":\"t-1\",\"receiverId\":\"" + this.bob + "\",\"content\":\"" + content + "\"}";
	}

	private static String answer(HttpResponse<String> response) {
		return response.statusCode() + " " + json(response).path("error").asString() + " "
				+ json(response).path("message").asString();
	}

}
