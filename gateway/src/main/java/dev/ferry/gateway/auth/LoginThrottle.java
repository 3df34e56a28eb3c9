package dev.ferry.gateway.auth;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.gateway.system.ApiError;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ferry.gateway.system.GatewaySettings;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per account and per client address, so that guessing passwords
 * (each guess costs the gateway a BCrypt hash) stops at the allowance: past it, a login
 * waits without its password being checked. Counts live on this node and are forgotten
 * once their allowance would be whole again.
 */
@Component
public class LoginThrottle {

	private final Cache<String, Bucket> accounts;

	private final Cache<String, Bucket> addresses;

	private final Bandwidth perAccount;

	private final Bandwidth perAddress;

	LoginThrottle(GatewaySettings settings) {
		GatewaySettings.Login login = settings.login();
		this.perAccount = allowance(login.failuresPerAccount(), login.failureWindow());
		this.perAddress = allowance(login.failuresPerAddress(), login.failureWindow());
		this.accounts = Caffeine.newBuilder().expireAfterAccess(login.failureWindow()).build();
		this.addresses = Caffeine.newBuilder().expireAfterAccess(login.failureWindow()).build();
	}

	/** How long a login for this account from this address must wait; empty if none. */
	public Optional<Duration> waitFor(String email, String address) {
		long nanos = Math.max(waitNanos(this.accounts.getIfPresent(account(email))),
				waitNanos(this.addresses.getIfPresent(address)));
		return (nanos > 0) ? Optional.of(Duration.ofNanos(nanos)) : Optional.empty();
	}

	/**
	 * The answer to a call refused because of too many failures: 429 {@code rate_limited}
	 * with {@code Retry-After} in whole seconds.
	 */
	public static ResponseEntity<ApiError> refusal(Duration wait, String what) {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(new ApiError(ErrorCode.RATE_LIMITED, what + "; retry in " + seconds + " s"));
	}

	public void failed(String email, String address) {
		this.accounts.get(account(email), (key) -> Bucket.builder().addLimit(this.perAccount).build()).tryConsume(1);
		this.addresses.get(address, (key) -> Bucket.builder().addLimit(this.perAddress).build()).tryConsume(1);
	}

	public void succeeded(String email) {
		this.accounts.invalidate(account(email));
	}

	private static long waitNanos(Bucket bucket) {
		return (bucket != null) ? bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill() : 0;
	}

	/** One account however its email is spelled. */
	private static String account(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

	private static Bandwidth allowance(int failures, Duration window) {
		return Bandwidth.builder().capacity(failures).refillGreedy(failures, window).build();
	}

}
