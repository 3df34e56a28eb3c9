package dev.ferry.infra.bench.load;

import java.net.http.WebSocket;

import dev.ferry.contracts.id.UserId;

/**
 * One member's socket in the groups mode: it times each group message it receives from
 * another member against when it was sent, reading only the fields it needs.
 */
final class GroupSocket extends BenchSocket {

	private final UserId me;

	private final GroupDeliveries deliveries;

	GroupSocket(UserId me, GroupDeliveries deliveries) {
		this.me = me;
		this.deliveries = deliveries;
	}

	void sendToGroup(String tempId, String group, String content) {
		send("{\"type\":\"send-message\",\"tempId\":\"" + tempId + "\",\"conversationId\":\"" + group
				+ "\",\"content\":\"" + content + "\"}");
	}

	@Override
	protected void onFrame(String frame, long now) {
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

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.deliveries.failed();
	}

}
