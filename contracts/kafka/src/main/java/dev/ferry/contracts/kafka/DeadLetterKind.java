package dev.ferry.contracts.kafka;

import dev.ferry.contracts.json.InvalidEnvelopeException;

/**
 * Why, in one word, a record went to a dead-letter topic: the tag of the
 * {@code ferry.dead.letters} counter, where the reason header says it in full.
 */
public enum DeadLetterKind {

	/** Not an envelope this service reads: not JSON, an unknown type, a field missing. */
	UNREADABLE("unreadable"),

	/** Read, but refused: it cannot be applied however often it is tried. */
	UNPROCESSABLE("unprocessable"),

	/** It failed each time it was tried, a few times over. */
	FAILED("failed");

	private final String tag;

	DeadLetterKind(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return this.tag;
	}

	/** The kind of a failure the listener's error handler gave up on. */
	static DeadLetterKind of(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidEnvelopeException) {
				return UNREADABLE;
			}
		}
		return FAILED;
	}

}
