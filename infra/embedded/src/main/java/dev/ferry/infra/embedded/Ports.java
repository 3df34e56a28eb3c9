package dev.ferry.infra.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks and finds TCP ports on the loopback address.
 */
public final class Ports {

	private Ports() {
	}

	/**
	 * Fails fast with a clear message when another process holds {@code port}, instead of
	 * a server that hangs or half-starts.
	 */
	public static void requireFree(String what, int port) {
		if (!isFree(port)) {
			throw new PortInUseException(what + " cannot start: port " + port
					+ " on 127.0.0.1 is already in use (another Ferry stack or server running?). "
					+ "Stop it, or choose another port.");
		}
	}

	public static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			// As servers bind: connections of a stopped server in TIME_WAIT do not count,
			// a listener does.
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** A port that was free a moment ago. */
	public static int findFree() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free TCP port on the loopback address", ex);
		}
	}

}
