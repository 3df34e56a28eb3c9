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
import dev.ferry.contracts.group.Group;
import dev.ferry.contracts.group.GroupMember;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
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

	private final Function<ConversationId, Optional<Group>> groups;

	/**
	 * Creates the routes.
	 * @param groups each group as known now
	 */
	EventRoutes(Function<ConversationId, Optional<Group>> groups) {
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
				event.status(), event.upToSeq(), event.counts()), List.of(event.senderId(), event.readerId()));
	}

	@Override
	public Route rejected(MessageRejected event) {
		return new Route(new MessageRejectedFrame(event.tempId(), event.messageId(), event.conversationId(),
				event.code(), event.reason()), List.of(event.actorId()));
	}

	@Override
	public Route groupChanged(GroupChanged event) {
		List<UserId> told = new ArrayList<>(members(event.group()));
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
				: members(group(signal.conversationId())).stream()
					.filter((member) -> !member.equals(signal.userId()))
					.toList();
		return new Route(new PeerTypingFrame(signal.conversationId(), signal.userId(), signal.typing()), peers);
	}

	/**
	 * Who a change of a message concerns: its sender and receiver, or the members of its
	 * group who can read it (all of them where the group shows its whole history, else
	 * those who joined before it).
	 */
	private List<UserId> bothParties(ChatMessage message) {
		if (message.receiverId() != null) {
			return List.of(message.senderId(), message.receiverId());
		}
		Group group = group(message.conversationId());
		return group.members()
			.stream()
			.filter((member) -> message.seq() > group.history().readsAfter(member.joinedAtSeq()))
			.map(GroupMember::userId)
			.toList();
	}

	private Group group(ConversationId id) {
		return this.groups.apply(id).orElseThrow(() -> new UnknownGroupException(id));
	}

	private static List<UserId> members(Group group) {
		return group.members().stream().map(GroupMember::userId).toList();
	}

}
