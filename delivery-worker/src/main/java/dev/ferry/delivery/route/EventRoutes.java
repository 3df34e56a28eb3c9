package dev.ferry.delivery.route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.event.MessageCreated;
import dev.ferry.contracts.event.MessageDeleted;
import dev.ferry.contracts.event.MessageEdited;
import dev.ferry.contracts.event.MessageRejected;
import dev.ferry.contracts.event.MessageStatusChanged;
import dev.ferry.contracts.frame.GroupChangedFrame;
import dev.ferry.contracts.frame.MessageCreatedFrame;
import dev.ferry.contracts.frame.MessageDeletedFrame;
import dev.ferry.contracts.frame.MessageRejectedFrame;
import dev.ferry.contracts.frame.MessageStatusUpdatedFrame;
import dev.ferry.contracts.frame.MessageUpdatedFrame;
import dev.ferry.contracts.frame.PeerTypingFrame;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.delivery.group.GroupMembers;
import dev.ferry.delivery.group.UnknownGroupException;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.signal.TypingSignal;

/**
 * Who must be told what about each record, as the client protocol says: every session of
 * both parties for a change of a message (the sender's tabs replace their optimistic
 * copy, the reader's other tabs clear unread), the sender alone for a refusal, the peer
 * alone for typing. In a group, the parties are the members who can read the message, a
 * change of the group goes to its members and to the member it removed, and typing to the
 * other members.
 */
final class EventRoutes implements ChatEvent.Visitor<Route> {

	private final Function<ConversationId, Optional<GroupMembers>> groups;

	/**
	 * Creates the routes.
	 * @param groups each group as known now
	 */
	EventRoutes(Function<ConversationId, Optional<GroupMembers>> groups) {
		this.groups = groups;
	}

	/**
	 * The route of an event.
	 * @throws UnknownGroupException if it is about a group not known yet
	 */
	Route of(ChatEvent event) {
		return event.accept(this);
	}

	@Override
	public Route created(MessageCreated event) {
		return new Route(new MessageCreatedFrame(event.conversationId(), event.seq(), event.message()),
				bothParties(event.message(), event.seq()));
	}

	@Override
	public Route edited(MessageEdited event) {
		return new Route(new MessageUpdatedFrame(event.conversationId(), event.seq(), event.message()),
				bothParties(event.message(), event.seq()));
	}

	@Override
	public Route deleted(MessageDeleted event) {
		return new Route(new MessageDeletedFrame(event.conversationId(), event.seq(), event.message().id()),
				bothParties(event.message(), event.seq()));
	}

	/**
	 * A receipt goes to the reader's tabs and to the sender of the messages it covers; in
	 * a group (it has counts) only while the sender is still in it: a member removed is
	 * told nothing after the removal.
	 */
	@Override
	public Route statusChanged(MessageStatusChanged event) {
		boolean senderTold = event.counts() == null
				|| group(event.conversationId()).includes(event.senderId(), event.seq());
		return new Route(
				new MessageStatusUpdatedFrame(event.conversationId(), event.seq(), event.messageId(), event.status(),
						event.upToSeq(), event.counts()),
				senderTold ? List.of(event.senderId(), event.readerId()) : List.of(event.readerId()));
	}

	@Override
	public Route rejected(MessageRejected event) {
		return new Route(new MessageRejectedFrame(event.tempId(), event.messageId(), event.conversationId(),
				event.code(), event.reason()), List.of(event.actorId()));
	}

	@Override
	public Route groupChanged(GroupChanged event) {
		List<UserId> told = new ArrayList<>(group(event.conversationId()).at(event.seq()));
		if (event.userId() != null && !told.contains(event.userId())) {
			told.add(event.userId());
		}
		return new Route(GroupChangedFrame.of(event), told);
	}

	/**
	 * A signal that expired on its way is not worth a push any more.
	 * @throws UnknownGroupException if it is about a group not known yet
	 */
	Route of(TypingSignal signal, Instant now) {
		if (signal.expiresAt().isBefore(now)) {
			return Route.nobody();
		}
		List<UserId> peers = (signal.peerId() != null) ? List.of(signal.peerId())
				: group(signal.conversationId()).current()
					.stream()
					.filter((member) -> !member.equals(signal.userId()))
					.toList();
		return new Route(new PeerTypingFrame(signal.conversationId(), signal.userId(), signal.typing()), peers);
	}

	/**
	 * Who the change of a message at {@code seq} concerns: its sender and receiver, or
	 * the members of its group as of that change who read it (all of them where the group
	 * shows its whole history, else those who joined before it).
	 */
	private List<UserId> bothParties(ChatMessage message, long seq) {
		if (message.receiverId() != null) {
			return List.of(message.senderId(), message.receiverId());
		}
		return group(message.conversationId()).readersOf(message.seq(), seq);
	}

	private GroupMembers group(ConversationId id) {
		return this.groups.apply(id).orElseThrow(() -> new UnknownGroupException(id));
	}

}
