package dev.ferry.persistence.write;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.ferry.contracts.command.EditMessage;
import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.command.ReportStatus;
import dev.ferry.contracts.command.SendMessage;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.event.MessageRejected;
import dev.ferry.contracts.event.MessageStatusChanged;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.message.MessageStatus;
import dev.ferry.persistence.write.ConversationRepository.Marks;
import dev.ferry.persistence.write.ConversationRepository.Member;
import dev.ferry.persistence.write.MessageRepository.Receipt;
import dev.ferry.persistence.write.ProcessedCommandRepository.AppliedCommand;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * One poll's receipts applied in memory, without Kafka or a database.
 */
class CommandBatchTests {

	private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

	private final UserId alice = new UserId(UUID.randomUUID());

	private final UserId bob = new UserId(UUID.randomUUID());

	private final ConversationId conversation = ConversationId.direct(this.alice, this.bob);

	private final ChatMessage hello = new ChatMessage(MessageId.newTimeOrdered(), this.conversation, 1, 1, this.alice,
			this.bob, "t-1", "hello", MessageStatus.SENT, false, NOW, NOW, null, false);

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
			.containsExactly(new Receipt(this.conversation, this.alice, 1, MessageStatus.READ, 2));
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
		return new CommandBatch(NOW,
				new CommandBatch.Loaded(Map.of(), Set.of(this.alice, this.bob), Map.of(),
						Map.of(this.hello.id(), this.hello), Map.of(this.conversation, 1L),
						Map.of(new Member(this.conversation, this.alice), new Marks(0, 0, 0, 0),
								new Member(this.conversation, this.bob), new Marks(0, 0, 0, 0))));
	}

	private Envelope<InboundCommand> report(MessageStatus status) {
		return Envelope.of(new ReportStatus(this.conversation, this.bob, this.hello.id(), null, status), NOW);
	}

}
