package dev.ferry.infra.test.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client as a browser is one: a cookie jar, and the XSRF-TOKEN cookie echoed in the
 * X-XSRF-TOKEN header of every write.
 */
public final class Browser {

	private final CookieManager cookies = new CookieManager();

	private final HttpClient client = HttpClient.newBuilder().cookieHandler(this.cookies).build();

	private final int port;

	private final String address;

	/** Headers sent on every later request and socket handshake, by name. */
	private final Map<String, String> headers = new LinkedHashMap<>();

	public Browser(int port) {
		this(port, null);
	}

	/**
	 * A browser at a client address of its own, as a proxy in front of the gateway names
	 * it in {@code X-Forwarded-For} (the gateway must trust the header:
	 * {@code server.forward-headers-strategy=native}).
	 */
	public Browser(int port, String address) {
		this.port = port;
		this.address = address;
	}

	/**
	 * Sends a header on every later request and socket handshake, as a client with
	 * instrumentation of its own does (e.g. {@code traceparent}).
	 */
	public Browser sending(String name, String value) {
		this.headers.put(name, value);
		return this;
	}

	/** Fetches a CSRF token and logs in. */
	public HttpResponse<String> login(String email, String password) {
		get("/auth/csrf");
		return write("POST", "/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
	}

	public HttpResponse<String> get(String path) {
		return send(from(HttpRequest.newBuilder(uri(path))).GET().build());
	}

	/** A write with the CSRF header, as the protocol requires. */
	public HttpResponse<String> write(String method, String path, String body) {
		return send(
				request(method, path, HttpRequest.BodyPublishers.ofString(body)).header("X-XSRF-TOKEN", xsrfCookie())
					.build());
	}

	/**
	 * A write with the CSRF header whose body is sent in chunks, without a declared
	 * length.
	 */
	public HttpResponse<String> writeChunked(String method, String path, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return send(
				request(method, path, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
					.header("X-XSRF-TOKEN", xsrfCookie())
					.build());
	}

	/**
	 * An upload of a file as the raw request body, with the CSRF header, as the chat page
	 * sends one.
	 */
	public HttpResponse<String> upload(String path, byte[] file, String contentType) {
		return send(from(HttpRequest.newBuilder(uri(path))).header("Content-Type", contentType)
			.header("X-XSRF-TOKEN", xsrfCookie())
			.POST(HttpRequest.BodyPublishers.ofByteArray(file))
			.build());
	}

	/** An upload of a file as the part {@code file} of a multipart form. */
	public HttpResponse<String> uploadForm(String path, String fileName, byte[] file, String contentType) {
		String boundary = "ferry-" + System.nanoTime();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		return send(from(HttpRequest.newBuilder(uri(path)))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("X-XSRF-TOKEN", xsrfCookie())
			.POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, file, tail)))
			.build());
	}

	/** A read of bytes, with extra headers given as name, value, name, value... */
	public HttpResponse<byte[]> getBytes(String path, String... headers) {
		HttpRequest.Builder request = from(HttpRequest.newBuilder(uri(path))).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request failed: " + path, ex);
		}
	}

	/** A write as a page on another site would forge it: cookies, but no CSRF header. */
	public HttpResponse<String> writeWithoutCsrf(String method, String path, String body) {
		return send(request(method, path, HttpRequest.BodyPublishers.ofString(body)).build());
	}

	/**
	 * Opens a socket with this browser's cookies; an {@code origin} of {@code null} sends
	 * none.
	 */
	public SocketClient openSocket(String origin) {
		return openSocket(origin, new SocketClient());
	}

	/** Opens a socket for a given client, e.g. one that never reads. */
	public SocketClient openSocket(String origin, SocketClient socket) {
		openSocket(origin, (WebSocket.Listener) socket);
		return socket;
	}

	/**
	 * Opens a socket with this browser's cookies for any listener; an {@code origin} of
	 * {@code null} sends none.
	 * @throws SocketRefusedException if the gateway did not open it within 10 s
	 */
	public WebSocket openSocket(String origin, WebSocket.Listener listener) {
		WebSocket.Builder builder = this.client.newWebSocketBuilder();
		if (this.address != null) {
			builder.header("X-Forwarded-For", this.address);
		}
		this.headers.forEach(builder::header);
		if (origin != null) {
			builder.header("Origin", origin);
		}
		try {
			return builder.buildAsync(URI.create("ws://localhost:" + this.port + "/ws"), listener)
				.get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new SocketRefusedException(ex.getCause());
		}
	}

	/**
	 * Sends a socket handshake as Chromium does, with this browser's cookies and its
	 * {@code permessage-deflate} offer (which the JDK's client cannot make), and returns
	 * the response's head. The connection is closed after it.
	 */
	public String rawHandshake() throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			String cookie = cookieHeader();
			String request = "GET /ws HTTP/1.1\r\nHost: localhost:" + this.port + "\r\nConnection: Upgrade\r\n"
					+ "Upgrade: websocket\r\nOrigin: http://localhost:" + this.port + "\r\n"
					+ "Sec-WebSocket-Version: 13\r\nCookie: " + cookie + "\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			StringBuilder head = new StringBuilder();
			InputStream in = socket.getInputStream();
			while (head.indexOf("\r\n\r\n") < 0) {
				int next = in.read();
				if (next < 0) {
					break;
				}
				head.append((char) next);
			}
			return head.toString();
		}
	}

	/**
	 * This browser's cookies as a {@code Cookie} header, for a request written by hand on
	 * a socket.
	 */
	public String cookieHeader() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.map((each) -> each.getName() + "=" + each.getValue())
			.collect(Collectors.joining("; "));
	}

	public String xsrfCookie() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse("");
	}

	public static JsonNode json(HttpResponse<String> response) {
		return JsonMapper.shared().readTree(response.body());
	}

	private HttpRequest.Builder request(String method, String path, HttpRequest.BodyPublisher body) {
		return from(HttpRequest.newBuilder(uri(path))).header("Content-Type", "application/json").method(method, body);
	}

	private HttpRequest.Builder from(HttpRequest.Builder request) {
		if (this.address != null) {
			request.header("X-Forwarded-For", this.address);
		}
		this.headers.forEach(request::header);
		return request;
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request failed: " + request.uri(), ex);
		}
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
