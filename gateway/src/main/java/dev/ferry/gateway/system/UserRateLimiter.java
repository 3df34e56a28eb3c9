package dev.ferry.gateway.system;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ferry.contracts.id.UserId;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.springframework.stereotype.Component;

/**
 * Requests per user on this node, socket frames and REST writes alike: a token bucket
 * refilled at the sustained rate, holding the allowed burst.
 */
@Component
public class UserRateLimiter {

	private final Map<UserId, Bucket> buckets = new ConcurrentHashMap<>();

	private final Bandwidth limit;

	UserRateLimiter(GatewaySettings settings) {
		this.limit = Bandwidth.builder()
			.capacity(settings.socket().frameBurst())
			.refillGreedy(settings.socket().framesPerSecond(), Duration.ofSeconds(1))
			.build();
	}

	public boolean tryAcquire(UserId user) {
		return this.buckets.computeIfAbsent(user, (key) -> Bucket.builder().addLimit(this.limit).build()).tryConsume(1);
	}

	/** Forgets a user whose last socket here closed. */
	public void forget(UserId user) {
		this.buckets.remove(user);
	}

}
