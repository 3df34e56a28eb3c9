package dev.ferry.contracts.kafka;

import dev.ferry.contracts.json.InvalidEnvelopeException;

/**
 * The reason a record was dead-lettered, in the words of whoever refused it.
 */
public final class DeadLetterReason {

	private DeadLetterReason() {
	}

	public static String of(Throwable failure) {
		Throwable deepest = failure;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidEnvelopeException) {
				return cause.getMessage();
			}
			deepest = cause;
		}
		return deepest.getClass().getSimpleName() + ": " + deepest.getMessage();
	}

}
