package dev.ferry.contracts.kafka;

/** The topics a service uses are missing or stored less safely than configured. */
public class UnsafeTopicsException extends IllegalStateException {

	public UnsafeTopicsException(String message) {
		super(message);
	}

}
