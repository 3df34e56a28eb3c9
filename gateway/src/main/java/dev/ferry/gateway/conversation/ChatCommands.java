package dev.ferry.gateway.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.command.DeleteMessage;
import dev.ferry.contracts.command.EditMessage;
import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.command.ReportStatus;
import dev.ferry.contracts.command.SendMessage;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.MessageRules;
import dev.ferry.contracts.message.MessageStatus;
import dev.ferry.contracts.signal.TypingSignal;
import dev.ferry.gateway.conversation.MessageDirectory.MessageParties;
import dev.ferry.gateway.attachment.Uploads;
import dev.ferry.gateway.system.ChatException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Checks what a client asks for, from REST or the socket alike, and puts it on Kafka. A
 * refused command raises {@link ChatException} and publishes nothing. Whether a message
 * exists is never revealed to someone outside its conversation.
 */
@Service
public class ChatCommands {

	/** How long a typing indicator stays true without a new one. */
	static final Duration TYPING_TTL = Duration.ofSeconds(5);

	private final MessageDirectory directory;

	private final ChatReads reads;

	private final CommandPublisher publisher;

	private final Uploads uploads;

	private final Clock clock;

	ChatCommands(MessageDirectory directory, ChatReads reads, CommandPublisher publisher, Uploads uploads,
			Clock clock) {
		this.uploads = uploads;
		this.directory = directory;
		this.reads = reads;
		this.publisher = publisher;
		this.clock = clock;
	}

	/**
	 * Checks a new message to a user, or to a group, and publishes it. Whether the sender
	 * is in the group is the persistence worker's to check: a send it refuses comes back
	 * as {@code message-rejected}.
	 * @param receiverId the reader, or {@code null} in a group
	 * @param conversationId the group, or {@code null} to a user
	 * @return its conversation, once Kafka has it
	 * @throws ChatException if it is refused
	 */
	public CompletableFuture<ConversationId> send(UserId sender, String tempId, String receiverId,
			String conversationId, String content, List<String> attachmentIds) {
		if (!MessageRules.isValidTempId(tempId)) {
			throw ChatException.invalidField("tempId must be 1-64 characters, without U+0000 or an unpaired surrogate");
		}
		if (receiverId != null && conversationId != null) {
			throw ChatException.invalidField("receiverId or conversationId, not both");
		}
		UserId receiver = (conversationId == null) ? new UserId(uuid(receiverId, "receiverId")) : null;
		boolean withFiles = attachmentIds != null && !attachmentIds.isEmpty();
		if (!withFiles || (content != null && !content.isEmpty())) {
			requireContent(content);
		}
		if (receiver != null && (receiver.equals(sender) || !this.directory.userExists(receiver.value()))) {
			throw new ChatException(ErrorCode.UNKNOWN_RECEIVER, HttpStatus.BAD_REQUEST, "No such receiver");
		}
		List<AttachmentId> files = this.uploads.attachable(sender, attachmentIds);
		ConversationId conversation = (receiver != null) ? ConversationId.direct(sender, receiver)
				: new ConversationId(uuid(conversationId, "conversationId"));
		return publish(new SendMessage(MessageId.newTimeOrdered(), conversation, sender, receiver, tempId,
				(content != null) ? content : "", files))
			.thenApply((accepted) -> conversation);
	}

	/** Checks an edit and publishes it; the future completes once Kafka has it. */
	public CompletableFuture<Void> edit(UserId actor, String messageId, String content) {
		MessageParties message = ownMessage(actor, messageId);
		requireContent(content);
		return publish(new EditMessage(message.id(), message.conversationId(), actor, content));
	}

	/** Checks a delete and publishes it; the future completes once Kafka has it. */
	public CompletableFuture<Void> delete(UserId actor, String messageId) {
		MessageParties message = ownMessage(actor, messageId);
		return publish(new DeleteMessage(message.id(), message.conversationId(), actor));
	}

	/**
	 * A receipt for this and every earlier message from the same peer (in a group: every
	 * earlier message); the future completes once Kafka has it. Whether the message was
	 * deleted does not matter to a receipt, so its people may come from memory.
	 */
	public CompletableFuture<Void> report(UserId reader, String messageId, String status) {
		MessageStatus receipt = receiptStatus(status);
		MessageParties message = this.directory.knownParties(messageId(messageId))
			.filter((parties) -> parties.includes(reader)
					|| (parties.receiverId() == null && inGroup(parties.conversationId(), reader)))
			.orElseThrow(ChatException::notFound);
		if (message.senderId().equals(reader)) {
			throw new ChatException(ErrorCode.FORBIDDEN, HttpStatus.FORBIDDEN,
					"Only the receiver reports a message " + receipt);
		}
		return publish(new ReportStatus(message.conversationId(), reader, message.id(), null, receipt));
	}

