package dev.ferry.gateway.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.ferry.infra.test.MovingClock;
import dev.ferry.gateway.system.GatewaySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle's rules without a gateway: 3 attempts per account, 5 per address, 2 tries
 * of new addresses on a locked account, in 15 minutes; at most 100 accounts, addresses
 * and pairs counted.
 */
class LoginThrottleTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final MovingClock clock = new MovingClock(Instant.parse("2026-12-08T10:00:00Z"));

	private final LoginThrottle throttle = new LoginThrottle(new GatewaySettings(null, null, null, 0, null,
			new GatewaySettings.Login(3, 5, Duration.ofMinutes(15), 2, 100), null), this.meters, this.clock);

	@Test
	void anAttemptTakesItsAllowanceBeforeItsPasswordIsChecked() {
		assertThat(this.throttle.attempt("ann@example.com", "10.0.0.1")).isEmpty();
		assertThat(this.throttle.attempt("ANN@example.com", "10.0.0.1")).isEmpty();
		assertThat(this.throttle.attempt("ann@example.com ", "10.0.0.1")).isEmpty();

		assertThat(this.throttle.attempt("ann@example.com", "10.0.0.1")).hasValue(Duration.ofMinutes(5));
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
	void aLockedAccountLetsAnAddressThatHasNotTriedItTryOnce() {
		lockAnnFrom("10.0.0.66");

		assertThat(this.throttle.attempt("ann@example.com", "10.0.0.66")).isPresent();
		assertThat(this.throttle.attempt("ann@example.com", "10.0.0.1")).isEmpty();
		assertThat(this.throttle.attempt("ann@example.com", "10.0.0.1")).isPresent();
	}

	@Test
	void aLockedAccountRefusesEveryAddressOnceItsNewAddressTriesAreUsedUntilItsAllowanceRefills() {
		lockAnnFrom("10.0.0.66");
		List<String> checked = new ArrayList<>();

		for (int address = 1; address <= 10; address++) {
			if (this.throttle.attempt("ann@example.com", "10.0.0." + address).isEmpty()) {
				checked.add("10.0.0." + address);
			}
		}

		assertThat(checked).containsExactly("10.0.0.1", "10.0.0.2");
		assertThat(this.throttle.attempt("ann@example.com", "10.0.0.11")).hasValue(Duration.ofMinutes(5));
		this.clock.pass(Duration.ofMinutes(5));
		assertThat(this.throttle.attempt("ann@example.com", "10.0.0.66")).isEmpty();
		assertThat(this.throttle.attempt("ann@example.com", "10.0.0.12")).isPresent();
	}

	@Test
	void aRightPasswordClearsALockedAccount() {
		lockAnnFrom("10.0.0.66");

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

	@Test
	void theAddressesOfOneIpv6Slash64ShareOneAllowance() {
		List<String> sameSlash64 = List.of("2001:db8:0:1::1", "2001:DB8:0:1:0:0:0:2", "[2001:db8:0:1::3]",
				"2001:db8:0:1::4%eth0", "2001:db8:0:1:ffff:ffff:ffff:fffe");
		for (int guess = 0; guess < 5; guess++) {
			assertThat(this.throttle.attempt("user" + guess + "@example.com", sameSlash64.get(guess))).isEmpty();
		}

		assertThat(this.throttle.attempt("another@example.com", "2001:db8:0:1:ffff:ffff:ffff:ffff")).isPresent();
		assertThat(this.throttle.attempt("another@example.com", "2001:db8:0:2::1")).isEmpty();
	}

	@Test
	void countsAreForgottenOnceTheWindowHasPassed() {
		lockAnnFrom("10.0.0.66");
		assertThat(counted("account")).isEqualTo(1);
		assertThat(counted("address")).isEqualTo(1);
		assertThat(counted("account-address")).isEqualTo(1);

		this.clock.pass(Duration.ofMinutes(15));

		assertThat(counted("account")).isZero();
		assertThat(counted("address")).isZero();
		assertThat(counted("account-address")).isZero();
	}

	@Test
	void countsAreBoundedInNumber() {
		for (int guess = 0; guess < 1000; guess++) {
			this.throttle.attempt("user" + guess + "@example.com", "10.0." + (guess / 250) + "." + (guess % 250));
		}

		assertThat(counted("account")).isLessThanOrEqualTo(100);
		assertThat(counted("address")).isLessThanOrEqualTo(100);
		assertThat(counted("account-address")).isLessThanOrEqualTo(100);
	}

	private void lockAnnFrom(String address) {
		for (int guess = 0; guess < 3; guess++) {
			assertThat(this.throttle.attempt("ann@example.com", address)).isEmpty();
		}
	}

	private double counted(String per) {
		return this.meters.get("ferry.gateway.logins.counted").tag("per", per).gauge().value();
	}

}
