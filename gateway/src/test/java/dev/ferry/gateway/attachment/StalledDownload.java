package dev.ferry.gateway.attachment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import dev.ferry.infra.test.client.Browser;

/**
 * A download whose client reads the status line of the answer and nothing more, as a
 * client on a slow link: with a small receive window, the gateway's writes block once the
 * sockets' buffers are full, and the download stays in flight until the client closes.
 */
final class StalledDownload implements AutoCloseable {

	/** The receive buffer asked for: the window the gateway may fill. */
	private static final int RECEIVE_BUFFER = 4096;

	private final Socket socket;

	private final int status;

	private StalledDownload(Socket socket, int status) {
		this.socket = socket;
		this.status = status;
	}

	/**
	 * Sends a {@code GET} of {@code path} with the browser's cookies, and reads the
	 * status.
	 */
	static StalledDownload start(int port, Browser browser, String path) {
		Socket socket = new Socket();
		try {
			socket.setReceiveBufferSize(RECEIVE_BUFFER);
			socket.connect(new InetSocketAddress("localhost", port));
			socket.setSoTimeout(10_000);
			String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nCookie: "
					+ browser.cookieHeader() + "\r\n\r\n";
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			return new StalledDownload(socket, Integer.parseInt(statusLine(socket.getInputStream()).split(" ")[1]));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The status the gateway answered. */
	int status() {
		return this.status;
	}

	/** Ends the download before its end: the gateway's next write fails. */
	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	private static String statusLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int next = in.read(); next != '\n'; next = in.read()) {
			if (next < 0) {
				throw new IOException("The connection closed before the status line ended");
			}
			if (next != '\r') {
				line.write(next);
			}
		}
		return line.toString(StandardCharsets.UTF_8);
	}

}
