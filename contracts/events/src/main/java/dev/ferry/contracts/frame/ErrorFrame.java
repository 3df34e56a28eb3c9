package dev.ferry.contracts.frame;

import dev.ferry.contracts.error.ErrorCode;

/**
 * {@code error}: a frame was refused; the socket stays open.
 *
 * @param code the error code of the protocol
 * @param message a human-readable explanation
 * @param ref the {@code tempId} or {@code id} of the refused command, or {@code null}
 */
public record ErrorFrame(String code, String message, String ref) implements ServerFrame {

	public ErrorFrame(ErrorCode code, String message, String ref) {
		this(code.code(), message, ref);
	}

}
