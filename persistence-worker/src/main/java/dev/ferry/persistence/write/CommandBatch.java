package dev.ferry.persistence.write;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.command.ChangeGroup;
import dev.ferry.contracts.command.CreateGroup;
import dev.ferry.contracts.command.DeleteMessage;
import dev.ferry.contracts.command.EditMessage;
import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.command.ReportStatus;
import dev.ferry.contracts.command.SendMessage;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.event.MessageCreated;
import dev.ferry.contracts.event.MessageDeleted;
import dev.ferry.contracts.event.MessageEdited;
import dev.ferry.contracts.event.MessageStatusChanged;
import dev.ferry.contracts.group.GroupAction;
import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.message.MessageAttachment;
import dev.ferry.contracts.message.MessageRules;
import dev.ferry.contracts.message.MessageStatus;
import dev.ferry.persistence.write.ReceiptMarks.ReceiptChange;

/**
 * One poll's commands applied in record order to an in-memory view of the rows they
 * touch, collecting the writes and the events. Nothing here talks to the database: the
 * {@link CommandBatchProcessor} loads the view and stores the result in one transaction.
 */
final class CommandBatch {

	private static final String UNSTORABLE_TEXT = "its text contains U+0000 or an unpaired surrogate, which the database cannot store";

	private final Instant now;

	/** The most members a group has, its creator included. */
	private final int maxGroupMembers;

	private final Map<UUID, List<Envelope<ChatEvent>>> alreadyApplied;

	private final Set<UserId> existingUsers;

	private final Map<SendKey, ChatMessage> sends;

	private final Map<MessageId, ChatMessage> messages;

	private final Map<ConversationId, Long> loadedSequences;

	private final Map<ConversationId, Long> sequences;

	private final ReceiptMarks receiptMarks;

	/** The uploads the sends name, as loaded and then as this batch attaches them. */
	private final Map<AttachmentId, Upload> uploads;

	/** The groups the batch's commands read, create or change. */
	private final Map<ConversationId, GroupView> groups = new HashMap<>();

	/** The groups this batch creates, in order. */
	private final Set<ConversationId> newGroups = new LinkedHashSet<>();

	/** The group changes this batch made, to store as they were announced. */
	private final List<Envelope<ChatEvent>> groupChanges = new ArrayList<>();

	private final List<Claim> claims = new ArrayList<>();

	private final List<MessageId> orphaning = new ArrayList<>();

	private final Map<MessageId, ChatMessage> newMessages = new LinkedHashMap<>();

	private final Map<MessageId, ChatMessage> changedMessages = new LinkedHashMap<>();

	private final Set<ConversationId> changedConversations = new HashSet<>();

	private final List<AppliedCommand> appliedCommands = new ArrayList<>();

	private final List<Envelope<ChatEvent>> events = new ArrayList<>();

	private final Map<ErrorCode, Integer> rejects = new EnumMap<>(ErrorCode.class);

	/** The commands refused as unprocessable, with the reason, by command id. */
	private final Map<UUID, String> unprocessable = new HashMap<>();

	/** The events of the command being applied. */
	private List<Envelope<ChatEvent>> produced = new ArrayList<>();

	/**
	 * Which command of the batch, by its place in the batch, caused each event, by event
	 * id: the event goes on in that command's trace.
	 */
	private final Map<UUID, Integer> causes = new HashMap<>();

	/** The place in the batch of the command being applied. */
	private int applying = -1;

	/** The messages of each sender in each conversation, for receipts to raise. */
	private final Map<Member, List<MessageId>> messagesBySender = new HashMap<>();

	CommandBatch(Instant now, int maxGroupMembers, Loaded loaded) {
		this.now = now;
		this.maxGroupMembers = maxGroupMembers;
		loaded.groups().forEach((id, stored) -> this.groups.put(id, new GroupView(id, stored)));
		this.alreadyApplied = new HashMap<>(loaded.alreadyApplied());
		this.existingUsers = loaded.existingUsers();
		this.sends = new HashMap<>(loaded.sends());
		this.messages = new HashMap<>(loaded.messages());
		this.loadedSequences = loaded.sequences();
		this.sequences = new HashMap<>(loaded.sequences());
		this.receiptMarks = new ReceiptMarks(loaded.marks());
		this.uploads = new HashMap<>(loaded.uploads());
		this.messages.values().forEach(this::indexBySender);
	}

