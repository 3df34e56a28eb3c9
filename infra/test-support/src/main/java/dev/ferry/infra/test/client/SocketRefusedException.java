package dev.ferry.infra.test.client;

import java.net.http.WebSocketHandshakeException;

/**
 * The gateway refused a WebSocket handshake.
 */
public class SocketRefusedException extends RuntimeException {

	public SocketRefusedException(Throwable cause) {
		super(cause);
	}

	/** The HTTP status of the refusal. */
	public int status() {
		return (getCause() instanceof WebSocketHandshakeException handshake) ? handshake.getResponse().statusCode()
				: -1;
	}

}
