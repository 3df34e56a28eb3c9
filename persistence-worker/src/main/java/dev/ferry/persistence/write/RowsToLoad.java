package dev.ferry.persistence.write;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.ferry.contracts.command.ChangeGroup;
import dev.ferry.contracts.command.CreateGroup;
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

/**
 * What the commands of one batch need read before they are applied. A visitor, so that a
 * new command type does not compile until it says what it reads.
 */
final class RowsToLoad implements InboundCommand.Visitor<Void> {

	private final List<SendMessage> sends = new ArrayList<>();

	private final Set<SendKey> sendKeys = new HashSet<>();

	private final Set<UserId> namedUsers = new HashSet<>();

	private final Set<AttachmentId> attachmentIds = new HashSet<>();

	private final Set<UUID> otherCommandIds = new HashSet<>();

	private final Set<MessageId> messageIds = new HashSet<>();

	private final Set<ConversationId> conversationIds = new HashSet<>();

	private final Set<ConversationId> reportConversations = new HashSet<>();

	private final Set<ConversationId> groupConversations = new HashSet<>();

	private final Set<Member> actingMembers = new HashSet<>();

	private UUID commandId;

	RowsToLoad(List<Envelope<InboundCommand>> commands) {
		for (Envelope<InboundCommand> command : commands) {
			this.commandId = command.eventId();
			this.conversationIds.add(command.payload().conversationId());
			command.payload().accept(this);
		}
	}

	@Override
	public Void send(SendMessage send) {
		this.sends.add(send);
		this.sendKeys.add(new SendKey(send.senderId(), send.tempId()));
		this.namedUsers.add(send.senderId());
		if (send.toGroup()) {
			this.actingMembers.add(new Member(send.conversationId(), send.senderId()));
		}
		else {
			this.namedUsers.add(send.receiverId());
		}
		this.attachmentIds.addAll(send.attachmentIds());
		return null;
	}

	@Override
	public Void edit(EditMessage edit) {
		this.actingMembers.add(new Member(edit.conversationId(), edit.actorId()));
		return appliedOnce(edit.messageId());
	}

	@Override
	public Void delete(DeleteMessage delete) {
		this.actingMembers.add(new Member(delete.conversationId(), delete.actorId()));
		return appliedOnce(delete.messageId());
	}

	@Override
	public Void createGroup(CreateGroup create) {
		this.namedUsers.add(create.actorId());
		this.namedUsers.addAll(create.memberIds());
		return appliedOnce(null);
	}

	@Override
	public Void changeGroup(ChangeGroup change) {
		this.groupConversations.add(change.conversationId());
		if (change.userId() != null) {
			this.namedUsers.add(change.userId());
		}
		return appliedOnce(null);
	}

	@Override
	public Void report(ReportStatus report) {
		this.reportConversations.add(report.conversationId());
		return appliedOnce(report.messageId());
	}

	/**
	 * A command that is not a send is applied once, by its id in the log of applied
	 * commands; it names a message, or none (a receipt up to a seq).
	 */
	private Void appliedOnce(MessageId messageId) {
		this.otherCommandIds.add(this.commandId);
		if (messageId != null) {
			this.messageIds.add(messageId);
		}
		return null;
	}

	/** The sends, in record order. */
	List<SendMessage> sends() {
		return this.sends;
	}

	/** The idempotency keys of the sends. */
	Set<SendKey> sendKeys() {
		return this.sendKeys;
	}

	/**
	 * The users the commands name, who must exist: senders and receivers, a group's
	 * creator and members, a member added.
	 */
	Set<UserId> namedUsers() {
		return this.namedUsers;
	}

	/** The uploads the sends name. */
	Set<AttachmentId> attachmentIds() {
		return this.attachmentIds;
	}

	/** The ids of the commands that are not sends, to find in the applied log. */
	Set<UUID> otherCommandIds() {
		return this.otherCommandIds;
	}

	/** The messages that edits, deletes and receipts name. */
	Set<MessageId> messageIds() {
		return this.messageIds;
	}

	/** Every conversation the commands change. */
	Set<ConversationId> conversationIds() {
		return this.conversationIds;
	}

	/** The groups the commands change, whose every member is needed. */
	Set<ConversationId> groupConversations() {
		return this.groupConversations;
	}

	/**
	 * The users who send, edit or delete in a conversation: if it is a group, whether
	 * they are in it.
	 */
	Set<Member> actingMembers() {
		return this.actingMembers;
	}

	/** The conversations with receipts, whose readers' marks are needed. */
	Set<ConversationId> reportConversations() {
		return this.reportConversations;
	}

}