	void apply(Envelope<InboundCommand> command) {
		this.applying++;
		// Only a client that bypassed the gateway sends such text: the gateway refuses
		// it.
		if (!command.payload().clientTexts().stream().allMatch(MessageRules::isStorable)) {
			unprocessable(command, UNSTORABLE_TEXT);
			return;
		}
		UUID commandId = command.eventId();
		command.payload().accept(new InboundCommand.Visitor<Void>() {

			@Override
			public Void send(SendMessage send) {
				// A send is idempotent by its temp id, so it needs no log of applied
				// commands.
				CommandBatch.this.send(commandId, send);
				return null;
			}

			@Override
			public Void edit(EditMessage edit) {
				once(command, () -> CommandBatch.this.edit(commandId, edit));
				return null;
			}

			@Override
			public Void delete(DeleteMessage delete) {
				once(command, () -> CommandBatch.this.delete(commandId, delete));
				return null;
			}

			@Override
			public Void report(ReportStatus report) {
				once(command, () -> CommandBatch.this.report(commandId, report));
				return null;
			}

			@Override
			public Void createGroup(CreateGroup create) {
				once(command, () -> CommandBatch.this.createGroup(commandId, create));
				return null;
			}

			@Override
			public Void changeGroup(ChangeGroup change) {
				once(command, () -> CommandBatch.this.changeGroup(commandId, change));
				return null;
			}

		});
	}

	/**
	 * Applies a command that is not a send at most once: a command applied before (in an
	 * earlier poll that was consumed again) replays the events it produced then.
	 */
	private void once(Envelope<InboundCommand> command, Runnable application) {
		List<Envelope<ChatEvent>> replay = this.alreadyApplied.get(command.eventId());
		if (replay != null) {
			replay.forEach(this::emitted);
			return;
		}
		this.produced = new ArrayList<>();
		application.run();
		List<Envelope<ChatEvent>> produced = List.copyOf(this.produced);
		this.alreadyApplied.put(command.eventId(), produced);
		this.appliedCommands
			.add(new AppliedCommand(command.eventId(), command.payload().conversationId().value(), produced));
	}

	private void send(UUID commandId, SendMessage send) {
		ChatMessage existing = this.sends.get(new SendKey(send.senderId(), send.tempId()));
		if (existing != null) {
			created(existing);
			return;
		}
		ErrorCode problem = sendProblem(send);
		List<MessageAttachment> files = (problem == null) ? attachable(send) : null;
		if (problem != null || files == null) {
			reject(commandId, send, (problem != null) ? problem : ErrorCode.INVALID_FIELD);
			return;
		}
		long seq = nextSeq(send.conversationId());
		ChatMessage message = new ChatMessage(send.messageId(), send.conversationId(), seq, seq, send.senderId(),
				send.receiverId(), send.tempId(), (send.content() != null) ? send.content() : "", MessageStatus.SENT,
				!files.isEmpty(), this.now, this.now, null, false, files);
		for (short ordinal = 0; ordinal < files.size(); ordinal++) {
			AttachmentId attached = files.get(ordinal).id();
			this.claims.add(new Claim(attached, message.id(), ordinal));
			this.uploads.remove(attached);
		}
		this.newMessages.put(message.id(), message);
		this.messages.put(message.id(), message);
		indexBySender(message);
		this.sends.put(SendKey.of(message), message);
		created(message);
	}

