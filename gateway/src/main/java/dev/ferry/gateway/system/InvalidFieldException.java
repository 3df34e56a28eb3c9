package dev.ferry.gateway.system;

/**
 * A field of a request is missing or of the wrong form; the message names it.
 */
public class InvalidFieldException extends RuntimeException {

	public InvalidFieldException(String message) {
		super(message);
	}

}
