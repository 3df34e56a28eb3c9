package dev.ferry.gateway.system;

import dev.ferry.contracts.error.ErrorCode;

import java.util.concurrent.CompletionException;

import org.springframework.http.HttpStatus;

/**
 * A command refused before it reached Kafka, with the protocol's error code; REST answers
 * with its HTTP status, the socket with an {@code error} frame.
 */
public class ChatException extends RuntimeException {

	private final ErrorCode code;

	private final HttpStatus status;

	public ChatException(ErrorCode code, HttpStatus status, String message) {
		super(message);
		this.code = code;
		this.status = status;
	}

	public ErrorCode code() {
		return this.code;
	}

	public HttpStatus status() {
		return this.status;
	}

	public static ChatException invalidField(String message) {
		return new ChatException(ErrorCode.INVALID_FIELD, HttpStatus.BAD_REQUEST, message);
	}

	/**
	 * What a client is told about a command that failed after it was checked: the refusal
	 * itself, or {@code unavailable} if Kafka did not take it.
	 */
	public static ChatException refusalOf(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		return (cause instanceof ChatException refused) ? refused : unavailable();
	}

	public static ChatException unavailable() {
		return new ChatException(ErrorCode.UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
				"The command was not accepted; nothing was stored. Retry.");
	}

	public static ChatException notFound() {
		return new ChatException(ErrorCode.NOT_FOUND, HttpStatus.NOT_FOUND, "No such message");
	}

}