	private ErrorCode sendProblem(SendMessage send) {
		if (!MessageRules.isValidTempId(send.tempId())) {
			return ErrorCode.INVALID_FIELD;
		}
		ErrorCode contentError = MessageRules.contentError(send.content(), !send.attachmentIds().isEmpty());
		if (contentError != null) {
			return contentError;
		}
		if (send.attachmentIds().size() > MessageRules.MAX_ATTACHMENTS
				|| send.attachmentIds().stream().distinct().count() < send.attachmentIds().size()) {
			return ErrorCode.INVALID_FIELD;
		}
		if (send.toGroup()) {
			GroupView group = this.groups.get(send.conversationId());
			return (group != null && group.isMember(send.senderId())) ? null : ErrorCode.NOT_FOUND;
		}
		if (send.senderId().equals(send.receiverId()) || !this.existingUsers.contains(send.senderId())
				|| !this.existingUsers.contains(send.receiverId())) {
			return ErrorCode.UNKNOWN_RECEIVER;
		}
		// A direct send lands only in its pair's direct conversation, never in a group
		// that holds its id.
		if (!ConversationId.direct(send.senderId(), send.receiverId()).equals(send.conversationId())
				|| !this.sequences.containsKey(send.conversationId())
				|| this.groups.containsKey(send.conversationId())) {
			return ErrorCode.INVALID_FIELD;
		}
		return null;
	}

	/**
	 * The files of a send: each must be an upload of its sender, pending, not expired,
	 * and not attached by an earlier send of this batch.
	 * @return them in the send's order, or {@code null} if one is not attachable
	 */
	private List<MessageAttachment> attachable(SendMessage send) {
		List<MessageAttachment> files = new ArrayList<>(send.attachmentIds().size());
		for (AttachmentId id : send.attachmentIds()) {
			Upload upload = this.uploads.get(id);
			if (upload == null || !upload.attachableBy(send.senderId(), this.now)) {
				return null;
			}
			files.add(upload.file());
		}
		return files;
	}

	private void created(ChatMessage message) {
		emit(Envelope.of(EventIds.created(message.id()),
				new MessageCreated(message.conversationId(), message.seq(), message), message.createdAt()));
	}

	private void edit(UUID commandId, EditMessage edit) {
		ChatMessage message = ownMessage(commandId, edit, edit.messageId(), edit.actorId());
		if (message == null) {
			return;
		}
		ErrorCode contentError = MessageRules.contentError(edit.content());
		if (contentError != null) {
			reject(commandId, edit, contentError);
			return;
		}
		long seq = nextSeq(edit.conversationId());
		ChatMessage edited = message.edited(edit.content(), seq, this.now);
		changed(edited);
		emit(Envelope.of(EventIds.causedBy("MessageEdited", commandId),
				new MessageEdited(edited.conversationId(), seq, edited), this.now));
	}

	private void delete(UUID commandId, DeleteMessage delete) {
		ChatMessage message = ownMessage(commandId, delete, delete.messageId(), delete.actorId());
		if (message == null) {
			return;
		}
		long seq = nextSeq(delete.conversationId());
		if (message.hasAttachments()) {
			this.orphaning.add(message.id());
		}
		ChatMessage tombstone = message.deleted(seq, this.now);
		changed(tombstone);
		emit(Envelope.of(EventIds.causedBy("MessageDeleted", commandId),
				new MessageDeleted(tombstone.conversationId(), seq, tombstone), this.now));
	}

	/**
	 * The message an edit or delete may change, or {@code null} after rejecting the
	 * command: it must exist in the command's conversation, the actor must read it (else
	 * it does not exist for them), be its sender and, in a group, still be in it; it must
	 * not be deleted.
	 */
	private ChatMessage ownMessage(UUID commandId, InboundCommand command, MessageId messageId, UserId actor) {
		ChatMessage message = participantsMessage(messageId, command.conversationId(), actor);
		if (message == null) {
			reject(commandId, command, ErrorCode.NOT_FOUND);
			return null;
		}
		GroupView group = this.groups.get(message.conversationId());
		if (!message.senderId().equals(actor) || (group != null && !group.isMember(actor))) {
			reject(commandId, command, ErrorCode.FORBIDDEN);
			return null;
		}
		if (message.deleted()) {
			reject(commandId, command, ErrorCode.MESSAGE_DELETED);
			return null;
		}
		return message;
	}

	private ChatMessage participantsMessage(MessageId messageId, ConversationId conversationId, UserId actor) {
		ChatMessage message = (messageId != null) ? this.messages.get(messageId) : null;
		if (message == null || !message.conversationId().equals(conversationId)) {
			return null;
		}
		GroupView group = this.groups.get(conversationId);
		boolean participant = (group != null) ? group.readBy(actor, message)
				: message.senderId().equals(actor) || actor.equals(message.receiverId());
		return participant ? message : null;
	}

