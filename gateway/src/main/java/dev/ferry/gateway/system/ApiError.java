package dev.ferry.gateway.system;

import dev.ferry.contracts.error.ErrorCode;

/**
 * The error body of every REST answer that is not a success: {@code {"error": CODE,
 * "message": TEXT}} with a code of the client protocol.
 *
 * @param error the protocol's error code
 * @param message a human-readable explanation
 */
public record ApiError(String error, String message) {

	public ApiError(ErrorCode error, String message) {
		this(error.code(), message);
	}

}
