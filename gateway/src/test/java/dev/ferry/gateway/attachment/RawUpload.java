package dev.ferry.gateway.attachment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.ferry.infra.test.client.Browser;

/**
 * An upload written by hand on a socket with a browser's cookies and CSRF header, so that
 * a test chooses when each byte of its body is sent: the head and part of the body now,
 * the rest later, slowly, or never. The answer is read as soon as the gateway sends it,
 * body sent or not.
 */
final class RawUpload implements AutoCloseable {

	private final Socket socket;

	private final CompletableFuture<Answer> answer = new CompletableFuture<>();

	private RawUpload(Socket socket) {
		this.socket = socket;
		Thread reader = new Thread(this::readAnswer, "raw-upload-answer");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Sends a {@code POST} of {@code path} declaring {@code contentLength} bytes of body
	 * (none declared, and so chunked, if negative), and the body's first bytes.
	 */
	static RawUpload start(int port, Browser browser, String path, String contentType, long contentLength,
			byte[] firstBytes) {
		return start(port, browser.cookieHeader(), "X-XSRF-TOKEN: " + browser.xsrfCookie() + "\r\n", path, contentType,
				contentLength, firstBytes);
	}

	/** As {@link #start}, with the browser's cookies but not its CSRF header. */
	static RawUpload startWithoutCsrf(int port, Browser browser, String path, String contentType, long contentLength,
			byte[] firstBytes) {
		return start(port, browser.cookieHeader(), "", path, contentType, contentLength, firstBytes);
	}

	private static RawUpload start(int port, String cookies, String csrfHeader, String path, String contentType,
			long contentLength, byte[] firstBytes) {
		try {
			RawUpload upload = new RawUpload(new Socket("localhost", port));
			String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nCookie: " + cookies + "\r\n"
					+ csrfHeader + "Content-Type: " + contentType + "\r\n"
					+ ((contentLength >= 0) ? "Content-Length: " + contentLength : "Transfer-Encoding: chunked")
					+ "\r\n\r\n";
			upload.send(head.getBytes(StandardCharsets.UTF_8));
			upload.send(firstBytes);
			return upload;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Sends more of the body. */
	void send(byte[] bytes) {
		try {
			this.socket.getOutputStream().write(bytes);
			this.socket.getOutputStream().flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The answer, once the gateway has sent it. */
	CompletableFuture<Answer> answer() {
		return this.answer;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	private void readAnswer() {
		try {
			InputStream in = this.socket.getInputStream();
			String statusLine = line(in);
			Map<String, String> headers = new HashMap<>();
			for (String header = line(in); !header.isEmpty(); header = line(in)) {
				int colon = header.indexOf(':');
				headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
						header.substring(colon + 1).trim());
			}
			String body = new String(body(in, headers), StandardCharsets.UTF_8);
			this.answer.complete(new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, body));
		}
		catch (IOException | RuntimeException ex) {
			this.answer.completeExceptionally(ex);
		}
	}

	private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
		if (headers.containsKey("content-length")) {
			return in.readNBytes(Integer.parseInt(headers.get("content-length")));
		}
		if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			// Neither: the body ends where the connection does.
			return in.readAllBytes();
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
			body.write(in.readNBytes(size));
			line(in);
		}
		return body.toByteArray();
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int next = in.read(); next != '\n'; next = in.read()) {
			if (next < 0) {
				throw new IOException("The connection closed before the answer's head ended");
			}
			if (next != '\r') {
				line.write(next);
			}
		}
		return line.toString(StandardCharsets.UTF_8);
	}

	/**
	 * An answer.
	 *
	 * @param status its status code
	 * @param headers its headers, by lower-case name
	 * @param body its body
	 */
	record Answer(int status, Map<String, String> headers, String body) {
	}

}