	private void report(UUID commandId, ReportStatus report) {
		ConversationId conversationId = report.conversationId();
		UserId reader = report.actorId();
		Marks old = this.receiptMarks.of(conversationId, reader);
		if (report.status() == null || !report.status().isReceipt()) {
			reject(commandId, report, ErrorCode.INVALID_FIELD);
			return;
		}
		GroupView group = this.groups.get(conversationId);
		if (group != null) {
			groupReport(commandId, report, group, old);
			return;
		}
		UserId sender;
		long upTo;
		if (report.messageId() != null) {
			ChatMessage message = participantsMessage(report.messageId(), conversationId, reader);
			if (message == null || old == null) {
				reject(commandId, report, ErrorCode.NOT_FOUND);
				return;
			}
			if (message.senderId().equals(reader)) {
				reject(commandId, report, ErrorCode.FORBIDDEN);
				return;
			}
			sender = message.senderId();
			upTo = message.seq();
		}
		else {
			sender = this.receiptMarks.peerOf(conversationId, reader);
			if (old == null || sender == null || report.upToSeq() == null || report.upToSeq() < 0) {
				reject(commandId, report, (old == null) ? ErrorCode.NOT_FOUND : ErrorCode.INVALID_FIELD);
				return;
			}
			upTo = Math.min(report.upToSeq(), this.sequences.getOrDefault(conversationId, 0L));
		}
		ReceiptChange change = this.receiptMarks.advance(commandId, new Member(conversationId, reader), report.status(),
				sender, upTo, () -> nextSeq(conversationId));
		if (change == null) {
			return;
		}
		if (change.joinedCommandId() != null) {
			withdraw(change.joinedCommandId());
		}
		Receipt receipt = change.receipt();
		raiseKnownStatuses(receipt);
		emit(Envelope.of(statusChangeId(commandId), new MessageStatusChanged(conversationId, receipt.seq(),
				report.messageId(), reader, sender, receipt.status(), receipt.upToSeq()), this.now));
	}

	private void createGroup(UUID commandId, CreateGroup create) {
		ConversationId id = create.conversationId();
		// Only an id the gateway mints for a group: never one a pair of users derives,
		// whose later messages the group would read.
		ErrorCode problem = (this.sequences.containsKey(id) || !id.isGroupForm()) ? ErrorCode.INVALID_FIELD
				: GroupView.createProblem(create, this.existingUsers, this.maxGroupMembers);
		if (problem != null) {
			reject(commandId, create, problem);
			return;
		}
		this.sequences.put(id, 0L);
		long seq = nextSeq(id);
		GroupView group = GroupView.create(create, seq, this.now);
		group.changedMemberships().keySet().forEach((member) -> this.receiptMarks.admit(new Member(id, member)));
		this.groups.put(id, group);
		this.newGroups.add(id);
		emitGroupChange(commandId, group.created(create.actorId(), seq));
	}

	private void changeGroup(UUID commandId, ChangeGroup change) {
		GroupView group = this.groups.get(change.conversationId());
		ErrorCode problem = (group != null) ? group.problem(change, this.existingUsers, this.maxGroupMembers)
				: ErrorCode.NOT_FOUND;
		if (problem != null) {
			reject(commandId, change, problem);
			return;
		}
		if (group.changes(change)) {
			emitGroupChange(commandId, group.apply(change, nextSeq(change.conversationId())));
			if (change.action() == GroupAction.ADD_MEMBER) {
				this.receiptMarks.admit(new Member(change.conversationId(), change.userId()));
			}
		}
	}

	private void emitGroupChange(UUID commandId, GroupChanged change) {
		Envelope<ChatEvent> event = Envelope.of(EventIds.causedBy("GroupChanged", commandId), change, this.now);
		this.groupChanges.add(event);
		emit(event);
	}

