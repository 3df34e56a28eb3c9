package dev.ferry.persistence.write;

import java.time.Instant;
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
import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.event.MessageCreated;
import dev.ferry.contracts.event.MessageDeleted;
import dev.ferry.contracts.event.MessageEdited;
import dev.ferry.contracts.event.MessageRejected;
import dev.ferry.contracts.event.MessageStatusChanged;
import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.message.MessageAttachment;
import dev.ferry.contracts.message.MessageStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * One poll's commands of every type applied in memory, without Kafka or a database.
 */
class CommandBatchTests {

	private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

	private final UserId alice = new UserId(UUID.randomUUID());

	private final UserId bob = new UserId(UUID.randomUUID());

	private final ConversationId conversation = ConversationId.direct(this.alice, this.bob);

	private final ChatMessage hello = new ChatMessage(MessageId.newTimeOrdered(), this.conversation, 1, 1, this.alice,
			this.bob, "t-1", "hello", MessageStatus.SENT, false, NOW, NOW, null, false);

	@Test
	void aSendTakesTheConversationsNextSeqAndIsCreatedAsSent() {
		CommandBatch batch = batch();
		MessageId id = MessageId.newTimeOrdered();
		batch.apply(Envelope.of(new SendMessage(id, this.conversation, this.alice, this.bob, "t-2", "ahoy"), NOW));

		ChatMessage stored = new ChatMessage(id, this.conversation, 2, 2, this.alice, this.bob, "t-2", "ahoy",
				MessageStatus.SENT, false, NOW, NOW, null, false);
		assertThat(batch.newMessages()).containsExactly(stored);
		assertThat(batch.events()).extracting(Envelope::payload)
			.containsExactly(new MessageCreated(this.conversation, 2, stored));
		assertThat(batch.changedSequences()).containsExactly(Map.entry(this.conversation, new SequenceChange(1, 2)));
		assertThat(batch.appliedCommands()).isEmpty();
	}

	@Test
	void aSendStoredBeforeIsAnnouncedAgainWithTheSameEventAndNotStoredTwice() {
		CommandBatch batch = new CommandBatch(NOW, 1000,
				new CommandBatch.Loaded(Map.of(), Set.of(this.alice, this.bob),
						Map.of(SendKey.of(this.hello), this.hello), Map.of(this.hello.id(), this.hello),
						Map.of(this.conversation, 1L), Map.of(), Map.of(), Map.of()));
		batch.apply(Envelope.of(
				new SendMessage(MessageId.newTimeOrdered(), this.conversation, this.alice, this.bob, "t-1", "hello"),
				NOW));

		assertThat(batch.events()).singleElement().satisfies((event) -> {
			assertThat(event.eventId()).isEqualTo(EventIds.created(this.hello.id()));
			assertThat(event.payload()).isEqualTo(new MessageCreated(this.conversation, 1, this.hello));
		});
		assertThat(batch.newMessages()).isEmpty();
		assertThat(batch.changedSequences()).isEmpty();
	}

	@Test
	void aSendIsRejectedWithTheCodeOfWhatIsWrongWithIt() {
		UserId stranger = new UserId(UUID.randomUUID());
		CommandBatch batch = batch();
		batch.apply(Envelope.of(new SendMessage(MessageId.newTimeOrdered(), ConversationId.direct(this.alice, stranger),
				this.alice, stranger, "t-2", "hi"), NOW));
		batch.apply(Envelope.of(
				new SendMessage(MessageId.newTimeOrdered(), this.conversation, this.alice, this.bob, "t-3", " \u200B "),
				NOW));
		batch.apply(Envelope.of(new SendMessage(MessageId.newTimeOrdered(), this.conversation, this.alice, this.bob,
				"t-4", "a".repeat(4001)), NOW));
		batch.apply(Envelope.of(new SendMessage(MessageId.newTimeOrdered(), this.conversation, this.alice, this.bob,
				"t".repeat(65), "hi"), NOW));

		assertThat(batch.events()).extracting(Envelope::payload)
			.extracting((event) -> ((MessageRejected) event).tempId(), (event) -> ((MessageRejected) event).code())
			.containsExactly(tuple("t-2", "unknown_receiver"), tuple("t-3", "content_empty"),
					tuple("t-4", "content_too_long"), tuple("t".repeat(65), "invalid_field"));
		assertThat(batch.rejects()).containsOnly(Map.entry(ErrorCode.UNKNOWN_RECEIVER, 1),
				Map.entry(ErrorCode.CONTENT_EMPTY, 1), Map.entry(ErrorCode.CONTENT_TOO_LONG, 1),
				Map.entry(ErrorCode.INVALID_FIELD, 1));
		assertThat(batch.newMessages()).isEmpty();
		assertThat(batch.changedSequences()).isEmpty();
	}

