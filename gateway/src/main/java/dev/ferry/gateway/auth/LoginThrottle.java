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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Bounds password guessing (each guess costs the gateway a BCrypt hash) per client
 * address and per account. An attempt takes its allowance before its password is checked,
 * so guesses sent at once cannot all pass the check before any is counted; a successful
 * one gives it back. An account that ran out of allowance is not locked for everyone: a
 * correct password from an address that has not failed on that account still logs in,
 * each such address getting one try, so that strangers' guesses cannot keep its owner
 * out. Counts live on this node and are forgotten once their allowance would be whole
 * again.
 */
@Component
public class LoginThrottle {

	private final Cache<String, Bucket> accounts;

	private final Cache<String, Bucket> addresses;

	/** Per account and address: the attempts of that address on that account. */
	private final Cache<String, Bucket> pairs;

	private final Bandwidth perAccount;

	private final Bandwidth perAddress;

	private final Counter refusedForAccount;

	private final Counter refusedForAddress;

	public LoginThrottle(GatewaySettings settings, MeterRegistry meters) {
		GatewaySettings.Login login = settings.login();
		this.perAccount = allowance(login.failuresPerAccount(), login.failureWindow());
		this.perAddress = allowance(login.failuresPerAddress(), login.failureWindow());
		this.accounts = Caffeine.newBuilder().expireAfterAccess(login.failureWindow()).build();
		this.addresses = Caffeine.newBuilder().expireAfterAccess(login.failureWindow()).build();
		this.pairs = Caffeine.newBuilder().expireAfterAccess(login.failureWindow()).build();
		this.refusedForAccount = refused(meters, "account");
		this.refusedForAddress = refused(meters, "address");
		Gauge.builder("ferry.gateway.logins.locked.accounts", this, LoginThrottle::lockedAccounts)
			.description("Accounts whose failed logins used up their allowance: only addresses that have not failed "
					+ "on them may try")
			.register(meters);
	}

	/**
	 * Takes the allowance of one login attempt (or password check) for this account from
	 * this address, before the password is checked.
	 * @return how long the attempt must wait instead, its password unchecked; empty if it
	 * may go on, in which case {@link #succeeded} gives the allowance back if it was
	 * right
	 */
	public synchronized Optional<Duration> attempt(String email, String address) {
		Bucket byAddress = this.addresses.get(address, (key) -> Bucket.builder().addLimit(this.perAddress).build());
		if (!byAddress.tryConsume(1)) {
			this.refusedForAddress.increment();
			return Optional.of(waitFor(byAddress));
		}
		Bucket byAccount = this.accounts.get(account(email),
				(key) -> Bucket.builder().addLimit(this.perAccount).build());
		Bucket byPair = this.pairs.get(pair(email, address),
				(key) -> Bucket.builder().addLimit(this.perAccount).build());
		boolean pairUnused = byPair.getAvailableTokens() == this.perAccount.getCapacity();
		if (byAccount.tryConsume(1) || pairUnused) {
			byPair.tryConsume(1);
			return Optional.empty();
		}
		byAddress.addTokens(1);
		this.refusedForAccount.increment();
		return Optional.of(waitFor(byAccount));
	}

	/**
	 * An attempt's password was right: its allowance comes back, and the account's count
	 * is cleared.
	 */
	public synchronized void succeeded(String email, String address) {
		Bucket byAddress = this.addresses.getIfPresent(address);
		if (byAddress != null) {
			byAddress.addTokens(1);
		}
		this.accounts.invalidate(account(email));
		this.pairs.invalidate(pair(email, address));
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

	private long lockedAccounts() {
		return this.accounts.asMap().values().stream().filter((bucket) -> bucket.getAvailableTokens() < 1).count();
	}

	private static Duration waitFor(Bucket bucket) {
		return Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
	}

	/** One account however its email is spelled. */
	private static String account(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

	private static String pair(String email, String address) {
		return account(email) + "\n" + address;
	}

	private static Counter refused(MeterRegistry meters, String limit) {
		return Counter.builder("ferry.gateway.logins.refused")
			.description("Logins and password checks refused unchecked for too many failures, by the limit reached")
			.tag("limit", limit)
			.register(meters);
	}

	private static Bandwidth allowance(int failures, Duration window) {
		return Bandwidth.builder().capacity(failures).refillGreedy(failures, window).build();
	}

}