	/**
	 * A receipt in a group: it moves the reader's marks up to the message reported, which
	 * keeps its own status (a group's message has many readers); the event says how many
	 * members received and read that message.
	 */
	private void groupReport(UUID commandId, ReportStatus report, GroupView group, Marks old) {
		if (report.messageId() == null) {
			reject(commandId, report, ErrorCode.INVALID_FIELD);
			return;
		}
		ChatMessage message = participantsMessage(report.messageId(), report.conversationId(), report.actorId());
		if (message == null || old == null || !group.reads(report.actorId(), message.seq())) {
			reject(commandId, report, ErrorCode.NOT_FOUND);
			return;
		}
		if (message.senderId().equals(report.actorId())) {
			reject(commandId, report, ErrorCode.FORBIDDEN);
			return;
		}
		ConversationId conversationId = report.conversationId();
		// No sender: the receipt raises no message's status.
		ReceiptChange change = this.receiptMarks.advance(commandId, new Member(conversationId, report.actorId()),
				report.status(), null, message.seq(), () -> nextSeq(conversationId));
		if (change == null) {
			return;
		}
		if (change.joinedCommandId() != null) {
			withdraw(change.joinedCommandId());
		}
		Receipt receipt = change.receipt();
		emit(Envelope.of(statusChangeId(commandId),
				new MessageStatusChanged(conversationId, receipt.seq(), message.id(), report.actorId(),
						message.senderId(), receipt.status(), receipt.upToSeq(),
						group.counts(message, (member) -> this.receiptMarks.of(conversationId, member))),
				this.now));
	}

	/**
	 * Takes back the event of a report that a later one joined: its command is applied
	 * with no event of its own, the joined change carries both.
	 */
	private void withdraw(UUID commandId) {
		UUID withdrawn = statusChangeId(commandId);
		this.events.removeIf((event) -> event.eventId().equals(withdrawn));
		this.alreadyApplied.put(commandId, List.of());
		for (int index = this.appliedCommands.size() - 1; index >= 0; index--) {
			AppliedCommand applied = this.appliedCommands.get(index);
			if (applied.commandId().equals(commandId)) {
				this.appliedCommands.set(index,
						new AppliedCommand(applied.commandId(), applied.conversationId(), List.of()));
				return;
			}
		}
	}

	/**
	 * Raises the messages of the batch's view that a receipt covers: the messages this
	 * batch inserts or changes are written with it, and the receipt's own update leaves
	 * them alone.
	 */
	private void raiseKnownStatuses(Receipt receipt) {
		for (MessageId id : this.messagesBySender.getOrDefault(new Member(receipt.conversationId(), receipt.senderId()),
				List.of())) {
			ChatMessage message = this.messages.get(id);
			if (message.seq() <= receipt.upToSeq() && !message.deleted()
					&& message.status().canAdvanceTo(receipt.status()) && message.status() != MessageStatus.PENDING) {
				ChatMessage raised = message.withStatus(receipt.status(), receipt.seq(), this.now);
				this.messages.put(raised.id(), raised);
				this.newMessages.computeIfPresent(raised.id(), (key, stored) -> raised);
				this.changedMessages.computeIfPresent(raised.id(), (key, stored) -> raised);
			}
		}
	}

	/** The id of the status change a report makes, which a joining report withdraws. */
	private static UUID statusChangeId(UUID commandId) {
		return EventIds.causedBy("MessageStatusChanged", commandId);
	}

	private void emit(Envelope<ChatEvent> event) {
		emitted(event);
		this.produced.add(event);
	}

	private void emitted(Envelope<ChatEvent> event) {
		this.events.add(event);
		this.causes.put(event.eventId(), this.applying);
	}

	private void indexBySender(ChatMessage message) {
		this.messagesBySender
			.computeIfAbsent(new Member(message.conversationId(), message.senderId()), (key) -> new ArrayList<>())
			.add(message.id());
	}

	private void changed(ChatMessage message) {
		this.messages.put(message.id(), message);
		if (this.newMessages.containsKey(message.id())) {
			this.newMessages.put(message.id(), message);
		}
		else {
			this.changedMessages.put(message.id(), message);
		}
	}

	private long nextSeq(ConversationId conversationId) {
		this.receiptMarks.seqTaken(conversationId);
		this.changedConversations.add(conversationId);
		return this.sequences.merge(conversationId, 1L, Long::sum);
	}