	/**
	 * Alice's two pending uploads, an expired one, one of Bob's and one already attached.
	 */
	@Test
	void aSendAttachesItsSendersPendingUploadsInItsOrderAndNoOneElses() {
		MessageAttachment chart = file("chart.png", "image/png");
		MessageAttachment notes = file("notes.txt", "text/plain");
		MessageAttachment old = file("old.txt", "text/plain");
		MessageAttachment bobs = file("bobs.txt", "text/plain");
		MessageAttachment sent = file("sent.txt", "text/plain");
		CommandBatch batch = batch(Map.of(chart.id(), pending(this.alice, chart, NOW.plusSeconds(60)), notes.id(),
				pending(this.alice, notes, NOW.plusSeconds(60)), old.id(), pending(this.alice, old, NOW), bobs.id(),
				pending(this.bob, bobs, NOW.plusSeconds(60)), sent.id(),
				new Upload(this.alice, "ATTACHED", null, sent)));
		MessageId id = MessageId.newTimeOrdered();

		batch.apply(Envelope.of(new SendMessage(id, this.conversation, this.alice, this.bob, "t-files", null,
				List.of(notes.id(), chart.id())), NOW));
		batch.apply(send("t-again", chart));
		batch.apply(send("t-old", old));
		batch.apply(send("t-bobs", bobs));
		batch.apply(send("t-sent", sent));
		batch.apply(Envelope.of(new SendMessage(MessageId.newTimeOrdered(), this.conversation, this.alice, this.bob,
				"t-empty", "", List.of()), NOW));

		ChatMessage stored = new ChatMessage(id, this.conversation, 2, 2, this.alice, this.bob, "t-files", "",
				MessageStatus.SENT, true, NOW, NOW, null, false, List.of(notes, chart));
		assertThat(batch.newMessages()).containsExactly(stored);
		assertThat(batch.claims()).containsExactly(new Claim(notes.id(), id, (short) 0),
				new Claim(chart.id(), id, (short) 1));
		assertThat(batch.events()).extracting(Envelope::payload)
			.startsWith(new MessageCreated(this.conversation, 2, stored))
			.filteredOn(MessageRejected.class::isInstance)
			.extracting((event) -> ((MessageRejected) event).tempId(), (event) -> ((MessageRejected) event).code())
			.containsExactly(tuple("t-again", "invalid_field"), tuple("t-old", "invalid_field"),
					tuple("t-bobs", "invalid_field"), tuple("t-sent", "invalid_field"),
					tuple("t-empty", "content_empty"));
	}

	@Test
	void deletingAMessageWithAttachmentsOrphansThem() {
		ChatMessage withFile = new ChatMessage(MessageId.newTimeOrdered(), this.conversation, 1, 1, this.alice,
				this.bob, "t-f", "", MessageStatus.SENT, true, NOW, NOW, null, false,
				List.of(file("a.pdf", "application/pdf")));
		CommandBatch batch = new CommandBatch(NOW, 1000,
				new CommandBatch.Loaded(Map.of(), Set.of(this.alice, this.bob), Map.of(),
						Map.of(withFile.id(), withFile, this.hello.id(), this.hello), Map.of(this.conversation, 1L),
						Map.of(), Map.of(), Map.of()));

		batch.apply(Envelope.of(new DeleteMessage(withFile.id(), this.conversation, this.alice), NOW));
		batch.apply(Envelope.of(new DeleteMessage(this.hello.id(), this.conversation, this.alice), NOW));

		assertThat(batch.orphaning()).containsExactly(withFile.id());
		assertThat(batch.events()).extracting(Envelope::payload)
			.first()
			.satisfies((deleted) -> assertThat(((MessageDeleted) deleted).message().attachments()).isEmpty());
	}

