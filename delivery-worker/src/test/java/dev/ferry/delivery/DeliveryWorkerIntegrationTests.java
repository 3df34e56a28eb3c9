package dev.ferry.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import dev.ferry.contracts.conversation.ConversationStarted;
import dev.ferry.contracts.conversation.GroupMembership;
import dev.ferry.contracts.delivery.RoutedPush;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.event.MessageCreated;
import dev.ferry.contracts.event.MessageRejected;
import dev.ferry.contracts.event.MessageStatusChanged;
import dev.ferry.contracts.frame.GroupChangedFrame;
import dev.ferry.contracts.frame.MessageCreatedFrame;
import dev.ferry.contracts.frame.MessageRejectedFrame;
import dev.ferry.contracts.frame.MessageStatusUpdatedFrame;
import dev.ferry.contracts.frame.PeerTypingFrame;
import dev.ferry.contracts.frame.UserStatusChangedFrame;
import dev.ferry.contracts.group.Group;
import dev.ferry.contracts.group.GroupChange;
import dev.ferry.contracts.group.GroupMember;
import dev.ferry.contracts.group.GroupRole;
import dev.ferry.contracts.group.GroupSummary;
import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.NodeId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.EnvelopeDeserializer;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.message.MessageStatus;
import dev.ferry.contracts.presence.NodeHeartbeat;
import dev.ferry.contracts.presence.SessionsChanged;
import dev.ferry.contracts.signal.TypingSignal;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.delivery.presence.ConversationPartners;
import dev.ferry.delivery.presence.PresenceTracker;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.FerryIntegrationTest;
import dev.ferry.infra.test.TopicTail;
import dev.ferry.infra.test.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

@FerryIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "ferry.delivery.offline-delay=1s", "ferry.delivery.presence-sweep-interval=200ms" })
@DirtiesContext
class DeliveryWorkerIntegrationTests {

	@Autowired
	private PresenceTracker presence;

	@Autowired
	private ConversationPartners partners;

	private TopicWriter topics;

	private TopicTail<Envelope<RoutedPush>> pushes;

	private final UserId alice = new UserId(UUID.randomUUID());

	private final UserId bob = new UserId(UUID.randomUUID());

	private final UserId carol = new UserId(UUID.randomUUID());

	private final NodeId node1 = new NodeId("node-" + UUID.randomUUID().toString().substring(0, 8));

	private final NodeId node2 = new NodeId("node-" + UUID.randomUUID().toString().substring(0, 8));

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		FerryInfrastructure.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	@BeforeEach
	void start(FerryInfrastructure infrastructure) {
		this.topics = TopicWriter.of(infrastructure);
		this.pushes = TopicTail.of(infrastructure, Topics.DELIVERY.name(),
				new EnvelopeDeserializer<>(RoutedPush.class));
		heartbeat(this.node1, Duration.ofMinutes(5));
		heartbeat(this.node2, Duration.ofMinutes(5));
	}

	@AfterEach
	void stop() {
		this.topics.close();
		this.pushes.close();
	}

	@Test
	void newMessageGoesToEveryNodeOfBothPartiesAndToNobodyElse() {
		connect(this.alice, this.node1, 1);
		connect(this.bob, this.node1, 2);
		connect(this.bob, this.node2, 1);
		awaitOnline(Map.of(this.node1, Set.of(this.alice, this.bob), this.node2, Set.of(this.bob)));
		ChatMessage message = message(this.alice, this.bob, 1);

		Envelope<MessageCreated> created = this.topics.write(Topics.EVENTS,
				new MessageCreated(message.conversationId(), 1, message));

		MessageCreatedFrame frame = new MessageCreatedFrame(message.conversationId(), 1, message);
		assertThat(awaitPushes(created.eventId(), 2))
			.extracting(RoutedPush::nodeId, (push) -> Set.copyOf(push.recipients()), RoutedPush::pushId,
					RoutedPush::frame)
			.containsExactlyInAnyOrder(
					tuple(this.node1, Set.of(this.alice, this.bob), created.eventId().toString(), frame),
					tuple(this.node2, Set.of(this.bob), created.eventId().toString(), frame));
	}

