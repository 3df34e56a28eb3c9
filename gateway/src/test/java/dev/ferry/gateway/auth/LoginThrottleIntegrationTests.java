package dev.ferry.gateway.auth;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.GatewayIntegrationTest;
import dev.ferry.gateway.Seed;
import dev.ferry.infra.test.AtOnce;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.client.Browser;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static dev.ferry.infra.test.client.Browser.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed logins are throttled per account (2 here, and 3 tries of new addresses past
 * them) and per client address (6 here; an IPv6 address per /64); a success clears the
 * account's count. The gateway trusts {@code X-Forwarded-For} here, as behind a proxy, so
 * that each test acts from addresses of its own.
 */
@TestPropertySource(properties = { "ferry.gateway.login.failures-per-account=2",
		"ferry.gateway.login.failures-per-address=6", "ferry.gateway.login.new-address-tries-per-account=3",
		"ferry.gateway.login.failure-window=15m", "server.forward-headers-strategy=native" })
class LoginThrottleIntegrationTests extends GatewayIntegrationTest {

	@Autowired
	private MeterRegistry meters;

	/**
	 * One sequence from one address: Carol's last login is refused for the address, her
	 * account having failed once.
	 */
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

	/**
	 * Sixty guesses sent at once from one address: only the account's allowance of them
	 * has its password checked, the rest are refused unchecked.
	 */
	@Test
	void guessesSentAtOnceGetNoMorePasswordChecksThanTheAllowance(FerryInfrastructure infrastructure) throws Exception {
		UserId dora = new Seed(infrastructure.dataSource()).user("Dora");
		List<Browser> browsers = new ArrayList<>();
		for (int guess = 0; guess < 60; guess++) {
			Browser browser = new Browser(this.port, "10.1.0.66");
			browser.get("/auth/csrf");
			browsers.add(browser);
		}

		List<Callable<String>> guesses = new ArrayList<>();
		for (Browser browser : browsers) {
			guesses.add(() -> answer(browser.write("POST", "/auth/login",
					"{\"email\":\"" + Seed.emailOf(dora) + "\",\"password\":\"wrong\"}")));
		}

		List<String> answers = AtOnce.run(guesses);

		assertThat(answers).filteredOn("401 invalid_credentials"::equals).hasSize(2);
		assertThat(answers).filteredOn("429 rate_limited"::equals).hasSize(58);
	}

	/**
	 * Strangers' guesses lock Erin's account for them, not for her: her right password
	 * from an address that has not failed on her account logs in, and changes her
	 * password. Operators see the lock-out.
	 */
	@Test
	void aRightPasswordFromAnAddressThatHasNotFailedIsNotRefusedWhileTheAccountIsLocked(
			FerryInfrastructure infrastructure) {
		UserId erin = new Seed(infrastructure.dataSource()).user("Erin");
		String email = Seed.emailOf(erin);
		Browser stranger = new Browser(this.port, "10.2.0.66");
		double refusedBefore = this.meters.counter("ferry.gateway.logins.refused", "limit", "account").count();

		List<String> answers = new ArrayList<>();
		answers.add(answer(stranger.login(email, "guess 1")));
		answers.add(answer(stranger.login(email, "guess 2")));
		answers.add(answer(stranger.login(email, "test123")));
		Browser erinsBrowser = new Browser(this.port, "10.2.0.1");
		answers.add(answer(erinsBrowser.login(email, "test123")));
		answers.add(answer(erinsBrowser.write("PUT", "/auth/password",
				"{\"current\":\"test123\",\"new\":\"correct horse battery\"}")));

		assertThat(answers).containsExactly("401 invalid_credentials", "401 invalid_credentials", "429 rate_limited",
				"200", "204");
		assertThat(this.meters.counter("ferry.gateway.logins.refused", "limit", "account").count() - refusedBefore)
			.isEqualTo(1);
	}

	/**
	 * Thirty addresses each guess Frank's password twice, all at once: the account's
	 * allowance and its three tries of new addresses are checked, nothing more; then the
	 * account refuses everyone, Frank's right password from a new address and his wrong
	 * current password on {@code PUT /auth/password} included.
	 */
	@Test
	void manyAddressesGetNoMorePasswordChecksOnOneAccountThanItsCap(FerryInfrastructure infrastructure)
			throws Exception {
		UserId frank = new Seed(infrastructure.dataSource()).user("Frank");
		String email = Seed.emailOf(frank);
		Browser franksBrowser = new Browser(this.port, "10.3.1.1");
		assertThat(answer(franksBrowser.login(email, "test123"))).isEqualTo("200");
		List<Browser> guessers = new ArrayList<>();
		for (int address = 1; address <= 30; address++) {
			for (int guess = 0; guess < 2; guess++) {
				Browser guesser = new Browser(this.port, "10.3.0." + address);
				guesser.get("/auth/csrf");
				guessers.add(guesser);
			}
		}

		List<Callable<String>> guesses = new ArrayList<>();
		for (Browser guesser : guessers) {
			guesses.add(() -> answer(
					guesser.write("POST", "/auth/login", "{\"email\":\"" + email + "\",\"password\":\"wrong\"}")));
		}
		List<String> answers = AtOnce.run(guesses);

		assertThat(answers).filteredOn("401 invalid_credentials"::equals).hasSize(5);
		assertThat(answers).filteredOn("429 rate_limited"::equals).hasSize(55);
		assertThat(answer(new Browser(this.port, "10.3.2.1").login(email, "test123"))).isEqualTo("429 rate_limited");
		assertThat(answer(franksBrowser.write("PUT", "/auth/password",
				"{\"current\":\"wrong\",\"new\":\"correct horse battery\"}")))
			.isEqualTo("429 rate_limited");
	}

	/**
	 * Seven addresses of one IPv6 /64 share one address's allowance of six, whatever
	 * accounts they guess at; another /64 has its own.
	 */
	@Test
	void theAddressesOfOneIpv6Slash64ShareOneAllowance() {
		List<String> answers = new ArrayList<>();
		for (int address = 1; address <= 7; address++) {
			answers.add(answer(new Browser(this.port, "2001:db8:37:6::" + address)
				.login("nobody-" + address + "@example.com", "wrong")));
		}
		answers.add(answer(new Browser(this.port, "2001:db8:37:7::1").login("nobody-8@example.com", "wrong")));

		assertThat(answers).containsExactly("401 invalid_credentials", "401 invalid_credentials",
				"401 invalid_credentials", "401 invalid_credentials", "401 invalid_credentials",
				"401 invalid_credentials", "429 rate_limited", "401 invalid_credentials");
	}

	private String login(UserId user, String password) {
		return answer(new Browser(this.port).login(Seed.emailOf(user).toUpperCase(), password));
	}

	private static String answer(HttpResponse<String> response) {
		return (response.statusCode() == 200 || response.statusCode() == 204) ? String.valueOf(response.statusCode())
				: response.statusCode() + " " + json(response).path("error").asString();
	}

}
