package dev.ferry.gateway.auth;

import java.time.Duration;

import dev.ferry.gateway.system.GatewaySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle's rules without a gateway: 3 attempts per account, 5 per address, in 15
 * minutes.
 */
class LoginThrottleTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final LoginThrottle throttle = new LoginThrottle(new GatewaySettings(null, null, null, 0, null,
			new GatewaySettings.Login(3, 5, Duration.ofMinutes(15)), null), this.meters);

	@Test
	void anAttemptTakesItsAllowanceBeforeItsPasswordIsChecked() {
		assertThat(this.throttle.attempt("ann@example.com", "10.0.0.1")).isEmpty();
		assertThat(this.throttle.attempt("ANN@example.com", "10.0.0.1")).isEmpty();
		assertThat(this.throttle.attempt("ann@example.com ", "10.0.0.1")).isEmpty();

		assertThat(this.throttle.attempt("ann@example.com", "10.0.0.1"))
			.hasValueSatisfying((wait) -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5)));
		assertThat(this.meters.counter("ferry.gateway.logins.refused", "limit", "account").count()).isEqualTo(1);
		assertThat(this.meters.get("ferry.gateway.logins.locked.accounts").gauge().value()).isEqualTo(1);
	}

	@Test
	void aSuccessGivesTheAllowanceBackAndClearsTheAccount() {
		for (int login = 0; login < 10; login++) {
			assertThat(this.throttle.attempt("ann@example.com", "10.0.0.1")).isEmpty();
			this.throttle.succeeded("ann@example.com", "10.0.0.1");
		}
	}

	@Test
	void aLockedAccountLetsEachAddressThatHasNotFailedOnItTryOnce() {
		for (int guess = 0; guess < 3; guess++) {
			this.throttle.attempt("ann@example.com", "10.0.0.66");
		}

		assertThat(this.throttle.attempt("ann@example.com", "10.0.0.66")).isPresent();
		assertThat(this.throttle.attempt("ann@example.com", "10.0.0.1")).isEmpty();
		assertThat(this.throttle.attempt("ann@example.com", "10.0.0.1")).isPresent();
		assertThat(this.throttle.attempt("ann@example.com", "10.0.0.2")).isEmpty();
		this.throttle.succeeded("ann@example.com", "10.0.0.2");
		assertThat(this.throttle.attempt("ann@example.com", "10.0.0.66")).isEmpty();
	}

	@Test
	void anAddressRunsOutAcrossAccounts() {
		for (int guess = 0; guess < 5; guess++) {
			assertThat(this.throttle.attempt("user" + guess + "@example.com", "10.0.0.66")).isEmpty();
		}

		assertThat(this.throttle.attempt("another@example.com", "10.0.0.66")).isPresent();
		assertThat(this.meters.counter("ferry.gateway.logins.refused", "limit", "address").count()).isEqualTo(1);
	}

}
