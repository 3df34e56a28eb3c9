package dev.ferry.gateway;

import java.net.http.WebSocketHandshakeException;

/**
 * The gateway refused a WebSocket handshake.
 */
public class SocketRefusedException extends RuntimeException {

	SocketRefusedException(Throwable cause) {
		super(cause);
	}

	/** The HTTP status of the refusal. */
	public int status() {
		return (getCause() instanceof WebSocketHandshakeException handshake) ? handshake.getResponse().statusCode()
				: -1;
	}

}
