package dev.ferry.persistence.write;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.command.SendMessage;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one poll of commands in one database transaction: a handful of reads to load
 * what the commands touch, the commands in record order in memory, then multi-row writes.
 */
@Component
class CommandBatchProcessor {

	private final MessageRepository messages;

	private final ConversationRepository conversations;

	private final UserRepository users;

	private final ProcessedCommandRepository processedCommands;

	private final AttachmentRepository attachments;

	private final Clock clock;

	CommandBatchProcessor(MessageRepository messages, ConversationRepository conversations, UserRepository users,
			ProcessedCommandRepository processedCommands, AttachmentRepository attachments, Clock clock) {
		this.attachments = attachments;
		this.messages = messages;
		this.conversations = conversations;
		this.users = users;
		this.processedCommands = processedCommands;
		this.clock = clock;
	}

	/**
	 * Applies the commands and returns the events to publish once the transaction
	 * commits.
	 */
	@Transactional
	public CommandBatch apply(List<Envelope<InboundCommand>> commands) {
		// PostgreSQL keeps microseconds: an event built now must equal one rebuilt from
		// the row.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		CommandBatch batch = new CommandBatch(now, load(commands));
		commands.forEach(batch::apply);
		this.messages.insert(batch.newMessages());
		this.attachments.attach(batch.claims(), now);
		this.attachments.orphan(batch.orphaning(), now);
		this.messages.updateContent(batch.changedMessages());
		this.messages.applyReceipts(batch.receipts(), now);
		this.conversations.saveMarks(batch.changedMarks());
		this.conversations.advanceSequences(batch.changedSequences(), now);
		this.processedCommands.record(batch.appliedCommands());
		return batch;
	}

	private CommandBatch.Loaded load(List<Envelope<InboundCommand>> commands) {
		RowsToLoad rows = new RowsToLoad(commands);
		Map<ConversationId, Long> sequences = this.conversations.sequences(rows.conversationIds());
		Set<UserId> existingUsers = existingUsers(rows.sends(), sequences.keySet());
		Map<ConversationId, Set<UserId>> created = newDirectConversations(rows.sends(), existingUsers,
				sequences.keySet());
		this.conversations.createDirect(created);
		created.keySet().forEach((id) -> sequences.put(id, 0L));
		return new CommandBatch.Loaded(this.processedCommands.find(rows.otherCommandIds()), existingUsers,
				this.messages.findBySendKeys(rows.sendKeys()), this.messages.findByIds(rows.messageIds()), sequences,
				this.conversations.marks(rows.reportConversations()), this.attachments.lock(rows.attachmentIds()));
	}

	/**
	 * The users of the sends that exist. A direct conversation's id is derived from its
	 * two members, who are foreign keys, so an existing one vouches for both; only the
	 * users of new conversations are looked up.
	 */
	private Set<UserId> existingUsers(List<SendMessage> sends, Set<ConversationId> existing) {
		Set<UserId> vouched = new HashSet<>();
		Set<UserId> unknown = new HashSet<>();
		for (SendMessage send : sends) {
			boolean known = existing.contains(send.conversationId()) && isDirect(send);
			(known ? vouched : unknown).addAll(List.of(send.senderId(), send.receiverId()));
		}
		unknown.removeAll(vouched);
		vouched.addAll(this.users.existing(unknown));
		return vouched;
	}

	/** The direct conversations that valid sends between existing users need and lack. */
	private static Map<ConversationId, Set<UserId>> newDirectConversations(List<SendMessage> sends,
			Set<UserId> existingUsers, Set<ConversationId> existing) {
		Map<ConversationId, Set<UserId>> needed = new LinkedHashMap<>();
		for (SendMessage send : sends) {
			if (!existing.contains(send.conversationId()) && existingUsers.contains(send.senderId())
					&& existingUsers.contains(send.receiverId()) && isDirect(send)) {
				needed.put(send.conversationId(), Set.of(send.senderId(), send.receiverId()));
			}
		}
		return needed;
	}

	private static boolean isDirect(SendMessage send) {
		return !send.senderId().equals(send.receiverId())
				&& ConversationId.direct(send.senderId(), send.receiverId()).equals(send.conversationId());
	}

}
