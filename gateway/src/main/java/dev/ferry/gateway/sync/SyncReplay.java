package dev.ferry.gateway.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ferry.contracts.frame.MessageCreatedFrame;
import dev.ferry.contracts.frame.MessageDeletedFrame;
import dev.ferry.contracts.frame.MessageStatusUpdatedFrame;
import dev.ferry.contracts.frame.MessageUpdatedFrame;
import dev.ferry.contracts.frame.ServerFrame;
import dev.ferry.contracts.frame.SyncCompleteFrame;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.message.MessageStatus;
import dev.ferry.gateway.command.ChatException;
import dev.ferry.gateway.read.ChatReads;
import dev.ferry.gateway.read.ChatReads.ReaderMarks;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A resume, as the protocol describes it: for each listed conversation the current state
 * of every message changed after the client's position, in seq order, then the receipt
 * marks that moved after it, then {@code sync-complete} with all the caller's
 * conversations. Conversations the caller is not in are passed over, so their existence
 * does not leak.
 */
@Service
public class SyncReplay {

	private final ChatReads repository;

	SyncReplay(ChatReads repository) {
		this.repository = repository;
	}

	public List<ServerFrame> replay(UserId user, Map<String, Long> positions) {
		List<ServerFrame> frames = new ArrayList<>();
		if (positions != null) {
			positions.forEach((id, position) -> {
				ConversationId conversation = conversationId(id);
				long from = (position != null) ? Math.max(0, position) : 0;
				if (this.repository.isMember(conversation, user)) {
					this.repository.changedAfter(conversation, from)
						.forEach((message) -> frameOf(message, from, frames));
					this.repository.marks(conversation)
						.forEach((marks) -> marksFrames(conversation, marks, from, frames));
				}
			});
		}
		frames.add(new SyncCompleteFrame(this.repository.conversationsOf(user)));
		return frames;
	}

	private static void frameOf(ChatMessage message, long position, List<ServerFrame> frames) {
		long seq = message.lastChangeSeq();
		if (message.seq() > position) {
			frames.add(new MessageCreatedFrame(message.conversationId(), seq, message));
		}
		else if (message.deleted()) {
			frames.add(new MessageDeletedFrame(message.conversationId(), seq, message.id()));
		}
		else if (message.editedAt() != null) {
			frames.add(new MessageUpdatedFrame(message.conversationId(), seq, message));
		}
		// Otherwise only a receipt changed it after the position: the marks below say so.
	}

	/**
	 * A replayed receipt names the message at the reader's mark, the one it reported, so
	 * a client can tell whose messages it covers.
	 */
	private void marksFrames(ConversationId conversation, ReaderMarks marks, long position, List<ServerFrame> frames) {
		if (marks.deliveredChangedSeq() > position && marks.deliveredUpToSeq() > marks.readUpToSeq()) {
			frames.add(new MessageStatusUpdatedFrame(conversation, marks.deliveredChangedSeq(),
					reported(conversation, marks.deliveredUpToSeq()), MessageStatus.DELIVERED,
					marks.deliveredUpToSeq()));
		}
		if (marks.readChangedSeq() > position) {
			frames.add(new MessageStatusUpdatedFrame(conversation, marks.readChangedSeq(),
					reported(conversation, marks.readUpToSeq()), MessageStatus.READ, marks.readUpToSeq()));
		}
	}

	private MessageId reported(ConversationId conversation, long mark) {
		return this.repository.messageAt(conversation, mark).orElse(null);
	}

	private static ConversationId conversationId(String id) {
		try {
			return new ConversationId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			throw new ChatException("invalid_field", HttpStatus.BAD_REQUEST,
					"positions must map conversation ids to seqs");
		}
	}

}
