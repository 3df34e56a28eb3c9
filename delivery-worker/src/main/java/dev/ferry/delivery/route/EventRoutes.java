package dev.ferry.delivery.route;

import java.time.Instant;
import java.util.List;

import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.event.MessageCreated;
import dev.ferry.contracts.event.MessageDeleted;
import dev.ferry.contracts.event.MessageEdited;
import dev.ferry.contracts.event.MessageRejected;
import dev.ferry.contracts.event.MessageStatusChanged;
import dev.ferry.contracts.frame.MessageCreatedFrame;
import dev.ferry.contracts.frame.MessageDeletedFrame;
import dev.ferry.contracts.frame.MessageRejectedFrame;
import dev.ferry.contracts.frame.MessageStatusUpdatedFrame;
import dev.ferry.contracts.frame.MessageUpdatedFrame;
import dev.ferry.contracts.frame.PeerTypingFrame;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.signal.TypingSignal;

/**
 * Who must be told what about each record, as the client protocol says: every session of
 * both parties for a change of a message (the sender's tabs replace their optimistic
 * copy, the reader's other tabs clear unread), the sender alone for a refusal, the peer
 * alone for typing.
 */
final class EventRoutes {

	private EventRoutes() {
	}

	static Route of(ChatEvent event) {
		if (event instanceof MessageCreated created) {
			return new Route(new MessageCreatedFrame(created.conversationId(), created.seq(), created.message()),
					bothParties(created.message()));
		}
		if (event instanceof MessageEdited edited) {
			return new Route(new MessageUpdatedFrame(edited.conversationId(), edited.seq(), edited.message()),
					bothParties(edited.message()));
		}
		if (event instanceof MessageDeleted deleted) {
			return new Route(new MessageDeletedFrame(deleted.conversationId(), deleted.seq(), deleted.message().id()),
					bothParties(deleted.message()));
		}
		if (event instanceof MessageStatusChanged changed) {
			return new Route(new MessageStatusUpdatedFrame(changed.conversationId(), changed.seq(), changed.messageId(),
					changed.status(), changed.upToSeq()), List.of(changed.senderId(), changed.readerId()));
		}
		MessageRejected rejected = (MessageRejected) event;
		return new Route(new MessageRejectedFrame(rejected.tempId(), rejected.messageId(), rejected.conversationId(),
				rejected.code(), rejected.reason()), List.of(rejected.actorId()));
	}

	/** A signal that expired on its way is not worth a push any more. */
	static Route of(TypingSignal signal, Instant now) {
		if (signal.expiresAt().isBefore(now)) {
			return Route.nobody();
		}
		return new Route(new PeerTypingFrame(signal.conversationId(), signal.userId(), signal.typing()),
				List.of(signal.peerId()));
	}

	private static List<UserId> bothParties(ChatMessage message) {
		return List.of(message.senderId(), message.receiverId());
	}

}