	@Test
	void statusChangeGoesToBothPartiesAndRejectionOnlyToTheSender() {
		connect(this.alice, this.node1, 1);
		connect(this.bob, this.node2, 1);
		awaitOnline(Map.of(this.node1, Set.of(this.alice), this.node2, Set.of(this.bob)));
		ConversationId conversation = ConversationId.direct(this.alice, this.bob);
		MessageId read = MessageId.newTimeOrdered();

		Envelope<MessageStatusChanged> status = this.topics.write(Topics.EVENTS,
				new MessageStatusChanged(conversation, 7, read, this.bob, this.alice, MessageStatus.READ, 5));
		Envelope<MessageRejected> rejected = this.topics.write(Topics.EVENTS,
				new MessageRejected(conversation, this.alice, "t-9", null, "forbidden", "Not allowed"));

		assertThat(awaitPushes(status.eventId(), 2))
			.extracting(RoutedPush::nodeId, RoutedPush::recipients, RoutedPush::frame)
			.containsExactlyInAnyOrder(
					tuple(this.node1, List.of(this.alice),
							new MessageStatusUpdatedFrame(conversation, 7, read, MessageStatus.READ, 5)),
					tuple(this.node2, List.of(this.bob),
							new MessageStatusUpdatedFrame(conversation, 7, read, MessageStatus.READ, 5)));
		assertThat(awaitPushes(rejected.eventId(), 1))
			.containsExactly(new RoutedPush(this.node1, List.of(this.alice), rejected.eventId().toString(),
					new MessageRejectedFrame("t-9", null, conversation, "forbidden", "Not allowed")));
	}

	@Test
	void aGroupMessageGoesOncePerNodeToItsMembersThereAndARemovedMemberGetsNoMore() {
		connect(this.alice, this.node1, 1);
		connect(this.bob, this.node1, 1);
		connect(this.carol, this.node2, 2);
		awaitOnline(Map.of(this.node1, Set.of(this.alice, this.bob), this.node2, Set.of(this.carol)));
		ConversationId crew = ConversationId.newGroup();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Group group = new Group("Crew", HistoryVisibility.SINCE_JOIN,
				List.of(new GroupMember(this.alice, GroupRole.OWNER, 1), new GroupMember(this.bob, GroupRole.MEMBER, 1),
						new GroupMember(this.carol, GroupRole.MEMBER, 1)),
				now, 1);
		// Known from the compacted topic only, as after a restart.
		this.topics.write(Topics.CONVERSATIONS,
				new ConversationStarted(crew, List.of(this.alice, this.bob, this.carol), now, group));
		ChatMessage hello = groupMessage(crew, this.alice, 2);

		Envelope<MessageCreated> created = this.topics.write(Topics.EVENTS, new MessageCreated(crew, 2, hello));

		assertThat(awaitPushes(created.eventId(), 2))
			.extracting(RoutedPush::nodeId, (push) -> Set.copyOf(push.recipients()))
			.containsExactlyInAnyOrder(tuple(this.node1, Set.of(this.alice, this.bob)),
					tuple(this.node2, Set.of(this.carol)));

		GroupChanged removed = new GroupChanged(crew, 3, this.alice, GroupChange.MEMBER_REMOVED, this.bob,
				List.of(new GroupMember(this.bob, GroupRole.MEMBER, 1)),
				new GroupSummary("Crew", HistoryVisibility.SINCE_JOIN, now, 3));
		Envelope<GroupChanged> change = this.topics.write(Topics.EVENTS, removed);
		Envelope<MessageCreated> after = this.topics.write(Topics.EVENTS,
				new MessageCreated(crew, 4, groupMessage(crew, this.carol, 4)));

		assertThat(awaitPushes(change.eventId(), 2))
			.extracting(RoutedPush::nodeId, (push) -> Set.copyOf(push.recipients()), RoutedPush::frame)
			.containsExactlyInAnyOrder(tuple(this.node1, Set.of(this.alice, this.bob), GroupChangedFrame.of(removed)),
					tuple(this.node2, Set.of(this.carol), GroupChangedFrame.of(removed)));
		assertThat(awaitPushes(after.eventId(), 2))
			.extracting(RoutedPush::nodeId, (push) -> Set.copyOf(push.recipients()))
			.containsExactlyInAnyOrder(tuple(this.node1, Set.of(this.alice)), tuple(this.node2, Set.of(this.carol)));
	}

