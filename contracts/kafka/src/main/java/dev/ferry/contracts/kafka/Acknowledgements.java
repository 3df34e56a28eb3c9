package dev.ferry.contracts.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits until Kafka acknowledged a set of sends, so that a listener commits its input
 * only after its output is durable.
 */
public final class Acknowledgements {

	private Acknowledgements() {
	}

	/**
	 * Waits for every send.
	 * @throws UnacknowledgedSendException if one failed or the time ran out; a transient
	 * failure, the input is consumed again
	 */
	public static void await(List<? extends CompletableFuture<?>> sends, Duration timeout, String what) {
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UnacknowledgedSendException("Interrupted while waiting for " + what, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new UnacknowledgedSendException("Kafka did not acknowledge " + what, ex);
		}
	}

}
