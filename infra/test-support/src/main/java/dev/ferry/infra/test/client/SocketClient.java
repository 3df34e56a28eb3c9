package dev.ferry.infra.test.client;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A test client of {@code /ws}: sends text frames and keeps every frame it receives.
 */
public final class SocketClient implements WebSocket.Listener {

	private final List<JsonNode> received = new CopyOnWriteArrayList<>();

	private final StringBuilder partial = new StringBuilder();

	private WebSocket socket;

	private volatile boolean closed;

	private volatile int closeCode = -1;

	private final boolean reading;

	/** A client that reads every frame. */
	public SocketClient() {
		this(true);
	}

	/**
	 * With {@code reading} false, a client that never reads: a slow client at its worst.
	 */
	public SocketClient(boolean reading) {
		this.reading = reading;
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		this.socket = webSocket;
		if (this.reading) {
			webSocket.request(1);
		}
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			this.received.add(JsonMapper.shared().readTree(this.partial.toString()));
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closeCode = statusCode;
		this.closed = true;
		return null;
	}

	/** The close code the server sent, or -1 while open. */
	public int closeCode() {
		return this.closeCode;
	}

	public void send(String frame) {
		this.socket.sendText(frame, true).join();
	}

	/** Waits for the next frame after the {@code already} first ones. */
	public JsonNode awaitFrame(int already) {
		await().atMost(Duration.ofSeconds(20)).until(() -> this.received.size() > already);
		return this.received.get(already);
	}

	/**
	 * Waits until {@code count} frames matching {@code which} have arrived and returns
	 * all that did, in arrival order.
	 */
	public List<JsonNode> awaitFrames(Predicate<JsonNode> which, int count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.received.stream().filter(which).count() >= count);
		return this.received.stream().filter(which).toList();
	}

	/** The frames of a type received so far, in arrival order. */
	public List<JsonNode> received(String type) {
		return this.received.stream().filter((frame) -> frame.path("type").asString().equals(type)).toList();
	}

	public List<JsonNode> received() {
		return List.copyOf(this.received);
	}

	public boolean isOpen() {
		return !this.closed && !this.socket.isOutputClosed() && !this.socket.isInputClosed();
	}

	public void close() {
		this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
	}

}