	private Envelope<InboundCommand> send(String tempId, MessageAttachment file) {
		return Envelope.of(new SendMessage(MessageId.newTimeOrdered(), this.conversation, this.alice, this.bob, tempId,
				"see attached", List.of(file.id())), NOW);
	}

	private static MessageAttachment file(String name, String contentType) {
		return new MessageAttachment(AttachmentId.newTimeOrdered(), name, 1024, contentType, null);
	}

	private static Upload pending(UserId uploader, MessageAttachment file, Instant expiresAt) {
		return new Upload(uploader, "PENDING", expiresAt, file);
	}

	private CommandBatch batch(Map<AttachmentId, Upload> uploads) {
		return new CommandBatch(NOW, 1000, new CommandBatch.Loaded(Map.of(), Set.of(this.alice, this.bob), Map.of(),
				Map.of(this.hello.id(), this.hello), Map.of(this.conversation, 1L), Map.of(), uploads, Map.of()));
	}

	@Test
	void anEditBySenderReplacesTheContentAtTheNextSeq() {
		CommandBatch batch = batch();
		Envelope<InboundCommand> edit = Envelope
			.of(new EditMessage(this.hello.id(), this.conversation, this.alice, "hello, Bob"), NOW);
		batch.apply(edit);

		ChatMessage edited = this.hello.edited("hello, Bob", 2, NOW);
		assertThat(batch.changedMessages()).containsExactly(edited);
		assertThat(batch.events()).extracting(Envelope::payload)
			.containsExactly(new MessageEdited(this.conversation, 2, edited));
		assertThat(batch.appliedCommands()).extracting(AppliedCommand::commandId).containsExactly(edit.eventId());
	}

	@Test
	void anEditOrDeleteByTheReceiverIsForbiddenAndOfAnUnknownMessageNotFound() {
		CommandBatch batch = batch();
		MessageId unknown = MessageId.newTimeOrdered();
		batch.apply(Envelope.of(new EditMessage(this.hello.id(), this.conversation, this.bob, "mine now"), NOW));
		batch.apply(Envelope.of(new DeleteMessage(this.hello.id(), this.conversation, this.bob), NOW));
		batch.apply(Envelope.of(new EditMessage(unknown, this.conversation, this.alice, "hi"), NOW));

		assertThat(batch.events()).extracting(Envelope::payload)
			.extracting((event) -> ((MessageRejected) event).messageId(), (event) -> ((MessageRejected) event).code())
			.containsExactly(tuple(this.hello.id(), "forbidden"), tuple(this.hello.id(), "forbidden"),
					tuple(unknown, "not_found"));
		assertThat(batch.changedMessages()).isEmpty();
		assertThat(batch.changedSequences()).isEmpty();
	}

	@Test
	void aDeleteLeavesATombstoneThatCanBeNeitherEditedNorDeletedAgain() {
		CommandBatch batch = batch();
		batch.apply(Envelope.of(new DeleteMessage(this.hello.id(), this.conversation, this.alice), NOW));
		batch.apply(Envelope.of(new EditMessage(this.hello.id(), this.conversation, this.alice, "back"), NOW));
		batch.apply(Envelope.of(new DeleteMessage(this.hello.id(), this.conversation, this.alice), NOW));

		ChatMessage tombstone = this.hello.deleted(2, NOW);
		assertThat(batch.changedMessages()).containsExactly(tombstone);
		assertThat(batch.events()).extracting(Envelope::payload)
			.containsExactly(new MessageDeleted(this.conversation, 2, tombstone),
					new MessageRejected(this.conversation, this.alice, null, this.hello.id(), "message_deleted",
							"The message was deleted"),
					new MessageRejected(this.conversation, this.alice, null, this.hello.id(), "message_deleted",
							"The message was deleted"));
	}

