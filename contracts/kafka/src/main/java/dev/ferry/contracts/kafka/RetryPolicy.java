package dev.ferry.contracts.kafka;

import java.time.Duration;

/**
 * How a listener retries a failed record before giving up on it.
 *
 * @param initialInterval first wait after a failure
 * @param maxInterval longest wait between attempts after transient failures, which are
 * retried without limit
 * @param otherFailureAttempts attempts for any other failure before the dead-letter topic
 */
public record RetryPolicy(Duration initialInterval, Duration maxInterval, int otherFailureAttempts) {
}
