package dev.ferry.persistence.write;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
import dev.ferry.contracts.message.MessageStatus;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.FerryIntegrationTest;
import dev.ferry.persistence.ChatFixture;
import dev.ferry.persistence.system.TransientFailures;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.ferry.schema.jooq.Tables.CONVERSATIONS;
import static dev.ferry.schema.jooq.Tables.CONVERSATION_MEMBERS;
import static dev.ferry.schema.jooq.Tables.MESSAGES;
import static dev.ferry.schema.jooq.Tables.MESSAGE_ATTACHMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A poll as PostgreSQL sees it: one statement that reads, one that writes, and a write
 * that changes nothing when another writer changed what the read saw. The polls are
 * applied straight through the processor, so that each list below is one poll.
 */
@FerryIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PollIntegrationTests {

	@Autowired
	private CommandBatchProcessor processor;

	@Autowired
	private PollReads reads;

	@Autowired
	private PollWrites writes;

	private DSLContext dsl;

	private UserId alice;

	private UserId bob;

	private ConversationId conversation;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		FerryInfrastructure.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	@BeforeEach
	void users(FerryInfrastructure infrastructure) {
		this.dsl = DSL.using(infrastructure.dataSource(), SQLDialect.POSTGRES);
		this.alice = ChatFixture.user(this.dsl, "alice");
		this.bob = ChatFixture.user(this.dsl, "bob");
		this.conversation = ConversationId.direct(this.alice, this.bob);
	}

	@Test
	void aPollOfSendsEditsDeletesAndReceiptsIsOneReadAndOneWriteAsPostgreSQLCountsThem() {
		List<Envelope<InboundCommand>> sends = new ArrayList<>();
		List<MessageId> ids = new ArrayList<>();
		for (int index = 1; index <= 4; index++) {
			SendMessage send = new SendMessage(MessageId.newTimeOrdered(), this.conversation, this.alice, this.bob,
					"t-" + index, "message " + index);
			ids.add(send.messageId());
			sends.add(Envelope.of(send, Instant.now()));
		}

		resetStatementCounts();
		this.processor.apply(sends);
		assertThat(statementsSinceReset()).hasSize(2);

		List<Envelope<InboundCommand>> changes = List.of(
				command(new EditMessage(ids.get(0), this.conversation, this.alice, "edited")),
				command(new ReportStatus(this.conversation, this.bob, null, 3L, MessageStatus.DELIVERED)),
				command(new DeleteMessage(ids.get(3), this.conversation, this.alice)),
				command(new ReportStatus(this.conversation, this.bob, ids.get(1), null, MessageStatus.READ)));
		resetStatementCounts();
		this.processor.apply(changes);
		assertThat(statementsSinceReset()).hasSize(2);

		// As applied one after another: the edit takes seq 5, DELIVERED up to 3 seq 6,
		// the delete seq 7, READ up to 2 seq 8.
		assertThat(this.dsl.select(MESSAGES.SEQ, MESSAGES.CONTENT, MESSAGES.STATUS, MESSAGES.LAST_CHANGE_SEQ)
			.from(MESSAGES)
			.where(MESSAGES.CONVERSATION_ID.eq(this.conversation.value()))
			.orderBy(MESSAGES.SEQ)
			.fetch((row) -> row.value1() + " " + row.value2() + " " + row.value3() + " " + row.value4()))
			.containsExactly("1 edited READ 8", "2 message 2 READ 8", "3 message 3 DELIVERED 6", "4  SENT 7");
		assertThat(this.dsl.select(CONVERSATIONS.LAST_SEQ)
			.from(CONVERSATIONS)
			.where(CONVERSATIONS.ID.eq(this.conversation.value()))
			.fetchSingle()
			.value1()).isEqualTo(8);
		assertThat(this.dsl
			.select(CONVERSATION_MEMBERS.DELIVERED_UP_TO_SEQ, CONVERSATION_MEMBERS.READ_UP_TO_SEQ,
					CONVERSATION_MEMBERS.DELIVERED_CHANGED_SEQ, CONVERSATION_MEMBERS.READ_CHANGED_SEQ)
			.from(CONVERSATION_MEMBERS)
			.where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(this.conversation.value()))
			.and(CONVERSATION_MEMBERS.USER_ID.eq(this.bob.value()))
			.fetchSingle()
			.intoArray()).containsExactly(3L, 2L, 6L, 8L);
	}

	@Test
	void aReceiptInALaterPollRaisesEveryMessageAfterTheReadersMarkOfItsOwnStatus() {
		List<Envelope<InboundCommand>> sends = new ArrayList<>();
		for (int index = 1; index <= 4; index++) {
			sends.add(command(new SendMessage(MessageId.newTimeOrdered(), this.conversation, this.alice, this.bob,
					"t-" + index, "message " + index)));
		}
		this.processor.apply(sends);

		// Each a poll of its own: seqs 5, 6 and 7. READ up to 3 reaches back past the
		// DELIVERED mark (2) to the READ mark (0).
		this.processor
			.apply(List.of(command(new ReportStatus(this.conversation, this.bob, null, 2L, MessageStatus.DELIVERED))));
		this.processor
			.apply(List.of(command(new ReportStatus(this.conversation, this.bob, null, 3L, MessageStatus.READ))));
		this.processor
			.apply(List.of(command(new ReportStatus(this.conversation, this.bob, null, 4L, MessageStatus.DELIVERED))));

		assertThat(this.dsl.select(MESSAGES.SEQ, MESSAGES.STATUS, MESSAGES.LAST_CHANGE_SEQ)
			.from(MESSAGES)
			.where(MESSAGES.CONVERSATION_ID.eq(this.conversation.value()))
			.orderBy(MESSAGES.SEQ)
			.fetch((row) -> row.value1() + " " + row.value2() + " " + row.value3()))
			.containsExactly("1 READ 6", "2 READ 6", "3 READ 6", "4 DELIVERED 7");
	}

	@Test
	void aMessageSentAndDeletedInOnePollOrphansItsFileAtOnce() {
		AttachmentId file = upload(this.alice);
		SendMessage send = new SendMessage(MessageId.newTimeOrdered(), this.conversation, this.alice, this.bob, "t-1",
				"with a file", List.of(file));

		this.processor
			.apply(List.of(command(send), command(new DeleteMessage(send.messageId(), this.conversation, this.alice))));

		assertThat(this.dsl.select(MESSAGE_ATTACHMENTS.STATE, MESSAGE_ATTACHMENTS.MESSAGE_ID)
			.from(MESSAGE_ATTACHMENTS)
			.where(MESSAGE_ATTACHMENTS.ID.eq(file.value()))
			.fetchSingle()
			.intoArray()).containsExactly("ORPHANED", send.messageId().value());
		assertThat(this.dsl.select(MESSAGES.DELETED_AT.isNotNull())
			.from(MESSAGES)
			.where(MESSAGES.ID.eq(send.messageId().value()))
			.fetchSingle()
			.value1()).isTrue();
	}

	@Test
	void aWriteAfterAnotherWriterMovedTheSequenceChangesNothingAndIsRetried() {
		this.processor.apply(List.of(command(
				new SendMessage(MessageId.newTimeOrdered(), this.conversation, this.alice, this.bob, "t-1", "first"))));
		List<Envelope<InboundCommand>> poll = List.of(command(
				new SendMessage(MessageId.newTimeOrdered(), this.conversation, this.alice, this.bob, "t-2", "second")));
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		PollReads.Read read = this.reads.load(poll);
		CommandBatch batch = new CommandBatch(now, 1000, read.loaded());
		poll.forEach(batch::apply);
		// A consumer that lost the partition still writes meanwhile.
		this.dsl.update(CONVERSATIONS)
			.set(CONVERSATIONS.LAST_SEQ, 2L)
			.where(CONVERSATIONS.ID.eq(this.conversation.value()))
			.execute();

		Throwable failure = catchThrowable(() -> this.writes.write(batch, read.newConversations(), now));

		assertThat(failure).isNotNull();
		assertThat(TransientFailures.isTransient(failure)).isTrue();
		assertThat(sqlState(failure)).isEqualTo("40001");
		assertThat(this.dsl.fetchCount(MESSAGES, MESSAGES.CONVERSATION_ID.eq(this.conversation.value()))).isEqualTo(1);
		assertThat(this.dsl.select(CONVERSATIONS.LAST_SEQ)
			.from(CONVERSATIONS)
			.where(CONVERSATIONS.ID.eq(this.conversation.value()))
			.fetchSingle()
			.value1()).isEqualTo(2);
	}

	private void resetStatementCounts() {
		this.dsl.execute("select pg_stat_statements_reset()");
	}

	/**
	 * The statements PostgreSQL ran since the reset, each as often as it ran; not this
	 * query nor the reset, nor the driver's set-up of a connection the pool opens
	 * meanwhile. Nothing but the worker runs statements here meanwhile.
	 */
	private List<String> statementsSinceReset() {
		List<String> statements = new ArrayList<>();
		this.dsl.fetch("select calls, query from pg_stat_statements where query not like '%pg_stat_statements%'")
			.stream()
			.filter((row) -> !row.get(1, String.class).startsWith("SET application_name"))
			.forEach((row) -> {
				for (long call = 0; call < row.get(0, Long.class); call++) {
					statements.add(row.get(1, String.class));
				}
			});
		return statements;
	}

	private AttachmentId upload(UserId uploader) {
		AttachmentId id = new AttachmentId(UUID.randomUUID());
		this.dsl.insertInto(MESSAGE_ATTACHMENTS)
			.set(MESSAGE_ATTACHMENTS.ID, id.value())
			.set(MESSAGE_ATTACHMENTS.UPLOADER_ID, uploader.value())
			.set(MESSAGE_ATTACHMENTS.FILE_NAME, "notes.txt")
			.set(MESSAGE_ATTACHMENTS.CONTENT_TYPE, "text/plain")
			.set(MESSAGE_ATTACHMENTS.SIZE_BYTES, 5L)
			.set(MESSAGE_ATTACHMENTS.STORAGE_KEY, "attachments/" + id)
			.set(MESSAGE_ATTACHMENTS.SHA256, "0".repeat(64))
			.set(MESSAGE_ATTACHMENTS.EXPIRES_AT, OffsetDateTime.now(ZoneOffset.UTC).plus(Duration.ofHours(1)))
			.execute();
		return id;
	}

	private static Envelope<InboundCommand> command(InboundCommand command) {
		return Envelope.of(command, Instant.now());
	}

	private static String sqlState(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				return sql.getSQLState();
			}
		}
		return null;
	}

}
