package dev.ferry.infra.bench.load;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.ferry.contracts.id.UserId;

/**
 * One member's socket in the groups mode: it times each group message it receives from
 * another member against when it was sent, reading only the fields it needs.
 */
final class GroupSocket implements WebSocket.Listener {

	private final UserId me;

	private final GroupDeliveries deliveries;

	private final StringBuilder partial = new StringBuilder();

	private WebSocket socket;

	private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

	GroupSocket(UserId me, GroupDeliveries deliveries) {
		this.me = me;
		this.deliveries = deliveries;
	}

	UserId user() {
		return this.me;
	}

	void sendToGroup(String tempId, String group, String content) {
		String text = "{\"type\":\"send-message\",\"tempId\":\"" + tempId + "\",\"conversationId\":\"" + group
				+ "\",\"content\":\"" + content + "\"}";
		synchronized (this) {
			this.sending = this.sending.exceptionally((failure) -> null)
				.thenCompose((previous) -> this.socket.sendText(text, true));
		}
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		this.socket = webSocket;
		webSocket.request(Long.MAX_VALUE);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		long now = System.nanoTime();
		this.partial.append(data);
		if (last) {
			String frame = this.partial.toString();
			this.partial.setLength(0);
			switch (String.valueOf(FrameFields.text(frame, "type"))) {
				case "message-created" -> {
					if (!this.me.toString().equals(FrameFields.text(frame, "senderId"))) {
						this.deliveries.received(FrameFields.text(frame, "tempId"), now);
					}
				}
				case "group-changed" -> this.deliveries.groupChanged(FrameFields.text(frame, "conversationId"));
				case "error", "message-rejected" -> this.deliveries.failed();
				default -> {
					// Presence: not measured.
				}
			}
		}
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.deliveries.failed();
	}

	void close() {
		if (this.socket != null) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
		}
	}

}
