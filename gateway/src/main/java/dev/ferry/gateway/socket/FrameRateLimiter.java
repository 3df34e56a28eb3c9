package dev.ferry.gateway.socket;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.system.GatewaySettings;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.springframework.stereotype.Component;

/**
 * Frames per user, over all their sockets on this node: a token bucket refilled at the
 * sustained rate, holding the allowed burst.
 */
@Component
class FrameRateLimiter {

	private final Map<UserId, Bucket> buckets = new ConcurrentHashMap<>();

	private final Bandwidth limit;

	FrameRateLimiter(GatewaySettings settings) {
		this.limit = Bandwidth.builder()
			.capacity(settings.socket().frameBurst())
			.refillGreedy(settings.socket().framesPerSecond(), Duration.ofSeconds(1))
			.build();
	}

	boolean tryAcquire(UserId user) {
		return this.buckets.computeIfAbsent(user, (key) -> Bucket.builder().addLimit(this.limit).build()).tryConsume(1);
	}

	/** Forgets a user whose last socket here closed. */
	void forget(UserId user) {
		this.buckets.remove(user);
	}

}
