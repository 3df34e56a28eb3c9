package dev.ferry.gateway.system;

import java.time.Duration;

/**
 * A caller over its rate: answered 429 {@code rate_limited}, with {@code Retry-After}
 * saying how long until a retry would pass.
 */
public class RateLimitedException extends RuntimeException {

	private final Duration retryAfter;

	public RateLimitedException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	/** Whole seconds until a retry would pass, at least one. */
	public long retryAfterSeconds() {
		return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
	}

}
