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
final class EventRoutes implements ChatEvent.Visitor<Route> {

	private static final EventRoutes ROUTES = new EventRoutes();

	private EventRoutes() {
	}

	static Route of(ChatEvent event) {
		return event.accept(ROUTES);
	}

	@Override
	public Route created(MessageCreated event) {
		return new Route(new MessageCreatedFrame(event.conversationId(), event.seq(), event.message()),
				bothParties(event.message()));
	}

	@Override
	public Route edited(MessageEdited event) {
		return new Route(new MessageUpdatedFrame(event.conversationId(), event.seq(), event.message()),
				bothParties(event.message()));
	}

	@Override
	public Route deleted(MessageDeleted event) {
		return new Route(new MessageDeletedFrame(event.conversationId(), event.seq(), event.message().id()),
				bothParties(event.message()));
	}

	@Override
	public Route statusChanged(MessageStatusChanged event) {
		return new Route(new MessageStatusUpdatedFrame(event.conversationId(), event.seq(), event.messageId(),
				event.status(), event.upToSeq()), List.of(event.senderId(), event.readerId()));
	}

	@Override
	public Route rejected(MessageRejected event) {
		return new Route(new MessageRejectedFrame(event.tempId(), event.messageId(), event.conversationId(),
				event.code(), event.reason()), List.of(event.actorId()));
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
