package dev.ferry.gateway.system;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ferry.contracts.id.UserId;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.springframework.stereotype.Component;

/**
 * Requests per user on this node, socket frames and REST calls alike: a token bucket
 * refilled at the sustained rate, holding the allowed burst. Shared by all of a user's
 * sockets and requests, and kept after the last socket closes for as long as a refill to
 * the full burst takes: closing and reopening a socket gives no fresh burst, and a bucket
 * that was forgotten would have been full again anyway.
 */
@Component
public class UserRateLimiter {

	/** How long one more request waits at most: a token comes back well within it. */
	private static final Duration ONE_TOKEN = Duration.ofSeconds(1);

	private final Cache<UserId, Bucket> buckets;

	private final Bandwidth limit;

	UserRateLimiter(GatewaySettings settings) {
		int burst = settings.socket().frameBurst();
		int perSecond = settings.socket().framesPerSecond();
		this.limit = Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build();
		this.buckets = Caffeine.newBuilder()
			.expireAfterAccess(Duration.ofSeconds(1 + (burst + perSecond - 1) / perSecond))
			.build();
	}

	public boolean tryAcquire(UserId user) {
		return this.buckets.get(user, (key) -> Bucket.builder().addLimit(this.limit).build()).tryConsume(1);
	}

	/**
	 * Takes a token for a REST call.
	 * @throws RateLimitedException if the user is over the rate
	 */
	public void acquire(UserId user) {
		if (!tryAcquire(user)) {
			throw new RateLimitedException("Too many requests; slow down", ONE_TOKEN);
		}
	}

}
