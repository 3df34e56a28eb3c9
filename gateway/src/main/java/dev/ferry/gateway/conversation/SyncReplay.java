package dev.ferry.gateway.conversation;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.frame.GroupChangedFrame;
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
import dev.ferry.gateway.system.ChatException;
import dev.ferry.gateway.conversation.ChatReads.ChangePage;
import dev.ferry.gateway.conversation.ChatReads.ReaderMarks;
import dev.ferry.gateway.system.GatewaySettings;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A resume, as the protocol describes it: for each listed conversation the current state
 * of every message changed after the client's position, in seq order (in a group, with
 * the group as its latest change after the position left it, in its place), then the
 * receipt marks that moved after it, then {@code sync-complete} with all the caller's
 * conversations. Bounded: at most {@code sync-replay-frames} message frames per
 * {@code sync}, taken in the order of the positions; a conversation cut or not reached is
 * marked {@code more}. Conversations the caller is not in are passed over, so their
 * existence does not leak. Frames go out as they are made, never collected whole.
 */
@Service
public class SyncReplay {

	private final ChatReads repository;

	private final SyncProgress progress;

	private final int maxFrames;

	SyncReplay(ChatReads repository, SyncProgress progress, GatewaySettings settings) {
		this.repository = repository;
		this.progress = progress;
		this.maxFrames = settings.socket().syncReplayFrames();
	}

	/**
	 * Replays the changes after the positions to {@code out}, ending with
	 * {@code sync-complete}.
	 * @throws ChatException {@code invalid_field} if a position names no conversation id;
	 * then nothing was sent
	 */
	public void replay(UserId user, Map<String, Long> positions, Consumer<ServerFrame> out) {
		Map<ConversationId, Long> listed = parse(positions);
		Map<ConversationId, Visibility> mine = this.repository.visibilityOf(user);
		Set<ConversationId> more = new HashSet<>();
		int budget = this.maxFrames;
		for (Map.Entry<ConversationId, Long> position : listed.entrySet()) {
			ConversationId conversation = position.getKey();
			Visibility visibility = mine.get(conversation);
			if (visibility == null) {
				continue;
			}
			long from = position.getValue();
			SyncProgress.Resume resume = this.progress.resumeOf(user, conversation, from);
			long start = resume.start();
			if (budget == 0) {
				more.add(conversation);
				this.progress.cut(user, conversation, start, resume.cut());
				continue;
			}
			ChangePage page = this.repository.replayableChangesAfter(conversation, visibility, from, start,
					resume.cut(), budget);
			// A group's latest change in the member's time goes in its place among the
			// messages, once: in the part whose changes reach past it.
			GroupChanged group = visibility.group()
					? this.repository.latestGroupChange(conversation, from, visibility.upToSeq()).orElse(null) : null;
			for (ChatMessage message : page.messages()) {
				if (group != null && group.seq() < message.lastChangeSeq()) {
					out.accept(GroupChangedFrame.of(group));
					group = null;
				}
				out.accept(frameOf(message, start));
			}
			if (group != null && !page.hasMore()) {
				out.accept(GroupChangedFrame.of(group));
			}
			budget = Math.max(0, budget - page.messages().size());
			if (page.hasMore()) {
				more.add(conversation);
				this.progress.cut(user, conversation, start, page.cut());
			}
			else {
				// Receipts in a group are not taken yet: it has no marks to replay.
				if (!visibility.group()) {
					marksFrames(conversation, start, out);
				}
				this.progress.complete(user, conversation);
			}
		}
		out.accept(new SyncCompleteFrame(this.repository.conversationsOf(user)
			.stream()
			.map((conversation) -> more.contains(conversation.id()) ? conversation.withMore() : conversation)
			.toList()));
	}

	/**
	 * The positions by conversation, in the frame's order: an id listed under several
	 * spellings counts once, from the lowest of its positions.
	 */
	private static Map<ConversationId, Long> parse(Map<String, Long> positions) {
		Map<ConversationId, Long> parsed = new LinkedHashMap<>();
		if (positions != null) {
			positions.forEach((id, position) -> parsed.merge(conversationId(id),
					(position != null) ? Math.max(0, position) : 0, Math::min));
		}
		return parsed;
	}

	/** A message created after the resume began is sent whole, as created. */
	private static ServerFrame frameOf(ChatMessage message, long start) {
		long seq = message.lastChangeSeq();
		if (message.seq() > start) {
			return new MessageCreatedFrame(message.conversationId(), seq, message);
		}
		if (message.deleted()) {
			return new MessageDeletedFrame(message.conversationId(), seq, message.id());
		}
		return new MessageUpdatedFrame(message.conversationId(), seq, message);
	}

	/**
	 * The receipt marks that moved after the position. A replayed receipt names the
	 * message at the reader's mark, the one it reported, so a client can tell whose
	 * messages it covers.
	 */
	private void marksFrames(ConversationId conversation, long position, Consumer<ServerFrame> out) {
		for (ReaderMarks marks : this.repository.marks(conversation)) {
			if (marks.deliveredChangedSeq() > position && marks.deliveredUpToSeq() > marks.readUpToSeq()) {
				out.accept(new MessageStatusUpdatedFrame(conversation, marks.deliveredChangedSeq(),
						reported(conversation, marks.deliveredUpToSeq()), MessageStatus.DELIVERED,
						marks.deliveredUpToSeq()));
			}
			if (marks.readChangedSeq() > position) {
				out.accept(new MessageStatusUpdatedFrame(conversation, marks.readChangedSeq(),
						reported(conversation, marks.readUpToSeq()), MessageStatus.READ, marks.readUpToSeq()));
			}
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
			throw new ChatException(ErrorCode.INVALID_FIELD, HttpStatus.BAD_REQUEST,
					"positions must map conversation ids to seqs");
		}
	}

}
