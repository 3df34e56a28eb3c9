package dev.ferry.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.ferry.gateway.system.GatewaySettings;
import dev.ferry.gateway.system.RateLimitedException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Bounds password guessing (each guess costs the gateway a BCrypt hash) per client
 * address (an IPv6 address with its /64, see {@link AddressBlock}) and per account,
 * whatever addresses its guesses come from. An attempt takes its allowance before its
 * password is checked, so guesses sent at once cannot all pass the check before any is
 * counted; a successful one gives it back and clears the account's count. An account that
 * ran out of allowance is not locked at once for everyone: an address that has not failed
 * on it within the window still gets one try, so that strangers' guesses cannot keep its
 * owner out; but only a few such tries per account per window, or every address a guesser
 * holds would be one more guess. Counts live on this node, in caches bounded in number
 * and forgotten once their allowance would be whole again.
 */
@Component
public class LoginThrottle {

	private final Cache<String, AccountCount> accounts;

	private final Cache<String, Bucket> addresses;

	/**
	 * The addresses that have failed on each account within the window (an attempt counts
	 * as failed until it succeeds).
	 */
	private final Cache<AccountAddress, Boolean> failed;

	private final Bandwidth perAccount;

	private final Bandwidth newAddressesPerAccount;

	private final Bandwidth perAddress;

	private final ClockTime time;

	private final Counter refusedForAccount;

	private final Counter refusedForAddress;

	public LoginThrottle(GatewaySettings settings, MeterRegistry meters, Clock clock) {
		GatewaySettings.Login login = settings.login();
		this.perAccount = allowance(login.failuresPerAccount(), login.failureWindow());
		this.newAddressesPerAccount = allowance(login.newAddressTriesPerAccount(), login.failureWindow());
		this.perAddress = allowance(login.failuresPerAddress(), login.failureWindow());
		this.time = new ClockTime(clock);
		this.accounts = counts(login, this.time);
		this.addresses = counts(login, this.time);
		this.failed = counts(login, this.time);
		this.refusedForAccount = refused(meters, "account");
		this.refusedForAddress = refused(meters, "address");
		Gauge.builder("ferry.gateway.logins.locked.accounts", this, LoginThrottle::lockedAccounts)
			.description("Accounts whose failed logins used up their allowance: only addresses that have not failed "
					+ "on them may try, while the accounts' tries of new addresses last")
			.register(meters);
		counted(meters, "account", this.accounts);
		counted(meters, "address", this.addresses);
		counted(meters, "account-address", this.failed);
	}

	/**
	 * Takes the allowance of one login attempt (or password check) for this account from
	 * this address, before the password is checked.
	 * @return how long the attempt must wait instead, its password unchecked; empty if it
	 * may go on, in which case {@link #succeeded} gives the allowance back if it was
	 * right
	 */
	public synchronized Optional<Duration> attempt(String email, String address) {
		String block = AddressBlock.of(address);
		Bucket byAddress = this.addresses.get(block, (key) -> bucket(this.perAddress));
		if (!byAddress.tryConsume(1)) {
			this.refusedForAddress.increment();
			return Optional.of(waitFor(byAddress));
		}
		AccountCount account = this.accounts.get(account(email),
				(key) -> new AccountCount(bucket(this.perAccount), bucket(this.newAddressesPerAccount)));
		AccountAddress pair = new AccountAddress(account(email), block);
		boolean newAddress = this.failed.getIfPresent(pair) == null;
		if (account.failures().tryConsume(1) || (newAddress && account.newAddressTries().tryConsume(1))) {
			this.failed.put(pair, Boolean.TRUE);
			return Optional.empty();
		}
		byAddress.addTokens(1);
		this.refusedForAccount.increment();
		return Optional.of(waitFor(account.failures()));
	}

	/**
	 * An attempt's password was right: its allowance comes back, and the account's count
	 * is cleared.
	 */
	public synchronized void succeeded(String email, String address) {
		String block = AddressBlock.of(address);
		Bucket byAddress = this.addresses.getIfPresent(block);
		if (byAddress != null) {
			byAddress.addTokens(1);
		}
		this.accounts.invalidate(account(email));
		this.failed.invalidate(new AccountAddress(account(email), block));
	}

	/**
	 * The refusal of a call for too many failures, answered as every limit's: 429
	 * {@code rate_limited} with {@code Retry-After}.
	 */
	public static RateLimitedException refusal(Duration wait, String what) {
		return new RateLimitedException(what + "; retry in " + RateLimitedException.seconds(wait) + " s", wait);
	}

	private long lockedAccounts() {
		return this.accounts.asMap()
			.values()
			.stream()
			.filter((account) -> account.failures().getAvailableTokens() < 1)
			.count();
	}

	private Bucket bucket(Bandwidth allowance) {
		return Bucket.builder().addLimit(allowance).withCustomTimePrecision(this.time).build();
	}

	private static Duration waitFor(Bucket bucket) {
		return Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
	}

	/** One account however its email is spelled. */
	private static String account(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

	/**
	 * A cache of counts: an entry unused for a window would be whole again, so it is
	 * dropped; past the bound the least used go first, so a flood of names used once does
	 * not push out the count of an account under attack. Upkeep runs on the caller's
	 * thread, within the throttle's lock.
	 */
	private static <K, V> Cache<K, V> counts(GatewaySettings.Login login, Ticker time) {
		return Caffeine.newBuilder()
			.maximumSize(login.maxCounted())
			.expireAfterAccess(login.failureWindow())
			.ticker(time)
			.executor(Runnable::run)
			.build();
	}

	private static Counter refused(MeterRegistry meters, String limit) {
		return Counter.builder("ferry.gateway.logins.refused")
			.description("Logins and password checks refused unchecked for too many failures, by the limit reached")
			.tag("limit", limit)
			.register(meters);
	}

	private static void counted(MeterRegistry meters, String per, Cache<?, ?> counts) {
		Gauge.builder("ferry.gateway.logins.counted", counts, (cache) -> {
			cache.cleanUp();
			return cache.estimatedSize();
		})
			.description("Login counts this node holds (at most ferry.gateway.login.max-counted of each)")
			.tag("per", per)
			.register(meters);
	}

	private static Bandwidth allowance(int attempts, Duration window) {
		return Bandwidth.builder().capacity(attempts).refillGreedy(attempts, window).build();
	}

	/**
	 * What one account has left within the window.
	 *
	 * @param failures its allowance, from any addresses
	 * @param newAddressTries its tries of addresses that have not failed on it, once the
	 * allowance is used up
	 */
	private record AccountCount(Bucket failures, Bucket newAddressTries) {
	}

	/**
	 * One account and one client address block.
	 *
	 * @param account the account's email, as counted
	 * @param block the address block, see {@link AddressBlock}
	 */
	private record AccountAddress(String account, String block) {
	}

	/** The service's clock as the buckets and the caches read time. */
	private record ClockTime(Clock clock) implements TimeMeter, Ticker {

		@Override
		public long currentTimeNanos() {
			return read();
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

		@Override
		public long read() {
			Instant now = this.clock.instant();
			return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
		}

	}

}
