package dev.ferry.infra.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Checks and finds TCP ports on the loopback address.
 */
public final class Ports {

	/** Lowest port handed out: above the well-known ports and most registered ones. */
	static final int LOWEST = 10_000;

	private static final int LINUX_DEFAULT_EPHEMERAL_START = 32_768;

	private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

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

	/**
	 * A port that was free a moment ago and that no other call in this JVM has handed
	 * out. It lies below the kernel's range for outgoing connections: a port from that
	 * range (what binding port 0 gives) can be taken by any client's connection before
	 * the server binds it, as a Kafka node of a test cluster once found.
	 */
	public static int findFree() {
		int highest = Math.max(ephemeralStart() - 1, LOWEST + 1000);
		for (int attempt = 0; attempt < 1000; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
			if (isFree(port) && HANDED_OUT.add(port)) {
				return port;
			}
		}
		throw new IllegalStateException(
				"No free TCP port between " + LOWEST + " and " + highest + " on the loopback address");
	}

	/** The first port the kernel gives outgoing connections. */
	static int ephemeralStart() {
		try {
			// Not readString, which returns only the first byte of a /proc file on JDK
			// 17.
			return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux: Linux's default, below the IANA range (from 49152) other systems
			// use.
			return LINUX_DEFAULT_EPHEMERAL_START;
		}
	}

}
