package dev.ferry.gateway.system;

/**
 * A caller over its rate: answered 429 {@code rate_limited}.
 */
public class RateLimitedException extends RuntimeException {

	public RateLimitedException(String message) {
		super(message);
	}

}