	/**
	 * A typing indicator for the peer of a conversation, named by the conversation or by
	 * the receiver; it expires by itself after {@link #TYPING_TTL}.
	 */
	public void typing(UserId user, String conversationId, String receiverId, Boolean typing) {
		if (typing == null) {
			throw ChatException.invalidField("typing is required");
		}
		ConversationId conversation;
		UserId peer;
		if (conversationId != null) {
			conversation = new ConversationId(uuid(conversationId, "conversationId"));
			Visibility visibility = this.reads.visibility(conversation, user)
				.filter(Visibility::current)
				.orElseThrow(
						() -> new ChatException(ErrorCode.NOT_FOUND, HttpStatus.NOT_FOUND, "No such conversation"));
			// In a group every other member sees it: the signal names no peer.
			peer = visibility.group() ? null : this.reads.peers(user, List.of(conversation)).get(conversation);
		}
		else if (receiverId != null) {
			peer = new UserId(uuid(receiverId, "receiverId"));
			if (peer.equals(user) || !this.directory.userExists(peer.value())) {
				throw new ChatException(ErrorCode.UNKNOWN_RECEIVER, HttpStatus.BAD_REQUEST, "No such receiver");
			}
			conversation = ConversationId.direct(user, peer);
		}
		else {
			throw ChatException.invalidField("conversationId or receiverId is required");
		}
		Instant now = this.clock.instant();
		this.publisher
			.signal(Envelope.of(new TypingSignal(conversation, user, peer, typing, now.plus(TYPING_TTL)), now));
	}

	/**
	 * Whether the user is in the group now; whether they read the message there is the
	 * persistence worker's to check.
	 */
	private boolean inGroup(ConversationId group, UserId user) {
		return this.reads.visibility(group, user).filter(Visibility::current).isPresent();
	}

	/**
	 * A message the actor may change: one they read (else it does not exist for them),
	 * sent by them while they are in its conversation, not deleted.
	 */
	private MessageParties ownMessage(UserId actor, String messageId) {
		MessageId id = messageId(messageId);
		MessageParties message = this.directory.parties(id).orElseThrow(ChatException::notFound);
		Visibility reader = this.reads.readerOf(message.conversationId(), id, actor)
			.orElseThrow(ChatException::notFound);
		if (!message.senderId().equals(actor) || !reader.current()) {
			throw new ChatException(ErrorCode.FORBIDDEN, HttpStatus.FORBIDDEN,
					"Only the sender, while in the conversation, may change a message");
		}
		if (message.deleted()) {
			throw new ChatException(ErrorCode.MESSAGE_DELETED, HttpStatus.CONFLICT, "The message was deleted");
		}
		return message;
	}

	private static MessageId messageId(String value) {
		return new MessageId(uuid(value, "id"));
	}

	private CompletableFuture<Void> publish(InboundCommand command) {
		return this.publisher.publish(Envelope.of(command, this.clock.instant()));
	}

	private static void requireContent(String content) {
		if (content == null) {
			throw ChatException.invalidField("content is required");
		}
		ErrorCode error = MessageRules.contentError(content);
		if (error == ErrorCode.INVALID_FIELD) {
			throw ChatException.invalidField("content must not contain U+0000 or an unpaired surrogate");
		}
		if (error != null) {
			throw new ChatException(error, HttpStatus.BAD_REQUEST, MessageRules.reasonFor(error));
		}
	}

	private static MessageStatus receiptStatus(String status) {
		try {
			MessageStatus receipt = MessageStatus.valueOf(String.valueOf(status).toUpperCase(Locale.ROOT));
			if (receipt.isReceipt()) {
				return receipt;
			}
		}
		catch (IllegalArgumentException ex) {
			// Answered below, as for a status that is not a receipt.
		}
		throw ChatException.invalidField("status must be DELIVERED or READ");
	}

	static UUID uuid(String value, String field) {
		try {
			return UUID.fromString(String.valueOf(value));
		}
		catch (IllegalArgumentException ex) {
			throw ChatException.invalidField(field + " must be a UUID");
		}
	}

}