	@Test
	void aCommandAppliedInAnEarlierPollReplaysItsEventsAndWritesNothing() {
		Envelope<InboundCommand> edit = Envelope
			.of(new EditMessage(this.hello.id(), this.conversation, this.alice, "hello, Bob"), NOW);
		Envelope<ChatEvent> earlier = Envelope.of(EventIds.causedBy("MessageEdited", edit.eventId()),
				new MessageEdited(this.conversation, 2, this.hello.edited("hello, Bob", 2, NOW)), NOW);
		CommandBatch batch = new CommandBatch(NOW, 1000,
				new CommandBatch.Loaded(Map.of(edit.eventId(), List.of(earlier)), Set.of(this.alice, this.bob),
						Map.of(), Map.of(this.hello.id(), this.hello), Map.of(this.conversation, 2L), Map.of(),
						Map.of(), Map.of()));
		batch.apply(edit);

		assertThat(batch.events()).containsExactly(earlier);
		assertThat(batch.changedMessages()).isEmpty();
		assertThat(batch.appliedCommands()).isEmpty();
		assertThat(batch.changedSequences()).isEmpty();
	}

	@Test
	void aReceiptUpToASeqRaisesTheStatusOfTheSendersMessagesUpToIt() {
		CommandBatch batch = batch();
		MessageId id = MessageId.newTimeOrdered();
		batch.apply(Envelope.of(new SendMessage(id, this.conversation, this.alice, this.bob, "t-2", "ahoy"), NOW));
		batch.apply(Envelope.of(new ReportStatus(this.conversation, this.bob, null, 2L, MessageStatus.READ), NOW));

		assertThat(batch.newMessages()).extracting(ChatMessage::status, ChatMessage::lastChangeSeq)
			.containsExactly(tuple(MessageStatus.READ, 3L));
		assertThat(batch.events()).last()
			.extracting(Envelope::payload)
			.isEqualTo(
					new MessageStatusChanged(this.conversation, 3, null, this.bob, this.alice, MessageStatus.READ, 2));
		assertThat(batch.receipts())
			.containsExactly(new Receipt(this.conversation, this.alice, 0, 2, MessageStatus.READ, 3));
	}

	@Test
	void aReceiptThatMovesNoMarkChangesNothingAndOneForOnesOwnMessageIsForbidden() {
		CommandBatch batch = batch();
		batch.apply(report(MessageStatus.READ));
		batch.apply(report(MessageStatus.DELIVERED));
		batch.apply(Envelope
			.of(new ReportStatus(this.conversation, this.alice, this.hello.id(), null, MessageStatus.READ), NOW));
		batch.apply(Envelope
			.of(new ReportStatus(this.conversation, this.bob, this.hello.id(), null, MessageStatus.SENT), NOW));

		assertThat(batch.events()).extracting(Envelope::payload)
			.extracting((event) -> event.getClass().getSimpleName())
			.containsExactly("MessageStatusChanged", "MessageRejected", "MessageRejected");
		assertThat(batch.rejects()).containsOnly(Map.entry(ErrorCode.FORBIDDEN, 1),
				Map.entry(ErrorCode.INVALID_FIELD, 1));
		assertThat(batch.changedSequences()).containsExactly(Map.entry(this.conversation, new SequenceChange(1, 2)));
	}

