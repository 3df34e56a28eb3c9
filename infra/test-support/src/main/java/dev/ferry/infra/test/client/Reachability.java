package dev.ferry.infra.test.client;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;

/**
 * Whether a port of this machine can be reached on a given address: what a process on
 * another host would see of a server bound to loopback only.
 */
public final class Reachability {

	private Reachability() {
	}

	/** An IPv4 address of this machine other than loopback, if it has one. */
	public static Optional<InetAddress> nonLoopbackAddress() {
		try {
			return NetworkInterface.networkInterfaces()
				.filter(Reachability::isUp)
				.flatMap(NetworkInterface::inetAddresses)
				.filter((address) -> address instanceof Inet4Address && !address.isLoopbackAddress())
				.findFirst();
		}
		catch (SocketException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Who can connect to a port of this machine: {@code "loopback only"},
	 * {@code "every address"}, or {@code "nothing"} (and {@code "no other address"} on a
	 * machine with only loopback, where the question has no answer).
	 */
	public static String whoAccepts(int port) {
		Optional<InetAddress> other = nonLoopbackAddress();
		if (other.isEmpty()) {
			return "no other address";
		}
		boolean loopback = accepts("127.0.0.1", port);
		boolean elsewhere = accepts(other.get().getHostAddress(), port);
		if (loopback && elsewhere) {
			return "every address";
		}
		return loopback ? "loopback only" : (elsewhere ? "other addresses only" : "nothing");
	}

	/** Whether a TCP connection to the address and port is accepted. */
	private static boolean accepts(String address, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), 2000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean isUp(NetworkInterface network) {
		try {
			return network.isUp() && !network.isLoopback();
		}
		catch (SocketException ex) {
			return false;
		}
	}

}
