package dev.ferry.gateway.auth;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.GatewayIntegrationTest;
import dev.ferry.gateway.Seed;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.client.Browser;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static dev.ferry.infra.test.client.Browser.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed logins are throttled per account (2 here) and per client address (6 here); a
 * success clears the account's count. One sequence, because every request of the suite
 * comes from one address: Carol's last login is refused for the address, her account
 * having failed once.
 */
@TestPropertySource(properties = { "ferry.gateway.login.failures-per-account=2",
		"ferry.gateway.login.failures-per-address=6", "ferry.gateway.login.failure-window=15m" })
class LoginThrottleIntegrationTests extends GatewayIntegrationTest {

	@Test
	void failedLoginsAreThrottledPerAccountAndPerAddressAndASuccessClearsTheAccount(
			FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		UserId alice = seed.user("Alice");
		UserId bob = seed.user("Bob");
		UserId carol = seed.user("Carol");
		List<String> answers = new ArrayList<>();

		answers.add(login(alice, "wrong"));
		answers.add(login(alice, "wrong"));
		HttpResponse<String> throttled = new Browser(this.port).login(Seed.emailOf(alice), "test123");
		answers.add(answer(throttled));
		answers.add(login(bob, "wrong"));
		answers.add(login(bob, "test123"));
		answers.add(login(bob, "wrong"));
		answers.add(login(bob, "wrong"));
		answers.add(login(bob, "test123"));
		answers.add(login(carol, "test123"));
		answers.add(login(carol, "wrong"));
		answers.add(login(carol, "test123"));

		assertThat(answers).containsExactly("401 invalid_credentials", "401 invalid_credentials", "429 rate_limited",
				"401 invalid_credentials", "200", "401 invalid_credentials", "401 invalid_credentials",
				"429 rate_limited", "200", "401 invalid_credentials", "429 rate_limited");
		long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 450L);
	}

	private String login(UserId user, String password) {
		return answer(new Browser(this.port).login(Seed.emailOf(user).toUpperCase(), password));
	}

	private static String answer(HttpResponse<String> response) {
		return (response.statusCode() == 200) ? "200"
				: response.statusCode() + " " + json(response).path("error").asString();
	}

}