	private void reject(UUID commandId, InboundCommand command, ErrorCode code) {
		this.rejects.merge(code, 1, Integer::sum);
		emit(Envelope.of(EventIds.causedBy("MessageRejected", commandId),
				command.rejected(code, Rejections.reason(code)), this.now));
	}

	/**
	 * Refuses a command that is never recorded as applied: processed again, it is refused
	 * again with the same event, and dead-lettered again.
	 */
	private void unprocessable(Envelope<InboundCommand> command, String reason) {
		this.unprocessable.put(command.eventId(), reason);
		this.rejects.merge(ErrorCode.UNPROCESSABLE, 1, Integer::sum);
		emit(Rejections.unprocessable(command, reason, this.now));
	}

	List<ChatMessage> newMessages() {
		return List.copyOf(this.newMessages.values());
	}

	List<ChatMessage> changedMessages() {
		return List.copyOf(this.changedMessages.values());
	}

	/** The receipts that raise the status of a direct conversation's messages. */
	List<Receipt> receipts() {
		return this.receiptMarks.receipts().stream().filter((receipt) -> receipt.senderId() != null).toList();
	}

	Map<Member, Marks> changedMarks() {
		return this.receiptMarks.changed();
	}

	Map<ConversationId, SequenceChange> changedSequences() {
		Map<ConversationId, SequenceChange> changed = new HashMap<>();
		this.changedConversations.forEach((id) -> changed.put(id,
				new SequenceChange(this.loadedSequences.getOrDefault(id, 0L), this.sequences.get(id))));
		return changed;
	}

	/** The groups this batch creates. */
	List<GroupView> newGroups() {
		return this.newGroups.stream().map(this.groups::get).toList();
	}

	/** The {@code GroupChanged} events of the changes this batch made, in order. */
	List<Envelope<ChatEvent>> groupChanges() {
		return this.groupChanges;
	}

	/** The groups that existed before this batch and that it changed. */
	List<GroupView> changedGroups() {
		return this.groups.values()
			.stream()
			.filter((group) -> !this.newGroups.contains(group.id()))
			.filter((group) -> group.renamed() || !group.changedMemberships().isEmpty())
			.toList();
	}

	/** The uploads this batch's sends attach. */
	List<Claim> claims() {
		return this.claims;
	}

	/** The messages this batch deleted whose attachments are orphaned. */
	List<MessageId> orphaning() {
		return this.orphaning;
	}

	List<AppliedCommand> appliedCommands() {
		return this.appliedCommands;
	}

	List<Envelope<ChatEvent>> events() {
		return this.events;
	}

	/**
	 * The place in the batch of the command that caused an event of {@link #events()}.
	 */
	int causeOf(Envelope<ChatEvent> event) {
		return this.causes.get(event.eventId());
	}

	/**
	 * The commands of this batch refused as unprocessable, with the reason, by command
	 * id: they belong on the dead-letter topic.
	 */
	Map<UUID, String> unprocessable() {
		return this.unprocessable;
	}

	/** Rejections in this batch, by error code. */
	Map<ErrorCode, Integer> rejects() {
		return this.rejects;
	}

	/**
	 * What the processor read from the database before applying the batch.
	 *
	 * @param alreadyApplied events of non-send commands applied by an earlier delivery
	 * @param existingUsers the users among those the commands name
	 * @param sends messages already stored under the batch's idempotency keys
	 * @param messages the messages the commands name
	 * @param sequences the conversations' last seq as read
	 * @param marks the members' receipt marks of the conversations with reports
	 * @param uploads the uploads the sends name that exist
	 * @param groups the groups among the commands' conversations
	 */
	record Loaded(Map<UUID, List<Envelope<ChatEvent>>> alreadyApplied, Set<UserId> existingUsers,
			Map<SendKey, ChatMessage> sends, Map<MessageId, ChatMessage> messages, Map<ConversationId, Long> sequences,
			Map<Member, Marks> marks, Map<AttachmentId, Upload> uploads, Map<ConversationId, StoredGroup> groups) {
	}

}
