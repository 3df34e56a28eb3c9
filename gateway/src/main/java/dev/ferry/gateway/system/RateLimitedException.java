package dev.ferry.gateway.system;

import java.time.Duration;

import dev.ferry.contracts.error.ErrorCode;

/**
 * A caller over one of its limits: answered 429 with the limit's code
 * ({@code rate_limited} unless a limit has its own), and {@code Retry-After} saying how
 * long until a retry could pass.
 */
public class RateLimitedException extends RuntimeException {

	private final ErrorCode code;

	private final Duration retryAfter;

	public RateLimitedException(String message, Duration retryAfter) {
		this(ErrorCode.RATE_LIMITED, message, retryAfter);
	}

	public RateLimitedException(ErrorCode code, String message, Duration retryAfter) {
		super(message);
		this.code = code;
		this.retryAfter = retryAfter;
	}

	public ErrorCode code() {
		return this.code;
	}

	/** Whole seconds until a retry could pass, at least one. */
	public long retryAfterSeconds() {
		return seconds(this.retryAfter);
	}

	/**
	 * A wait as {@code Retry-After} says it: in whole seconds, rounded up, at least one.
	 */
	public static long seconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

}
