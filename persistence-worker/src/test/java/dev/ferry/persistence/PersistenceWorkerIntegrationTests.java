package dev.ferry.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.ferry.contracts.command.ChangeGroup;
import dev.ferry.contracts.command.CreateGroup;
import dev.ferry.contracts.command.DeleteMessage;
import dev.ferry.contracts.command.EditMessage;
import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.command.ReportStatus;
import dev.ferry.contracts.command.SendMessage;
import dev.ferry.contracts.conversation.ConversationRecord;
import dev.ferry.contracts.conversation.ConversationStarted;
import dev.ferry.contracts.conversation.GroupMembership;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.event.MessageCreated;
import dev.ferry.contracts.event.MessageDeleted;
import dev.ferry.contracts.event.MessageEdited;
import dev.ferry.contracts.event.MessageRejected;
import dev.ferry.contracts.event.MessageStatusChanged;
import dev.ferry.contracts.group.Group;
import dev.ferry.contracts.group.GroupAction;
import dev.ferry.contracts.group.GroupMember;
import dev.ferry.contracts.group.GroupRole;
import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.EnvelopeDeserializer;
import dev.ferry.contracts.message.ImageSize;
import dev.ferry.contracts.message.MessageAttachment;
import dev.ferry.contracts.message.MessageStatus;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.FerryIntegrationTest;
import dev.ferry.infra.test.TopicTail;
import dev.ferry.persistence.conversation.ConversationBackfill;
import dev.ferry.infra.test.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.jooq.Record5;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.ferry.schema.jooq.Tables.CONVERSATIONS;
import static dev.ferry.schema.jooq.Tables.CONVERSATION_MEMBERS;
import static dev.ferry.schema.jooq.Tables.MESSAGES;
import static dev.ferry.schema.jooq.Tables.MESSAGE_ATTACHMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@FerryIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class PersistenceWorkerIntegrationTests {

	private ChatFixture chat;

	private UserId alice;

	private UserId bob;

	private ConversationId conversation;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		FerryInfrastructure.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	@BeforeEach
	void start(FerryInfrastructure infrastructure) {
		this.chat = new ChatFixture(infrastructure.kafkaBootstrapServers(), infrastructure.dataSource());
		this.alice = this.chat.user("alice");
		this.bob = this.chat.user("bob");
		this.conversation = ConversationId.direct(this.alice, this.bob);
	}

	@AfterEach
	void stop() {
		this.chat.close();
	}

	@Test
	void sameSendDeliveredThreeTimesMakesOneRowAndThreeIdenticalEvents() {
		Envelope<InboundCommand> send = ChatFixture.send(this.alice, this.bob, "t-1", "hello");
		this.chat.publish(send);
		this.chat.awaitEvents(this.conversation, 1);
		this.chat.publish(send);
		this.chat.publish(send);

		List<Envelope<ChatEvent>> events = this.chat.awaitEvents(this.conversation, 3);

		assertThat(events).hasSize(3).allSatisfy((event) -> assertThat(event).isEqualTo(events.get(0)));
		MessageCreated created = (MessageCreated) events.get(0).payload();
		assertThat(created.seq()).isEqualTo(1);
		assertThat(created.message().id()).isEqualTo(((SendMessage) send.payload()).messageId());
		assertThat(created.message().status()).isEqualTo(MessageStatus.SENT);
		assertThat(rows()).isEqualTo(1);
	}

	@Test
	void aConversationsFirstMessageAnnouncesTheConversationWithItsMembers(FerryInfrastructure infrastructure) {
		try (TopicTail<Envelope<ConversationStarted>> conversations = TopicTail.of(infrastructure,
				Topics.CONVERSATIONS.name(), new EnvelopeDeserializer<>(ConversationStarted.class))) {
			this.chat.publish(ChatFixture.send(this.alice, this.bob, "t-1", "first"));
			this.chat.publish(ChatFixture.send(this.bob, this.alice, "t-2", "second"));

			MessageCreated first = (MessageCreated) this.chat.awaitEvents(this.conversation, 2).get(0).payload();

			List<ConsumerRecord<String, Envelope<ConversationStarted>>> records = conversations
				.awaitRecords((record) -> record.key().equals(this.conversation.toString()), 1);
			assertThat(records.get(0).value().payload()).isEqualTo(new ConversationStarted(this.conversation,
					List.of(this.alice, this.bob), first.message().createdAt()));
		}
	}

	/**
	 * A conversation the database had before {@code chat.conversations.v1} existed (here
	 * written straight into it) is announced by the backfill that runs at start when the
	 * topic is empty; a group, as its latest change left it.
	 */
	@Test
	void theBackfillAnnouncesConversationsOnlyTheDatabaseHas(FerryInfrastructure infrastructure,
			@Autowired ConversationBackfill backfill) {
		ConversationId old = ConversationId.direct(this.alice, this.bob);
		OffsetDateTime created = OffsetDateTime.parse("2026-01-02T03:04:05.123456Z");
		this.chat.dsl()
			.insertInto(CONVERSATIONS)
			.set(CONVERSATIONS.ID, old.value())
			.set(CONVERSATIONS.KIND, "DIRECT")
			.set(CONVERSATIONS.CREATED_AT, created)
			.execute();
		for (UserId member : List.of(this.alice, this.bob)) {
			this.chat.dsl()
				.insertInto(CONVERSATION_MEMBERS)
				.set(CONVERSATION_MEMBERS.CONVERSATION_ID, old.value())
				.set(CONVERSATION_MEMBERS.USER_ID, member.value())
				.execute();
		}
		ConversationId group = ConversationId.newGroup();
		this.chat
			.publish(Envelope.of(new CreateGroup(group, this.alice, "Crew", List.of(this.bob), null), Instant.now()));
		GroupChanged groupCreated = (GroupChanged) this.chat.awaitEvents(group, 1).get(0).payload();
		try (TopicTail<Envelope<ConversationRecord>> conversations = TopicTail.of(infrastructure,
				Topics.CONVERSATIONS.name(), new EnvelopeDeserializer<>(ConversationRecord.class))) {
			backfill.announceAll();

			ConversationStarted announcedGroup = (ConversationStarted) conversations
				.awaitRecords((record) -> record.key().equals(group.toString()), 1)
				.get(0)
				.value()
				.payload();
			Group announcedMembers = announcedGroup.group();
			assertThat(List.of(announcedMembers.title(), announcedMembers.history(), announcedMembers.createdAt(),
					announcedMembers.changedSeq()))
				.containsExactly("Crew", HistoryVisibility.SINCE_JOIN, groupCreated.group().createdAt(), 1L);
			assertThat(announcedMembers.members()).containsExactlyInAnyOrder(
					new GroupMember(this.alice, GroupRole.OWNER, 1), new GroupMember(this.bob, GroupRole.MEMBER, 1));
			assertThat(announcedGroup.members()).containsExactlyInAnyOrder(this.alice, this.bob);

			ConversationStarted announced = (ConversationStarted) conversations
				.awaitRecords((record) -> record.key().equals(old.toString()), 1)
				.get(0)
				.value()
				.payload();
			assertThat(announced.conversationId()).isEqualTo(old);
			assertThat(announced.members()).containsExactlyInAnyOrder(this.alice, this.bob);
			assertThat(announced.startedAt()).isEqualTo(created.toInstant());
		}
	}

	/**
	 * A group's creation is announced with its members, each later change of its members
	 * as that member's record alone, and a rename not at all: nothing there grows with
	 * the group.
	 */
	@Test
	void aGroupsMembersAreAnnouncedOneChangedMemberAtATime(FerryInfrastructure infrastructure) {
		ConversationId group = ConversationId.newGroup();
		UserId carol = ChatFixture.user(this.chat.dsl(), "carol");
		try (TopicTail<Envelope<ConversationRecord>> conversations = TopicTail.of(infrastructure,
				Topics.CONVERSATIONS.name(), new EnvelopeDeserializer<>(ConversationRecord.class))) {
			this.chat.publish(
					Envelope.of(new CreateGroup(group, this.alice, "Crew", List.of(this.bob), null), Instant.now()));
			this.chat.publish(Envelope.of(new ChangeGroup(group, this.alice, GroupAction.ADD_MEMBER, carol, null, null),
					Instant.now()));
			this.chat.publish(
					Envelope.of(new ChangeGroup(group, this.alice, GroupAction.REMOVE_MEMBER, this.bob, null, null),
							Instant.now()));
			this.chat.publish(Envelope.of(new ChangeGroup(group, this.alice, GroupAction.RENAME, null, null, "Deck"),
					Instant.now()));
			this.chat.awaitEvents(group, 4);

			List<ConversationRecord> announced = conversations
				.awaitRecords((record) -> record.key().startsWith(group.toString()), 3)
				.stream()
				.map((record) -> record.value().payload())
				.toList();
			assertThat(announced).hasSize(3)
				.filteredOn(ConversationStarted.class::isInstance)
				.extracting((record) -> ((ConversationStarted) record).members())
				.containsExactly(List.of(this.alice, this.bob));
			assertThat(announced).filteredOn(GroupMembership.class::isInstance)
				.containsExactlyInAnyOrder(new GroupMembership(group, carol, GroupRole.MEMBER, 2, null, 2),
						new GroupMembership(group, this.bob, GroupRole.MEMBER, 1, 3L, 3));
		}
	}

	@Test
	void clientRetryWithOtherContentGetsTheOriginalMessage() {
		Envelope<InboundCommand> first = ChatFixture.send(this.alice, this.bob, "t-1", "original");
		this.chat.publish(first);
		this.chat.publish(ChatFixture.send(this.alice, this.bob, "t-1", "retry with other content"));

		List<Envelope<ChatEvent>> events = this.chat.awaitEvents(this.conversation, 2);

		assertThat(events.get(1)).isEqualTo(events.get(0));
		assertThat(((MessageCreated) events.get(1).payload()).message().content()).isEqualTo("original");
		assertThat(rows()).isEqualTo(1);
	}

	@Test
	void readCoversEarlierMessagesAndALateDeliveredChangesNothing() {
		List<MessageId> ids = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			Envelope<InboundCommand> send = ChatFixture.send(this.alice, this.bob, "t-" + i, "message " + i);
			ids.add(((SendMessage) send.payload()).messageId());
			this.chat.publish(send);
		}
		this.chat.publish(report(ids.get(4), MessageStatus.READ));
		this.chat.publish(report(ids.get(1), MessageStatus.DELIVERED));
		this.chat.publish(ChatFixture.send(this.alice, this.bob, "t-6", "after the late receipt"));

		List<Envelope<ChatEvent>> events = this.chat.awaitEvents(this.conversation, 7);

		assertThat(events).extracting((event) -> event.payload().getClass().getSimpleName())
			.containsExactly("MessageCreated", "MessageCreated", "MessageCreated", "MessageCreated", "MessageCreated",
					"MessageStatusChanged", "MessageCreated");
		assertThat(events.get(5).payload()).isEqualTo(new MessageStatusChanged(this.conversation, 6, ids.get(4),
				this.bob, this.alice, MessageStatus.READ, 5));
		assertThat(((MessageCreated) events.get(6).payload()).seq()).isEqualTo(7);
		assertThat(this.chat.dsl()
			.select(MESSAGES.SEQ, MESSAGES.STATUS)
			.from(MESSAGES)
			.where(MESSAGES.CONVERSATION_ID.eq(this.conversation.value()))
			.orderBy(MESSAGES.SEQ)
			.fetch((row) -> row.value1() + ":" + row.value2()))
			.containsExactly("1:READ", "2:READ", "3:READ", "4:READ", "5:READ", "7:SENT");
		assertThat(this.chat.dsl()
			.select(CONVERSATION_MEMBERS.DELIVERED_UP_TO_SEQ, CONVERSATION_MEMBERS.READ_UP_TO_SEQ,
					CONVERSATION_MEMBERS.READ_CHANGED_SEQ)
			.from(CONVERSATION_MEMBERS)
			.where(CONVERSATION_MEMBERS.USER_ID.eq(this.bob.value()))
			.fetchSingle()
			.intoArray()).containsExactly(5L, 5L, 6L);
	}

	@Test
	void editAndDeleteByAnyoneButTheSenderAreRejectedAndChangeNothing() {
		UserId carol = this.chat.user("carol");
		Envelope<InboundCommand> send = ChatFixture.send(this.alice, this.bob, "t-1", "mine");
		MessageId id = ((SendMessage) send.payload()).messageId();
		this.chat.publish(send);
		this.chat.publish(Envelope.of(new EditMessage(id, this.conversation, this.bob, "bob's words"), Instant.now()));
		this.chat.publish(Envelope.of(new DeleteMessage(id, this.conversation, carol), Instant.now()));
		this.chat.publish(Envelope.of(new DeleteMessage(id, this.conversation, this.alice), Instant.now()));
		this.chat.publish(Envelope.of(new EditMessage(id, this.conversation, this.alice, "too late"), Instant.now()));

		List<Envelope<ChatEvent>> events = this.chat.awaitEvents(this.conversation, 5);

		assertThat(events.get(1).payload()).isEqualTo(new MessageRejected(this.conversation, this.bob, null, id,
				"forbidden", "Only the sender may edit or delete a message, and only its receiver may report it"));
		assertThat(((MessageRejected) events.get(2).payload()).code()).isEqualTo("not_found");
		MessageDeleted deleted = (MessageDeleted) events.get(3).payload();
		assertThat(deleted.seq()).isEqualTo(2);
		assertThat(deleted.message().deleted()).isTrue();
		assertThat(deleted.message().content()).isEmpty();
		assertThat(((MessageRejected) events.get(4).payload()).code()).isEqualTo("message_deleted");
		var row = this.chat.dsl().selectFrom(MESSAGES).where(MESSAGES.ID.eq(id.value())).fetchSingle();
		assertThat(row.getContent()).isEmpty();
		assertThat(row.getEditedAt()).isNull();
		assertThat(row.getLastChangeSeq()).isEqualTo(2);
	}

	/**
	 * Two uploads of Alice's (as the gateway records them) attached by one send; one of
	 * Bob's that her second send names is refused. The events give the image its size. An
	 * edit keeps the files; a delete orphans them.
	 */
	@Test
	void aSendAttachesItsSendersUploadsAndTheEventsCarryThemUntilTheMessageIsDeleted() {
		AttachmentId chart = upload(this.alice, "chart.png", "image/png", 4096, new ImageSize(1200, 800));
		AttachmentId notes = upload(this.alice, "notes.txt", "text/plain", 12, null);
		AttachmentId bobs = upload(this.bob, "bobs.txt", "text/plain", 3, null);
		MessageId id = MessageId.newTimeOrdered();
		this.chat.publish(Envelope.of(
				new SendMessage(id, this.conversation, this.alice, this.bob, "t-files", "", List.of(chart, notes)),
				Instant.now()));
		this.chat.publish(Envelope.of(new SendMessage(MessageId.newTimeOrdered(), this.conversation, this.alice,
				this.bob, "t-bobs", "see", List.of(bobs)), Instant.now()));
		this.chat.publish(Envelope.of(new EditMessage(id, this.conversation, this.alice, "the chart"), Instant.now()));

		List<Envelope<ChatEvent>> events = this.chat.awaitEvents(this.conversation, 3);
		this.chat.publish(Envelope.of(new DeleteMessage(id, this.conversation, this.alice), Instant.now()));
		MessageDeleted deleted = (MessageDeleted) this.chat.awaitEvents(this.conversation, 4).get(3).payload();

		List<MessageAttachment> files = List.of(
				new MessageAttachment(chart, "chart.png", 4096, "image/png", new ImageSize(1200, 800)),
				new MessageAttachment(notes, "notes.txt", 12, "text/plain", null));
		MessageCreated created = (MessageCreated) events.get(0).payload();
		assertThat(events.get(0).version()).isEqualTo(3);
		assertThat(created.message().hasAttachments()).isTrue();
		assertThat(created.message().content()).isEmpty();
		assertThat(created.message().attachments()).isEqualTo(files);
		assertThat(((MessageRejected) events.get(1).payload()).code()).isEqualTo("invalid_field");
		assertThat(((MessageEdited) events.get(2).payload()).message().attachments()).isEqualTo(files);
		assertThat(deleted.message().attachments()).isEmpty();
		assertThat(deleted.message().hasAttachments()).isFalse();
		assertThat(this.chat.dsl()
			.select(MESSAGE_ATTACHMENTS.ID, MESSAGE_ATTACHMENTS.STATE, MESSAGE_ATTACHMENTS.ORDINAL)
			.from(MESSAGE_ATTACHMENTS)
			.where(MESSAGE_ATTACHMENTS.MESSAGE_ID.eq(id.value()))
			.orderBy(MESSAGE_ATTACHMENTS.ORDINAL)
			.fetch()
			.map((row) -> row.value1() + " " + row.value2() + " " + row.value3()))
			.containsExactly(chart + " ORPHANED 0", notes + " ORPHANED 1");
		assertThat(this.chat.dsl()
			.select(MESSAGE_ATTACHMENTS.STATE)
			.from(MESSAGE_ATTACHMENTS)
			.where(MESSAGE_ATTACHMENTS.ID.eq(bobs.value()))
			.fetchOne(MESSAGE_ATTACHMENTS.STATE)).isEqualTo("PENDING");
	}

	/**
	 * An upload still in flight has no name yet: a send naming it (only a forged one can)
	 * is refused like one naming an upload that is not pending, and the next is stored.
	 */
	@Test
	void aSendNamingAnUploadStillInFlightIsRefusedAsAnyUploadNotPending() {
		AttachmentId inFlight = AttachmentId.newTimeOrdered();
		this.chat.dsl()
			.insertInto(MESSAGE_ATTACHMENTS)
			.set(MESSAGE_ATTACHMENTS.ID, inFlight.value())
			.set(MESSAGE_ATTACHMENTS.UPLOADER_ID, this.alice.value())
			.set(MESSAGE_ATTACHMENTS.STATE, "UPLOADING")
			.set(MESSAGE_ATTACHMENTS.SIZE_BYTES, 10L)
			.set(MESSAGE_ATTACHMENTS.STORAGE_KEY, "attachments/" + inFlight)
			.set(MESSAGE_ATTACHMENTS.EXPIRES_AT, OffsetDateTime.now().plusMinutes(30))
			.execute();
		this.chat.publish(Envelope.of(new SendMessage(MessageId.newTimeOrdered(), this.conversation, this.alice,
				this.bob, "t-forged", "", List.of(inFlight)), Instant.now()));
		this.chat.publish(ChatFixture.send(this.alice, this.bob, "t-next", "next"));

		List<Envelope<ChatEvent>> events = this.chat.awaitEvents(this.conversation, 2);

		assertThat(((MessageRejected) events.get(0).payload()).code()).isEqualTo("invalid_field");
		assertThat(((MessageCreated) events.get(1).payload()).message().content()).isEqualTo("next");
	}

	/**
	 * An upload as the gateway records it: its uploader's, pending for a day, with its
	 * size if it is an image.
	 */
	private AttachmentId upload(UserId uploader, String name, String contentType, long size, ImageSize image) {
		AttachmentId id = AttachmentId.newTimeOrdered();
		this.chat.dsl()
			.insertInto(MESSAGE_ATTACHMENTS)
			.set(MESSAGE_ATTACHMENTS.ID, id.value())
			.set(MESSAGE_ATTACHMENTS.UPLOADER_ID, uploader.value())
			.set(MESSAGE_ATTACHMENTS.FILE_NAME, name)
			.set(MESSAGE_ATTACHMENTS.CONTENT_TYPE, contentType)
			.set(MESSAGE_ATTACHMENTS.SIZE_BYTES, size)
			.set(MESSAGE_ATTACHMENTS.WIDTH, (image != null) ? image.width() : null)
			.set(MESSAGE_ATTACHMENTS.HEIGHT, (image != null) ? image.height() : null)
			.set(MESSAGE_ATTACHMENTS.SHA256, "0".repeat(64))
			.set(MESSAGE_ATTACHMENTS.STORAGE_KEY, "attachments/" + id)
			.set(MESSAGE_ATTACHMENTS.EXPIRES_AT, OffsetDateTime.now().plusDays(1))
			.execute();
		return id;
	}

	@Test
	void redeliveredEditRepublishesTheSameEventAndTakesNoSecondSeq() {
		Envelope<InboundCommand> send = ChatFixture.send(this.alice, this.bob, "t-1", "first words");
		MessageId id = ((SendMessage) send.payload()).messageId();
		Envelope<InboundCommand> edit = Envelope.of(new EditMessage(id, this.conversation, this.alice, "better words"),
				Instant.now());
		this.chat.publish(send);
		this.chat.publish(edit);
		this.chat.awaitEvents(this.conversation, 2);
		this.chat.publish(edit);

		List<Envelope<ChatEvent>> events = this.chat.awaitEvents(this.conversation, 3);

		assertThat(events.get(2)).isEqualTo(events.get(1));
		assertThat(events.get(1).payload()).isInstanceOf(MessageEdited.class);
		assertThat(((MessageEdited) events.get(1).payload()).seq()).isEqualTo(2);
		assertThat(this.chat.dsl()
			.select(CONVERSATIONS.LAST_SEQ)
			.from(CONVERSATIONS)
			.where(CONVERSATIONS.ID.eq(this.conversation.value()))
			.fetchSingle(CONVERSATIONS.LAST_SEQ)).isEqualTo(2L);
	}

	@Test
	void sendToSomeoneWhoDoesNotExistIsRejectedAndWritesNothing() {
		UserId nobody = new UserId(UUID.randomUUID());
		ConversationId never = ConversationId.direct(this.alice, nobody);
		this.chat.publish(ChatFixture.send(this.alice, nobody, "t-1", "hello?"));

		List<Envelope<ChatEvent>> events = this.chat.awaitEvents(never, 1);

		assertThat(events.get(0).payload()).isEqualTo(new MessageRejected(never, this.alice, "t-1", null,
				"unknown_receiver", "No such receiver, or the sender themself"));
		assertThat(this.chat.dsl().fetchCount(CONVERSATIONS, CONVERSATIONS.ID.eq(never.value()))).isZero();
		assertThat(this.chat.dsl().fetchCount(MESSAGES, MESSAGES.CONVERSATION_ID.eq(never.value()))).isZero();
	}

	@Test
	void exposesThroughputBatchTransactionEventsRejectsAndConsumerLagMetrics(@Autowired MeterRegistry meters) {
		this.chat.publish(ChatFixture.send(this.alice, this.bob, "t-1", "counted"));
		this.chat.publish(ChatFixture.send(this.alice, this.bob, "t-2", "   "));
		this.chat.awaitEvents(this.conversation, 2);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(meters.counter("ferry.persistence.records", "type", "SendMessage").count()).isPositive();
			assertThat(meters.summary("ferry.persistence.batch.size").count()).isPositive();
			assertThat(meters.timer("ferry.persistence.transaction").count()).isPositive();
			assertThat(meters.counter("ferry.persistence.events.published").count()).isPositive();
			assertThat(meters.counter("ferry.persistence.rejects", "code", "content_empty").count()).isPositive();
			assertThat(meters.find("ferry.dead.letters")
				.tags("topic", "chat.inbound.v1.DLT", "reason", "unprocessable")
				.counter()).isNotNull();
			assertThat(meters.timer("ferry.pipeline.hop", "hop", "persisted").count()).isPositive();
			assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").meters()).isNotEmpty();
		});
	}

	@Test
	void tenThousandSendsFromFourProducersGetGaplessSeqsPerConversation() throws Exception {
		List<UserId[]> pairs = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			pairs.add(new UserId[] { this.chat.user("a" + i), this.chat.user("b" + i) });
		}
		ExecutorService producers = Executors.newFixedThreadPool(4);
		List<Future<?>> done = new ArrayList<>();
		for (int p = 0; p < 4; p++) {
			int producerIndex = p;
			done.add(producers.submit(() -> produce(pairs, producerIndex)));
		}
		for (Future<?> future : done) {
			future.get();
		}
		producers.shutdown();
		List<UUID> conversations = pairs.stream()
			.map((pair) -> ConversationId.direct(pair[0], pair[1]).value())
			.toList();

		await().atMost(Duration.ofSeconds(120))
			.until(() -> this.chat.dsl().fetchCount(MESSAGES, MESSAGES.CONVERSATION_ID.in(conversations)) == 10_000);

		List<Record5<UUID, Integer, Long, Long, Integer>> perConversation = this.chat.dsl()
			.select(MESSAGES.CONVERSATION_ID, DSL.count(), DSL.min(MESSAGES.SEQ), DSL.max(MESSAGES.SEQ),
					DSL.countDistinct(MESSAGES.SEQ))
			.from(MESSAGES)
			.where(MESSAGES.CONVERSATION_ID.in(conversations))
			.groupBy(MESSAGES.CONVERSATION_ID)
			.fetch();
		assertThat(perConversation).hasSize(200).allSatisfy((row) -> {
			assertThat(row.value2()).isEqualTo(50);
			assertThat(row.value3()).isEqualTo(1L);
			assertThat(row.value4()).isEqualTo(50L);
			assertThat(row.value5()).isEqualTo(50);
		});
		assertThat(this.chat.dsl()
			.fetchCount(CONVERSATIONS, CONVERSATIONS.ID.in(conversations).and(CONVERSATIONS.LAST_SEQ.eq(50L))))
			.isEqualTo(200);
	}

	@Test
	void poisonRecordGoesToTheDeadLetterTopicAndThePartitionKeepsFlowing(FerryInfrastructure infrastructure) {
		String key = this.conversation.toString();
		try (TopicWriter raw = TopicWriter.of(infrastructure);
				KafkaConsumer<String, byte[]> deadLetters = deadLetterConsumer()) {
			raw.writeRaw(Topics.INBOUND.name(), key, "{not json".getBytes());
			this.chat.publish(ChatFixture.send(this.alice, this.bob, "t-after-poison", "still flowing"));

			assertThat(
					((MessageCreated) this.chat.awaitEvents(this.conversation, 1).get(0).payload()).message().tempId())
				.isEqualTo("t-after-poison");
			List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				deadLetters.poll(Duration.ofMillis(200)).forEach((record) -> found.add(record));
				return found.stream().anyMatch((record) -> key.equals(record.key()));
			});
			ConsumerRecord<String, byte[]> dead = found.stream()
				.filter((record) -> key.equals(record.key()))
				.findFirst()
				.orElseThrow();
			assertThat(new String(dead.value())).isEqualTo("{not json");
			assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.INBOUND.name());
			assertThat(header(dead, "ferry-dlt-reason")).startsWith("Invalid record on chat.inbound.v1: Not JSON");
			assertThat(header(dead, "kafka_dlt-original-partition")).isNotNull();
		}
	}

	@Test
	void aU0000SendStraightOnTheTopicIsRefusedAsUnprocessableDeadLetteredAndTheNextAppliedWithinASecond() {
		try (KafkaConsumer<String, byte[]> deadLetters = deadLetterConsumer()) {
			// The worker has its partitions and the conversation exists: what follows
			// measures the poison, not a start.
			this.chat.publish(ChatFixture.send(this.alice, this.bob, "t-before", "before"));
			this.chat.awaitEvents(this.conversation, 1);
			Envelope<InboundCommand> poison = ChatFixture.send(this.alice, this.bob, "t-nul", "nul \u0000 byte");
			this.chat.publish(poison);
			long published = System.nanoTime();
			this.chat.publish(ChatFixture.send(this.alice, this.bob, "t-next", "next"));

			List<Envelope<ChatEvent>> events = this.chat.awaitEvents(this.conversation, 3);
			Duration toApplyTheNext = Duration.ofNanos(System.nanoTime() - published);

			assertThat(events.get(1).payload()).isEqualTo(new MessageRejected(this.conversation, this.alice, "t-nul",
					null, "unprocessable", "The command could not be applied: its text contains U+0000 or an"
							+ " unpaired surrogate, which the database cannot store"));
			MessageCreated next = (MessageCreated) events.get(2).payload();
			assertThat(next.message().tempId()).isEqualTo("t-next");
			assertThat(next.seq()).isEqualTo(2);
			assertThat(toApplyTheNext).isLessThan(Duration.ofSeconds(1));
			ConsumerRecord<String, byte[]> dead = awaitDeadLetter(deadLetters, poison.eventId().toString());
			assertThat(header(dead, "ferry-dlt-reason")).isEqualTo("UnprocessableCommandException: its text contains"
					+ " U+0000 or an unpaired surrogate, which the database cannot store");
			assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.INBOUND.name());
			assertThat(rows()).isEqualTo(2);
		}
	}

	@Test
	void aCommandTheDatabaseRefusesIsRefusedAsUnprocessableDeadLetteredAndTheOthersApplied() {
		this.chat.dsl()
			.execute("create function refuse_marked_content() returns trigger language plpgsql as $$ begin"
					+ " if new.content = 'refused by a trigger' then raise exception 'a test trigger refuses this row';"
					+ " end if; return new; end $$");
		this.chat.dsl()
			.execute("create trigger refuse_marked_content before insert on messages for each row"
					+ " execute function refuse_marked_content()");
		try (KafkaConsumer<String, byte[]> deadLetters = deadLetterConsumer()) {
			Envelope<InboundCommand> refused = ChatFixture.send(this.alice, this.bob, "t-2", "refused by a trigger");
			this.chat.publish(ChatFixture.send(this.alice, this.bob, "t-1", "first"));
			this.chat.publish(refused);
			this.chat.publish(ChatFixture.send(this.alice, this.bob, "t-3", "third"));

			List<Envelope<ChatEvent>> events = this.chat.awaitEvents(this.conversation, 3);

			assertThat(events).extracting(Envelope::payload)
				.extracting(PersistenceWorkerIntegrationTests::summary)
				.containsExactly("created t-1 seq 1", "rejected t-2 unprocessable", "created t-3 seq 2");
			assertThat(((MessageRejected) events.get(1).payload()).reason())
				.isEqualTo("The command could not be applied: it failed on its own and is kept for operators");
			ConsumerRecord<String, byte[]> dead = awaitDeadLetter(deadLetters, refused.eventId().toString());
			assertThat(header(dead, "ferry-dlt-reason")).contains("a test trigger refuses this row");
			assertThat(rows()).isEqualTo(2);
		}
		finally {
			this.chat.dsl().execute("drop trigger refuse_marked_content on messages");
			this.chat.dsl().execute("drop function refuse_marked_content");
		}
	}

	private static String summary(ChatEvent event) {
		if (event instanceof MessageCreated created) {
			return "created " + created.message().tempId() + " seq " + created.seq();
		}
		MessageRejected rejected = (MessageRejected) event;
		return "rejected " + rejected.tempId() + " " + rejected.code();
	}

	/** The dead letter whose JSON holds the command id. */
	private static ConsumerRecord<String, byte[]> awaitDeadLetter(KafkaConsumer<String, byte[]> deadLetters,
			String commandId) {
		List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			deadLetters.poll(Duration.ofMillis(200)).forEach(found::add);
			return found.stream().anyMatch((record) -> new String(record.value()).contains(commandId));
		});
		return found.stream()
			.filter((record) -> new String(record.value()).contains(commandId))
			.findFirst()
			.orElseThrow();
	}

	private void produce(List<UserId[]> pairs, int producerIndex) {
		try (KafkaProducer<String, Envelope<? extends Payload>> producer = ChatFixture
			.producer(this.chat.bootstrapServers())) {
			for (int round = 0; round < 50; round++) {
				for (int pair = producerIndex; pair < pairs.size(); pair += 4) {
					UserId[] users = pairs.get(pair);
					Envelope<InboundCommand> send = ChatFixture.send(users[0], users[1], "t-" + round,
							"message " + round);
					producer.send(new ProducerRecord<>(Topics.INBOUND.name(), Topics.keyOf(send.payload()), send));
				}
			}
			producer.flush();
		}
	}

	private KafkaConsumer<String, byte[]> deadLetterConsumer() {
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.chat.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, FerryInfrastructure.uniqueGroupId("dlt-reader"),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer());
		consumer.subscribe(List.of(Topics.INBOUND.deadLetterTopic().name()));
		return consumer;
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value());
	}

	private Envelope<InboundCommand> report(MessageId id, MessageStatus status) {
		return Envelope.of(new ReportStatus(this.conversation, this.bob, id, null, status), Instant.now());
	}

	private int rows() {
		return this.chat.dsl().fetchCount(MESSAGES, MESSAGES.CONVERSATION_ID.eq(this.conversation.value()));
	}

}
