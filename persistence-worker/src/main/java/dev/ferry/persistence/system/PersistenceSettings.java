package dev.ferry.persistence.system;

import java.nio.file.Path;
import java.time.Duration;

import dev.ferry.contracts.kafka.RetryPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the persistence worker; defaults are documented in
 * {@code application.yaml}.
 *
 * @param initialRetryInterval first wait after a transient failure
 * @param maxRetryInterval longest wait between attempts after transient failures
 * @param otherFailureAttempts attempts for any other failure before the dead-letter topic
 * @param crashAfterCommitFile for fault tests only: when this file appears, the worker
 * dies between its next commit and that commit's publish; unset in production
 * @param maxGroupMembers the most members a group has, its creator included
 */
@ConfigurationProperties("ferry.persistence")
public record PersistenceSettings(Duration initialRetryInterval, Duration maxRetryInterval, int otherFailureAttempts,
		Path crashAfterCommitFile, int maxGroupMembers) {

	public RetryPolicy retryPolicy() {
		return new RetryPolicy(this.initialRetryInterval, this.maxRetryInterval, this.otherFailureAttempts);
	}

}
