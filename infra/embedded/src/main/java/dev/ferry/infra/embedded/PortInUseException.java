package dev.ferry.infra.embedded;

/**
 * A server could not start because its port is taken.
 */
public class PortInUseException extends IllegalStateException {

	public PortInUseException(String message) {
		super(message);
	}

}
