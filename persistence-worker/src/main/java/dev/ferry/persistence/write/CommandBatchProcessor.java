package dev.ferry.persistence.write;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.ferry.contracts.command.DeleteMessage;
import dev.ferry.contracts.command.EditMessage;
import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.command.ReportStatus;
import dev.ferry.contracts.command.SendMessage;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.persistence.write.MessageRepository.SendKey;

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

	private final Clock clock;

	CommandBatchProcessor(MessageRepository messages, ConversationRepository conversations, UserRepository users,
			ProcessedCommandRepository processedCommands, Clock clock) {
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
		this.messages.updateContent(batch.changedMessages());
		this.messages.applyReceipts(batch.receipts(), now);
		this.conversations.saveMarks(batch.changedMarks());
		this.conversations.advanceSequences(batch.changedSequences(), now);
		this.processedCommands.record(batch.appliedCommands());
		return batch;
	}

	private CommandBatch.Loaded load(List<Envelope<InboundCommand>> commands) {
		Set<UUID> otherCommandIds = new HashSet<>();
		Set<SendKey> sendKeys = new HashSet<>();
		Set<MessageId> messageIds = new HashSet<>();
		Set<ConversationId> conversationIds = new HashSet<>();
		Set<ConversationId> reportConversations = new HashSet<>();
		for (Envelope<InboundCommand> envelope : commands) {
			InboundCommand command = envelope.payload();
			conversationIds.add(command.conversationId());
			if (command instanceof SendMessage send) {
				sendKeys.add(new SendKey(send.senderId(), send.tempId()));
				continue;
			}
			otherCommandIds.add(envelope.eventId());
			MessageId messageId = messageIdOf(command);
			if (messageId != null) {
				messageIds.add(messageId);
			}
			if (command instanceof ReportStatus) {
				reportConversations.add(command.conversationId());
			}
		}
		Map<ConversationId, Long> sequences = this.conversations.sequences(conversationIds);
		Set<UserId> existingUsers = existingUsers(commands, sequences.keySet());
		Map<ConversationId, Set<UserId>> created = newDirectConversations(commands, existingUsers, sequences.keySet());
		this.conversations.createDirect(created);
		created.keySet().forEach((id) -> sequences.put(id, 0L));
		return new CommandBatch.Loaded(this.processedCommands.find(otherCommandIds), existingUsers,
				this.messages.findBySendKeys(sendKeys), this.messages.findByIds(messageIds), sequences,
				this.conversations.marks(reportConversations));
	}

	/**
	 * The users of the sends that exist. A direct conversation's id is derived from its
	 * two members, who are foreign keys, so an existing one vouches for both; only the
	 * users of new conversations are looked up.
	 */
	private Set<UserId> existingUsers(List<Envelope<InboundCommand>> commands, Set<ConversationId> existing) {
		Set<UserId> vouched = new HashSet<>();
		Set<UserId> unknown = new HashSet<>();
		for (Envelope<InboundCommand> envelope : commands) {
			if (envelope.payload() instanceof SendMessage send) {
				boolean known = existing.contains(send.conversationId()) && isDirect(send);
				(known ? vouched : unknown).addAll(List.of(send.senderId(), send.receiverId()));
			}
		}
		unknown.removeAll(vouched);
		vouched.addAll(this.users.existing(unknown));
		return vouched;
	}

	private static MessageId messageIdOf(InboundCommand command) {
		if (command instanceof EditMessage edit) {
			return edit.messageId();
		}
		if (command instanceof DeleteMessage delete) {
			return delete.messageId();
		}
		return (command instanceof ReportStatus report) ? report.messageId() : null;
	}

	/** The direct conversations that valid sends between existing users need and lack. */
	private static Map<ConversationId, Set<UserId>> newDirectConversations(List<Envelope<InboundCommand>> commands,
			Set<UserId> existingUsers, Set<ConversationId> existing) {
		Map<ConversationId, Set<UserId>> needed = new LinkedHashMap<>();
		for (Envelope<InboundCommand> envelope : commands) {
			if (envelope.payload() instanceof SendMessage send && !existing.contains(send.conversationId())
					&& existingUsers.contains(send.senderId()) && existingUsers.contains(send.receiverId())
					&& isDirect(send)) {
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