	/**
	 * Bob was removed from the group before the worker restarted, and the record that
	 * says so sits behind a long history of the compacted topic, while the group's own
	 * record (with Bob) is read at once. The restarted worker routes the group's next
	 * message only once it has read the whole topic: Bob never gets it.
	 */
	@Test
	void aRestartedWorkerRoutesAGroupOnlyOnceItHasReadTheWholeTopic(
			@Autowired KafkaListenerEndpointRegistry listeners) {
		connect(this.alice, this.node1, 1);
		connect(this.bob, this.node1, 1);
		awaitOnline(Map.of(this.node1, Set.of(this.alice, this.bob)));
		ConversationId crew = ConversationId.newGroup();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		this.topics.write(Topics.CONVERSATIONS,
				new ConversationStarted(crew, List.of(this.alice, this.bob), now,
						new Group("Crew", HistoryVisibility.SINCE_JOIN,
								List.of(new GroupMember(this.alice, GroupRole.OWNER, 1),
										new GroupMember(this.bob, GroupRole.MEMBER, 1)),
								now, 1)));
		GroupMembership removal = new GroupMembership(crew, this.bob, GroupRole.MEMBER, 1, 2L, 2);
		int partition = Utils.toPositive(Utils.murmur2(Topics.keyOf(removal).getBytes(StandardCharsets.UTF_8)))
				% Topics.CONVERSATIONS.partitions();
		this.topics.writeAll(Topics.CONVERSATIONS, partition,
				Stream
					.generate(() -> new ConversationStarted(ConversationId.newGroup(),
							List.of(new UserId(UUID.randomUUID()), new UserId(UUID.randomUUID())), now))
					.limit(100_000)
					.toList());
		this.topics.write(Topics.CONVERSATIONS, partition, removal);
		MessageListenerContainer router = listeners.getListenerContainer("ferry-delivery");
		router.stop();
		try {
			Envelope<MessageCreated> created = this.topics.write(Topics.EVENTS,
					new MessageCreated(crew, 3, groupMessage(crew, this.alice, 3)));
			// As arguments, which win over the worker's application.yaml.
			String[] arguments = Stream
				.concat(FerryInfrastructure.get().springProperties().entrySet().stream(),
						Map.of("server.port", "0").entrySet().stream())
				.map((property) -> "--" + property.getKey() + "=" + property.getValue())
				.toArray(String[]::new);
			try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(
					DeliveryWorkerApplication.class)
				.run(arguments)) {
				assertThat(awaitPushes(created.eventId(), 1)).extracting(RoutedPush::nodeId, RoutedPush::recipients)
					.containsExactly(tuple(this.node1, List.of(this.alice)));
			}
		}
		finally {
			router.start();
		}
	}

	@Test
	void offlineReceiverGetsNothingAndAnExpiredNodeCountsAsOffline() {
		NodeId dying = new NodeId("node-" + UUID.randomUUID().toString().substring(0, 8));
		heartbeat(dying, Duration.ofSeconds(2));
		connect(this.alice, this.node1, 1);
		connect(this.bob, dying, 1);
		awaitOnline(Map.of(this.node1, Set.of(this.alice), dying, Set.of(this.bob)));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.presence.nodesOf(List.of(this.alice, this.bob))
				.equals(Map.of(this.node1, Set.of(this.alice))));
		ChatMessage message = message(this.alice, this.bob, 1);

		Envelope<MessageCreated> created = this.topics.write(Topics.EVENTS,
				new MessageCreated(message.conversationId(), 1, message));

		assertThat(awaitPushes(created.eventId(), 1)).extracting(RoutedPush::nodeId, RoutedPush::recipients)
			.containsExactly(tuple(this.node1, List.of(this.alice)));
	}

	@Test
	void conversationPartnersAreToldWhenAUserComesOnlineAndWhenTheUserLeftOrTheNodeDied() {
		startConversation(this.carol, this.bob);
		startConversation(this.alice, this.carol);
		UserId stranger = new UserId(UUID.randomUUID());
		connect(this.carol, this.node1, 1);
		connect(stranger, this.node1, 1);
		awaitOnline(Map.of(this.node1, Set.of(this.carol, stranger)));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.partners.of(this.bob).contains(this.carol)
					&& this.partners.of(this.alice).contains(this.carol));

		Envelope<SessionsChanged> online = connect(this.bob, this.node2, 1);
		assertThat(awaitStatusPushes(this.bob, true)).extracting(RoutedPush::recipients, RoutedPush::frame)
			.containsExactly(tuple(List.of(this.carol), statusFrame(this.bob, true, online)));
		// Node 2 holds no partner of Bob's: it is told with no recipients, for its
		// sockets that watch Bob.
		assertThat(awaitStatusPushes(this.node2, this.bob, true)).extracting(RoutedPush::recipients)
			.containsExactly(List.of());

		Envelope<SessionsChanged> left = connect(this.bob, this.node2, 0);
		assertThat(awaitStatusPushes(this.bob, false)).extracting(RoutedPush::recipients, RoutedPush::frame)
			.containsExactly(tuple(List.of(this.carol), statusFrame(this.bob, false, left)));

		NodeId dying = new NodeId("node-" + UUID.randomUUID().toString().substring(0, 8));
		heartbeat(dying, Duration.ofSeconds(2));
		connect(this.alice, dying, 1);
		awaitStatusPushes(this.alice, true);
		// No session count reaches zero: only the missing heartbeats take Alice offline.
		assertThat(awaitStatusPushes(this.alice, false)).extracting(RoutedPush::recipients)
			.containsExactly(List.of(this.carol));
	}

	@Test
	void typingGoesToThePeerUnlessItExpiredOnItsWay() {
		connect(this.alice, this.node1, 1);
		connect(this.bob, this.node2, 1);
		awaitOnline(Map.of(this.node1, Set.of(this.alice), this.node2, Set.of(this.bob)));
		ConversationId conversation = ConversationId.direct(this.alice, this.bob);

		Envelope<TypingSignal> stale = this.topics.write(Topics.SIGNALS,
				new TypingSignal(conversation, this.alice, this.bob, true, Instant.now().minusSeconds(1)));
		Envelope<TypingSignal> live = this.topics.write(Topics.SIGNALS,
				new TypingSignal(conversation, this.alice, this.bob, true, Instant.now().plusSeconds(5)));

		assertThat(awaitPushes(live.eventId(), 1)).containsExactly(new RoutedPush(this.node2, List.of(this.bob),
				live.eventId().toString(), new PeerTypingFrame(conversation, this.alice, true)));
		assertThat(this.pushes.awaitRecords((record) -> true, 1))
			.noneMatch((record) -> record.value().payload().pushId().equals(stale.eventId().toString()));
	}

	@Test
	void unreadableEventGoesToTheDeadLetterTopicAndTheNextOneIsRouted(FerryInfrastructure infrastructure) {
		connect(this.alice, this.node1, 1);
		awaitOnline(Map.of(this.node1, Set.of(this.alice)));
		ChatMessage message = message(this.alice, this.bob, 1);
		try (TopicTail<byte[]> deadLetters = TopicTail.of(infrastructure, Topics.EVENTS.deadLetterTopic().name(),
				new ByteArrayDeserializer())) {
			this.topics.writeRaw(Topics.EVENTS.name(), message.conversationId().toString(),
					"{not json".getBytes(StandardCharsets.UTF_8));
			Envelope<MessageCreated> next = this.topics.write(Topics.EVENTS,
					new MessageCreated(message.conversationId(), 1, message));

			assertThat(awaitPushes(next.eventId(), 1)).hasSize(1);
			ConsumerRecord<String, byte[]> dead = deadLetters.awaitRecords((record) -> true, 1).get(0);
			assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
			assertThat(new String(dead.headers().lastHeader("ferry-dlt-reason").value(), StandardCharsets.UTF_8))
				.startsWith("Not JSON");
		}
	}

	private Envelope<SessionsChanged> connect(UserId user, NodeId node, int sessions) {
		return this.topics.write(Topics.PRESENCE,
				new SessionsChanged(user, node, sessions, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
	}

	private void startConversation(UserId first, UserId second) {
		this.topics.write(Topics.CONVERSATIONS,
				new ConversationStarted(ConversationId.direct(first, second), List.of(first, second), Instant.now()));
	}

	private void heartbeat(NodeId node, Duration ttl) {
		this.topics.write(Topics.PRESENCE, new NodeHeartbeat(node, Instant.now(), ttl, deliveryPartitionOf(node)));
	}

	/** The partition each node says it reads: node 1 the last, any other the first. */
	private int deliveryPartitionOf(NodeId node) {
		return node.equals(this.node1) ? Topics.DELIVERY.partitions() - 1 : 0;
	}

	private void awaitOnline(Map<NodeId, Set<UserId>> expected) {
		List<UserId> users = expected.values().stream().flatMap(Set::stream).distinct().toList();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.presence.nodesOf(users).equals(expected));
	}

	private List<RoutedPush> awaitPushes(UUID eventId, int count) {
		return this.pushes.awaitRecords((record) -> record.value().payload().pushId().equals(eventId.toString()), count)
			.stream()
			.map((record) -> {
				assertThat(record.key()).isEqualTo(record.value().payload().nodeId().value());
				assertThat(record.partition()).isEqualTo(deliveryPartitionOf(record.value().payload().nodeId()));
				return record.value().payload();
			})
			.toList();
	}

	/** What Carol's node, node 1, was told about the user. */
	private List<RoutedPush> awaitStatusPushes(UserId user, boolean online) {
		return awaitStatusPushes(this.node1, user, online);
	}

	private List<RoutedPush> awaitStatusPushes(NodeId node, UserId user, boolean online) {
		return this.pushes
			.awaitRecords((record) -> record.value().payload().nodeId().equals(node)
					&& record.value().payload().frame() instanceof UserStatusChangedFrame frame
					&& frame.userId().equals(user) && frame.online() == online, 1)
			.stream()
			.map((record) -> record.value().payload())
			.toList();
	}

	private static UserStatusChangedFrame statusFrame(UserId user, boolean online, Envelope<SessionsChanged> cause) {
		return new UserStatusChangedFrame(user, online, cause.payload().lastSeenAt());
	}

	private static ChatMessage groupMessage(ConversationId group, UserId sender, long seq) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return new ChatMessage(MessageId.newTimeOrdered(), group, seq, seq, sender, null, "t-" + seq, "hello " + seq,
				MessageStatus.SENT, false, now, now, null, false);
	}

	private static ChatMessage message(UserId sender, UserId receiver, long seq) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return new ChatMessage(MessageId.newTimeOrdered(), ConversationId.direct(sender, receiver), seq, seq, sender,
				receiver, "t-" + seq, "hello " + seq, MessageStatus.SENT, false, now, now, null, false);
	}

}
