package dev.ferry.contracts.kafka;

import java.util.function.Predicate;

import dev.ferry.contracts.json.InvalidEnvelopeException;

import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The error handling of every Ferry listener: unreadable records go to the dead-letter
 * topic at once; transient failures are retried without limit with a capped exponential
 * back-off while the partition waits; any other failure of a record is retried a few
 * times, then dead-lettered. Order within a partition is kept in every case.
 */
public final class DeadLetterErrorHandler {

	private DeadLetterErrorHandler() {
	}

	/**
	 * Creates the handler.
	 * @param deadLetters where the records that cannot be processed go
	 * @param retry how often and how long to retry
	 * @param isTransient failures that go away by themselves
	 */
	public static DefaultErrorHandler create(DeadLetters deadLetters, RetryPolicy retry,
			Predicate<Throwable> isTransient) {
		DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters::write,
				new FixedBackOff(retry.initialInterval().toMillis(), retry.otherFailureAttempts() - 1L));
		ExponentialBackOff transientBackOff = new ExponentialBackOff(retry.initialInterval().toMillis(), 2.0);
		transientBackOff.setMaxInterval(retry.maxInterval().toMillis());
		handler.setBackOffFunction((record, failure) -> isTransient.test(failure) ? transientBackOff : null);
		handler.addNotRetryableExceptions(InvalidEnvelopeException.class);
		handler.setCommitRecovered(true);
		return handler;
	}

}
