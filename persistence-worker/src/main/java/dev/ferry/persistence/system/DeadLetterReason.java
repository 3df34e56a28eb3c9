package dev.ferry.persistence.system;

import dev.ferry.contracts.json.InvalidEnvelopeException;

/**
 * The reason a record was dead-lettered, in the words of whoever refused it.
 */
final class DeadLetterReason {

	private DeadLetterReason() {
	}

	static String of(Throwable failure) {
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
