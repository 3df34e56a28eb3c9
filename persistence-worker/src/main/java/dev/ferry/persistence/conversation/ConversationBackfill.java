package dev.ferry.persistence.conversation;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;

import dev.ferry.contracts.conversation.ConversationStarted;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.group.Group;
import dev.ferry.contracts.group.GroupMember;
import dev.ferry.contracts.group.GroupRole;
import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.kafka.Acknowledgements;
import dev.ferry.contracts.kafka.TopicFollower;
import dev.ferry.contracts.topic.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.Record8;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import static dev.ferry.schema.jooq.Tables.CONVERSATIONS;
import static dev.ferry.schema.jooq.Tables.CONVERSATION_MEMBERS;

/**
 * Fills {@code chat.conversations.v1} from the database when it has never held a record:
 * conversations older than the topic (a database from before it existed) are announced
 * once, so the delivery worker knows every conversation partner and every group's members
 * (a group with its members as the database holds them). New conversations are announced
 * with their first message, groups when created and with each change of their members, so
 * a topic that holds anything needs nothing.
 */
@Component
public class ConversationBackfill implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(ConversationBackfill.class);

	private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

	private static final int PAGE = 5_000;

	/**
	 * Groups per page: each comes with its members (up to a thousand), so a page of them
	 * is a page of at most 100,000 rows.
	 */
	private static final int GROUP_PAGE = 100;

	private final DSLContext dsl;

	private final KafkaTemplate<String, Envelope<? extends Payload>> kafka;

	private final Map<String, Object> consumerConfig;

	ConversationBackfill(DSLContext dsl, KafkaTemplate<String, Envelope<? extends Payload>> kafka,
			KafkaProperties kafkaProperties) {
		this.dsl = dsl;
		this.kafka = kafka;
		this.consumerConfig = kafkaProperties.buildConsumerProperties();
	}

	@Override
	public void run(ApplicationArguments args) {
		if (topicIsEmpty()) {
			announceAll();
		}
	}

	/** Publishes every conversation of the database and waits until Kafka has them. */
	public void announceAll() {
		int announced = announce(this::directPage) + announce(this::groupPage);
		if (announced > 0) {
			logger.info("Announced {} conversations from the database on {}", announced, Topics.CONVERSATIONS.name());
		}
	}

	/**
	 * Publishes the pages, each after the last id of the one before, until one is empty.
	 */
	private int announce(Function<UUID, List<ConversationStarted>> pages) {
		int announced = 0;
		UUID after = null;
		for (List<ConversationStarted> page = pages.apply(after); !page.isEmpty(); page = pages.apply(after)) {
			List<CompletableFuture<?>> sends = new ArrayList<>(page.size());
			for (ConversationStarted started : page) {
				sends.add(this.kafka.send(Topics.CONVERSATIONS.name(), Topics.keyOf(started),
						Envelope.of(started, started.startedAt())));
			}
			this.kafka.flush();
			Acknowledgements.await(sends, ACK_TIMEOUT, "conversations announced from the database");
			announced += page.size();
			after = page.get(page.size() - 1).conversationId().value();
		}
		return announced;
	}

	private boolean topicIsEmpty() {
		try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(this.consumerConfig, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			return consumer.endOffsets(TopicFollower.allPartitionsOf(Topics.CONVERSATIONS.name()).apply(consumer))
				.values()
				.stream()
				.allMatch((end) -> end == 0);
		}
	}

	/**
	 * The first {@code size} conversations of a kind after {@code after}, by id: the next
	 * page.
	 */
	private Condition nextPage(String kind, UUID after, int size) {
		return CONVERSATIONS.ID.in(this.dsl.select(CONVERSATIONS.ID)
			.from(CONVERSATIONS)
			.where((after != null) ? CONVERSATIONS.ID.gt(after) : DSL.noCondition())
			.and(CONVERSATIONS.KIND.eq(kind))
			.orderBy(CONVERSATIONS.ID)
			.limit(size));
	}

	/** The direct conversations after {@code after} by id, with their members. */
	private List<ConversationStarted> directPage(UUID after) {
		Map<UUID, Result<Record3<UUID, OffsetDateTime, UUID>>> rows = this.dsl
			.select(CONVERSATIONS.ID, CONVERSATIONS.CREATED_AT, CONVERSATION_MEMBERS.USER_ID)
			.from(CONVERSATIONS)
			.join(CONVERSATION_MEMBERS)
			.on(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(CONVERSATIONS.ID))
			.where(nextPage("DIRECT", after, PAGE))
			.orderBy(CONVERSATIONS.ID, CONVERSATION_MEMBERS.USER_ID)
			.fetchGroups(CONVERSATIONS.ID);
		List<ConversationStarted> page = new ArrayList<>(rows.size());
		rows.forEach((id,
				members) -> page.add(new ConversationStarted(new ConversationId(id),
						members.stream().map((row) -> new UserId(row.value3())).toList(),
						members.get(0).value2().toInstant())));
		return page;
	}

	/**
	 * The groups after {@code after} by id, each with its members as the database holds
	 * them, as of its last seq.
	 */
	private List<ConversationStarted> groupPage(UUID after) {
		Map<UUID, Result<Record8<UUID, String, String, OffsetDateTime, Long, UUID, String, Long>>> rows = this.dsl
			.select(CONVERSATIONS.ID, CONVERSATIONS.TITLE, CONVERSATIONS.HISTORY, CONVERSATIONS.CREATED_AT,
					CONVERSATIONS.LAST_SEQ, CONVERSATION_MEMBERS.USER_ID, CONVERSATION_MEMBERS.ROLE,
					CONVERSATION_MEMBERS.JOINED_AT_SEQ)
			.from(CONVERSATIONS)
			.join(CONVERSATION_MEMBERS)
			.on(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(CONVERSATIONS.ID))
			.where(nextPage("GROUP", after, GROUP_PAGE))
			.and(CONVERSATION_MEMBERS.LEFT_AT_SEQ.isNull())
			.orderBy(CONVERSATIONS.ID, CONVERSATION_MEMBERS.JOINED_AT_SEQ, CONVERSATION_MEMBERS.USER_ID)
			.fetchGroups(CONVERSATIONS.ID);
		List<ConversationStarted> page = new ArrayList<>(rows.size());
		rows.forEach((id, members) -> {
			var first = members.get(0);
			List<GroupMember> group = members.stream()
				.map((row) -> new GroupMember(new UserId(row.value6()), GroupRole.valueOf(row.value7()), row.value8()))
				.toList();
			page.add(new ConversationStarted(new ConversationId(id), group.stream().map(GroupMember::userId).toList(),
					first.value4().toInstant(), new Group(first.value2(), HistoryVisibility.valueOf(first.value3()),
							group, first.value4().toInstant(), first.value5())));
		});
		return page;
	}

}
