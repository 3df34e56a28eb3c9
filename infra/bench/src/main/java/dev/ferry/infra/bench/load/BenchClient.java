package dev.ferry.infra.bench.load;

import java.net.http.WebSocket;
import java.util.concurrent.ThreadLocalRandom;

import dev.ferry.contracts.id.UserId;

/**
 * One user's socket, behaving as a chat client does: sends what it is told to, reports
 * DELIVERED for every message it receives and READ for a share of them, and tells the
 * ledger what arrived when.
 */
final class BenchClient extends BenchSocket {

	private final UserId user;

	private final String me;

	/** Each step of a ramp has a ledger of its own. */
	private volatile Ledger ledger;

	private final double readShare;

	BenchClient(UserId user, Ledger ledger, double readShare) {
		this.user = user;
		this.me = user.toString();
		this.ledger = ledger;
		this.readShare = readShare;
	}

	void recordInto(Ledger ledger) {
		this.ledger = ledger;
	}

	UserId user() {
		return this.user;
	}

	/**
	 * Sends a message; the tempId and content are the load generator's own plain text.
	 */
	void sendMessage(String tempId, UserId receiver, String content) {
		send("{\"type\":\"send-message\",\"tempId\":\"" + tempId + "\",\"receiverId\":\"" + receiver
				+ "\",\"content\":\"" + content + "\"}");
	}

	/**
	 * Reads only the fields it times, without building a tree: the load generator shares
	 * the machine with what it measures.
	 */
	@Override
	protected void onFrame(String frame, long now) {
		switch (String.valueOf(FrameFields.text(frame, "type"))) {
			case "message-ack" -> this.ledger.acked(FrameFields.text(frame, "tempId"), now);
			case "message-created" -> onCreated(frame, now);
			case "message-status-updated" -> {
				String id = FrameFields.text(frame, "id");
				if (id != null) {
					this.ledger.deliveredTick(id, now);
				}
			}
			case "error" -> this.ledger.errors.incrementAndGet();
			case "message-rejected" -> this.ledger.rejected.incrementAndGet();
			default -> {
				// Presence and typing of others: not measured.
			}
		}
	}

	private void onCreated(String frame, long now) {
		String tempId = FrameFields.text(frame, "tempId");
		String id = FrameFields.text(frame, "id");
		if (this.me.equals(FrameFields.text(frame, "receiverId"))) {
			this.ledger.received(tempId, id, now);
			report(id, "DELIVERED");
			if (ThreadLocalRandom.current().nextDouble() < this.readShare) {
				report(id, "READ");
			}
		}
		else {
			this.ledger.sendersCopy(tempId, id);
		}
	}

	private void report(String id, String status) {
		send("{\"type\":\"update-message-status\",\"id\":\"" + id + "\",\"status\":\"" + status + "\"}");
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.ledger.errors.incrementAndGet();
	}

}
