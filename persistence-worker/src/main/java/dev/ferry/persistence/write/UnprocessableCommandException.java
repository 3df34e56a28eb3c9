package dev.ferry.persistence.write;

/**
 * A readable command the worker refuses to apply (its reason goes to the dead-letter
 * topic's headers).
 */
class UnprocessableCommandException extends RuntimeException {

	UnprocessableCommandException(String reason) {
		super(reason);
	}

}