	@Test
	void deliveredThenReadOfTheSameReaderMakeOneChange() {
		CommandBatch batch = batch();
		Envelope<InboundCommand> delivered = report(MessageStatus.DELIVERED);
		Envelope<InboundCommand> read = report(MessageStatus.READ);

		batch.apply(delivered);
		batch.apply(read);

		MessageStatusChanged change = new MessageStatusChanged(this.conversation, 2, this.hello.id(), this.bob,
				this.alice, MessageStatus.READ, 1);
		assertThat(batch.events()).extracting(Envelope::payload).containsExactly(change);
		assertThat(batch.receipts())
			.containsExactly(new Receipt(this.conversation, this.alice, 0, 1, MessageStatus.READ, 2));
		assertThat(batch.changedMarks())
			.containsExactly(Map.entry(new Member(this.conversation, this.bob), new Marks(1, 1, 2, 2)));
		assertThat(batch.changedSequences().get(this.conversation).to()).isEqualTo(2);
		assertThat(batch.appliedCommands()).extracting(AppliedCommand::commandId, (applied) -> applied.events().size())
			.containsExactly(tuple(delivered.eventId(), 0), tuple(read.eventId(), 1));
	}

	@Test
	void aChangeBetweenTwoReceiptsKeepsThemApart() {
		CommandBatch batch = batch();
		batch.apply(report(MessageStatus.DELIVERED));
		batch.apply(Envelope.of(
				new SendMessage(MessageId.newTimeOrdered(), this.conversation, this.bob, this.alice, "t-2", "hi Alice"),
				NOW));
		batch.apply(report(MessageStatus.READ));

		assertThat(batch.events())
			.extracting((event) -> event.payload().getClass().getSimpleName() + " "
					+ ((event.payload() instanceof MessageStatusChanged changed) ? changed.status() : ""))
			.containsExactly("MessageStatusChanged DELIVERED", "MessageCreated ", "MessageStatusChanged READ");
		assertThat(batch.changedSequences().get(this.conversation).to()).isEqualTo(4);
	}

	@Test
	void aSendTheDatabaseCannotStoreIsRefusedAsUnprocessableAndNotWritten() {
		CommandBatch batch = batch();
		Envelope<InboundCommand> send = Envelope.of(new SendMessage(MessageId.newTimeOrdered(), this.conversation,
				this.alice, this.bob, "t-2", "nul \u0000"), NOW);
		batch.apply(send);

		assertThat(batch.events()).extracting(Envelope::payload)
			.containsExactly(new MessageRejected(this.conversation, this.alice, "t-2", null, "unprocessable",
					"The command could not be applied: its text contains U+0000 or an unpaired surrogate,"
							+ " which the database cannot store"));
		assertThat(batch.unprocessable()).containsOnlyKeys(send.eventId());
		assertThat(batch.newMessages()).isEmpty();
		assertThat(batch.appliedCommands()).isEmpty();
	}

	@Test
	void anEditWithAnUnpairedSurrogateIsRefusedAsUnprocessableAndNotRecordedAsApplied() {
		CommandBatch batch = batch();
		Envelope<InboundCommand> edit = Envelope
			.of(new EditMessage(this.hello.id(), this.conversation, this.alice, "half \uD83D"), NOW);
		batch.apply(edit);

		assertThat(batch.events()).extracting(Envelope::payload)
			.extracting((event) -> ((MessageRejected) event).code(), (event) -> ((MessageRejected) event).messageId())
			.containsExactly(tuple("unprocessable", this.hello.id()));
		assertThat(batch.changedMessages()).isEmpty();
		assertThat(batch.appliedCommands()).isEmpty();
	}

	private CommandBatch batch() {
		return new CommandBatch(NOW, 1000,
				new CommandBatch.Loaded(
						Map.of(), Set.of(this.alice, this.bob), Map.of(), Map.of(this.hello.id(), this.hello),
						Map.of(this.conversation, 1L), Map.of(new Member(this.conversation, this.alice),
								new Marks(0, 0, 0, 0), new Member(this.conversation, this.bob), new Marks(0, 0, 0, 0)),
						Map.of(), Map.of()));
	}

	private Envelope<InboundCommand> report(MessageStatus status) {
		return Envelope.of(new ReportStatus(this.conversation, this.bob, this.hello.id(), null, status), NOW);
	}

}
