package dev.ferry.infra.bench.load;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A load generator's socket: whole frames handed to {@link #onFrame} with the time they
 * arrived, and sends one after another.
 */
abstract class BenchSocket implements WebSocket.Listener {

	private final StringBuilder partial = new StringBuilder();

	private WebSocket socket;

	/** The JDK socket takes one send at a time: each waits for the one before. */
	private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

	/**
	 * A whole frame, as text, and when its last part arrived ({@link System#nanoTime}).
	 */
	protected abstract void onFrame(String frame, long now);

	@Override
	public void onOpen(WebSocket webSocket) {
		this.socket = webSocket;
		// Unbounded demand: asking for one message at a time makes the JDK client read so
		// slowly that the gateway's writes back up behind it.
		webSocket.request(Long.MAX_VALUE);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		long now = System.nanoTime();
		this.partial.append(data);
		if (last) {
			String text = this.partial.toString();
			this.partial.setLength(0);
			onFrame(text, now);
		}
		return null;
	}

	protected void send(String text) {
		synchronized (this) {
			this.sending = this.sending.exceptionally((failure) -> null)
				.thenCompose((previous) -> this.socket.sendText(text, true));
		}
	}

	void close() {
		if (this.socket != null) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
		}
	}

}
