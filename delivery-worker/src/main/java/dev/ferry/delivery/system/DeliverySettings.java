package dev.ferry.delivery.system;

import java.time.Duration;

import dev.ferry.contracts.kafka.RetryPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the delivery worker; defaults are documented in {@code application.yaml}.
 *
 * @param offlineDelay how long a user whose last socket closed must stay away before
 * contacts are told
 * @param presenceSweepInterval how often presence is checked for expired heartbeats and
 * due offline announcements
 * @param publishTimeout how long a poll's pushes may take to be acknowledged
 * @param initialRetryInterval first wait after a failure
 * @param maxRetryInterval longest wait between attempts after transient failures
 * @param otherFailureAttempts attempts for any other failure before the dead-letter topic
 */
@ConfigurationProperties("ferry.delivery")
public record DeliverySettings(Duration offlineDelay, Duration presenceSweepInterval, Duration publishTimeout,
		Duration initialRetryInterval, Duration maxRetryInterval, int otherFailureAttempts) {

	public RetryPolicy retryPolicy() {
		return new RetryPolicy(this.initialRetryInterval, this.maxRetryInterval, this.otherFailureAttempts);
	}

}
