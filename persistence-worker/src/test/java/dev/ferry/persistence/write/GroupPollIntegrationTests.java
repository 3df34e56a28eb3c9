package dev.ferry.persistence.write;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

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
import dev.ferry.contracts.event.MessageEdited;
import dev.ferry.contracts.event.MessageRejected;
import dev.ferry.contracts.event.MessageStatusChanged;
import dev.ferry.contracts.group.GroupAction;
import dev.ferry.contracts.group.GroupChange;
import dev.ferry.contracts.group.GroupMember;
import dev.ferry.contracts.group.GroupRole;
import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.group.ReceiptCounts;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.MessageStatus;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.FerryIntegrationTest;
import dev.ferry.persistence.ChatFixture;
import dev.ferry.schema.GroupChangeRows;
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
import static dev.ferry.schema.jooq.Tables.GROUP_CHANGES;
import static dev.ferry.schema.jooq.Tables.MESSAGES;
import static dev.ferry.schema.jooq.Tables.PROCESSED_COMMANDS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Groups as the persistence worker applies their commands: membership changes take seqs
 * in the one order of the group's messages, and only who may change a group does.
 */
@FerryIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class GroupPollIntegrationTests {

	@Autowired
	private CommandBatchProcessor processor;

	private DSLContext dsl;

	private UserId owner;

	private UserId bob;

	private UserId carol;

	private UserId dave;

	private ConversationId group;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		FerryInfrastructure.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	@BeforeEach
	void users(FerryInfrastructure infrastructure) {
		this.dsl = DSL.using(infrastructure.dataSource(), SQLDialect.POSTGRES);
		this.owner = ChatFixture.user(this.dsl, "owner");
		this.bob = ChatFixture.user(this.dsl, "bob");
		this.carol = ChatFixture.user(this.dsl, "carol");
		this.dave = ChatFixture.user(this.dsl, "dave");
		this.group = ConversationId.newGroup();
	}

	@Test
	void membershipChangesAndSendsInterleavedTakeOneOrderOfSeqs() {
		List<Envelope<ChatEvent>> first = apply(
				new CreateGroup(this.group, this.owner, "Crew", List.of(this.bob), null), send(this.bob, "t-1", "hi"),
				change(this.owner, GroupAction.ADD_MEMBER, this.carol, null), send(this.carol, "t-2", "hello"));
		List<Envelope<ChatEvent>> second = apply(change(this.owner, GroupAction.REMOVE_MEMBER, this.bob, null),
				send(this.bob, "t-3", "still here?"), change(this.owner, GroupAction.RENAME, null, "Deck crew"),
				send(this.owner, "t-4", "renamed"));

		assertThat(first).extracting(GroupPollIntegrationTests::describe)
			.containsExactly("1 CREATED", "2 message hi", "3 MEMBER_ADDED", "4 message hello");
		assertThat(second).extracting(GroupPollIntegrationTests::describe)
			.containsExactly("5 MEMBER_REMOVED", "rejected not_found", "6 RENAMED", "7 message renamed");
		GroupChanged renamed = (GroupChanged) second.get(2).payload();
		assertThat(renamed.group().title()).isEqualTo("Deck crew");
		assertThat(renamed.group().history()).isEqualTo(HistoryVisibility.SINCE_JOIN);
		assertThat(renamed.members()).isEmpty();
		GroupChanged added = (GroupChanged) first.get(2).payload();
		assertThat(added.members()).containsExactly(new GroupMember(this.carol, GroupRole.MEMBER, 3));
		GroupChanged created = (GroupChanged) first.get(0).payload();
		assertThat(created.members()).containsExactly(new GroupMember(this.owner, GroupRole.OWNER, 1),
				new GroupMember(this.bob, GroupRole.MEMBER, 1));

		assertThat(this.dsl.select(CONVERSATIONS.KIND, CONVERSATIONS.TITLE, CONVERSATIONS.LAST_SEQ)
			.from(CONVERSATIONS)
			.where(CONVERSATIONS.ID.eq(this.group.value()))
			.fetchSingle()
			.intoArray()).containsExactly("GROUP", "Deck crew", 7L);
		assertThat(this.dsl
			.select(CONVERSATION_MEMBERS.USER_ID, CONVERSATION_MEMBERS.ROLE, CONVERSATION_MEMBERS.JOINED_AT_SEQ,
					CONVERSATION_MEMBERS.LEFT_AT_SEQ)
			.from(CONVERSATION_MEMBERS)
			.where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(this.group.value()))
			.fetch((row) -> new UserId(row.value1()) + " " + row.value2() + " " + row.value3() + " " + row.value4()))
			.containsExactlyInAnyOrder(this.owner + " OWNER 1 null", this.bob + " MEMBER 1 5",
					this.carol + " MEMBER 3 null");
		assertThat(this.dsl.select(MESSAGES.SEQ, MESSAGES.CONTENT, MESSAGES.RECEIVER_ID)
			.from(MESSAGES)
			.where(MESSAGES.CONVERSATION_ID.eq(this.group.value()))
			.orderBy(MESSAGES.SEQ)
			.fetch((row) -> row.value1() + " " + row.value2() + " " + row.value3()))
			.containsExactly("2 hi null", "4 hello null", "7 renamed null");
	}

	@Test
	void onlyOwnersAndAdminsChangeTheGroupAndItsLastOwnerCannotLeave() {
		apply(new CreateGroup(this.group, this.owner, "Crew", List.of(this.bob, this.carol), HistoryVisibility.ALL));

		List<Envelope<ChatEvent>> refused = apply(change(this.bob, GroupAction.ADD_MEMBER, this.dave, null),
				change(this.bob, GroupAction.RENAME, null, "Mine"),
				change(this.owner, GroupAction.REMOVE_MEMBER, this.owner, null),
				change(this.owner, GroupAction.CHANGE_ROLE, this.owner, GroupRole.MEMBER),
				change(this.dave, GroupAction.RENAME, null, "Outsider"),
				change(this.owner, GroupAction.RENAME, null, " "));
		assertThat(refused).extracting(GroupPollIntegrationTests::describe)
			.containsExactly("rejected forbidden", "rejected forbidden", "rejected forbidden", "rejected forbidden",
					"rejected not_found", "rejected invalid_field");

		List<Envelope<ChatEvent>> handedOver = apply(
				change(this.owner, GroupAction.CHANGE_ROLE, this.bob, GroupRole.ADMIN),
				change(this.bob, GroupAction.ADD_MEMBER, this.dave, null),
				change(this.bob, GroupAction.ADD_MEMBER, this.dave, null),
				change(this.owner, GroupAction.CHANGE_ROLE, this.carol, GroupRole.OWNER),
				change(this.owner, GroupAction.REMOVE_MEMBER, this.owner, null));
		// Adding a member twice changes nothing the second time.
		assertThat(handedOver).extracting(GroupPollIntegrationTests::describe)
			.containsExactly("2 ROLE_CHANGED", "3 MEMBER_ADDED", "4 ROLE_CHANGED", "5 MEMBER_LEFT");
		GroupChanged left = (GroupChanged) handedOver.get(3).payload();
		assertThat(left.userId()).isEqualTo(this.owner);
		// The owner who left, as they were until then.
		assertThat(left.members()).containsExactly(new GroupMember(this.owner, GroupRole.OWNER, 1));

		// Added again, a member starts a new time in the group.
		assertThat(apply(change(this.carol, GroupAction.ADD_MEMBER, this.owner, null)))
			.extracting(GroupPollIntegrationTests::describe)
			.containsExactly("6 MEMBER_ADDED");
		assertThat(this.dsl.select(CONVERSATION_MEMBERS.JOINED_AT_SEQ, CONVERSATION_MEMBERS.LEFT_AT_SEQ)
			.from(CONVERSATION_MEMBERS)
			.where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(this.group.value()))
			.and(CONVERSATION_MEMBERS.USER_ID.eq(this.owner.value()))
			.fetchSingle()
			.intoArray()).containsExactly(6L, null);
	}

	@Test
	void aResentGroupMessageIsStoredOnceAndAnnouncedAgain() {
		SendMessage send = send(this.owner, "t-1", "once");
		List<Envelope<ChatEvent>> first = apply(
				new CreateGroup(this.group, this.owner, "Crew", List.of(this.bob), null), send);
		List<Envelope<ChatEvent>> again = apply(
				new SendMessage(MessageId.newTimeOrdered(), this.group, this.owner, null, "t-1", "once"));

		assertThat(again).hasSize(1);
		assertThat(again.get(0).payload()).isEqualTo(first.get(1).payload());
		assertThat(this.dsl.fetchCount(MESSAGES, MESSAGES.CONVERSATION_ID.eq(this.group.value()))).isEqualTo(1);
	}

	@Test
	void receiptsFromThreeOfFiveMembersCountThreeReadersOfFourAndRaiseNoStatus() {
		UserId erin = ChatFixture.user(this.dsl, "erin");
		SendMessage hello = send(this.owner, "t-1", "read me");
		apply(new CreateGroup(this.group, this.owner, "Crew", List.of(this.bob, this.carol, this.dave, erin), null),
				hello);

		List<Envelope<ChatEvent>> receipts = apply(report(this.bob, hello, MessageStatus.READ),
				report(this.carol, hello, MessageStatus.DELIVERED), report(this.carol, hello, MessageStatus.READ),
				report(this.dave, hello, MessageStatus.READ), report(this.owner, hello, MessageStatus.READ),
				report(erin, hello, MessageStatus.DELIVERED));

		// Carol's DELIVERED and READ make one change; the sender's own receipt is
		// refused.
		assertThat(receipts).extracting(GroupPollIntegrationTests::describe)
			.containsExactly("3 READ by 1 of 4, delivered to 1", "4 READ by 2 of 4, delivered to 2",
					"5 READ by 3 of 4, delivered to 3", "rejected forbidden", "6 DELIVERED by 3 of 4, delivered to 4");
		MessageStatusChanged third = (MessageStatusChanged) receipts.get(2).payload();
		assertThat(third.senderId()).isEqualTo(this.owner);
		assertThat(third.readerId()).isEqualTo(this.dave);
		assertThat(third.counts()).isEqualTo(new ReceiptCounts(3, 3, 4));
		assertThat(this.dsl.select(MESSAGES.STATUS)
			.from(MESSAGES)
			.where(MESSAGES.ID.eq(hello.messageId().value()))
			.fetchSingle()
			.value1()).isEqualTo("SENT");
		assertThat(this.dsl.select(CONVERSATION_MEMBERS.READ_UP_TO_SEQ)
			.from(CONVERSATION_MEMBERS)
			.where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(this.group.value()))
			.and(CONVERSATION_MEMBERS.USER_ID.eq(this.carol.value()))
			.fetchSingle()
			.value1()).isEqualTo(2L);
	}

	@Test
	void aMemberWhoReadsAndLeavesInOnePollKeepsTheirReadMarkAndIsGone() {
		SendMessage hello = send(this.owner, "t-1", "bye soon");
		apply(new CreateGroup(this.group, this.owner, "Crew", List.of(this.bob), null), hello);

		List<Envelope<ChatEvent>> poll = apply(report(this.bob, hello, MessageStatus.READ),
				change(this.bob, GroupAction.REMOVE_MEMBER, this.bob, null));

		assertThat(poll).extracting(GroupPollIntegrationTests::describe)
			.containsExactly("3 READ by 1 of 1, delivered to 1", "4 MEMBER_LEFT");
		assertThat(this.dsl
			.select(CONVERSATION_MEMBERS.READ_UP_TO_SEQ, CONVERSATION_MEMBERS.READ_CHANGED_SEQ,
					CONVERSATION_MEMBERS.LEFT_AT_SEQ)
			.from(CONVERSATION_MEMBERS)
			.where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(this.group.value()))
			.and(CONVERSATION_MEMBERS.USER_ID.eq(this.bob.value()))
			.fetchSingle()
			.intoArray()).containsExactly(2L, 3L, 4L);
	}

	@Test
	void aGroupOverTheLimitOrWithAnUnknownMemberIsRefused() {
		UserId nobody = new UserId(UUID.randomUUID());
		List<Envelope<ChatEvent>> refused = apply(
				new CreateGroup(this.group, this.owner, "Ghosts", List.of(this.bob, nobody), null),
				new CreateGroup(ConversationId.newGroup(), this.owner, "Crowd",
						Stream.generate(() -> new UserId(UUID.randomUUID())).limit(1000).toList(), null));

		assertThat(refused).extracting(GroupPollIntegrationTests::describe)
			.containsExactly("rejected unknown_receiver", "rejected group_full");
		assertThat(this.dsl.fetchCount(CONVERSATIONS, CONVERSATIONS.ID.eq(this.group.value()))).isZero();
	}

	@Test
	void aGroupKeepsItsWholeHistoryThroughEveryChange() {
		SendMessage before = send(this.owner, "t-1", "from the start");
		apply(new CreateGroup(this.group, this.owner, "Crew", List.of(this.bob), HistoryVisibility.ALL), before);

		List<Envelope<ChatEvent>> changes = apply(change(this.owner, GroupAction.RENAME, null, "Deck crew"),
				change(this.owner, GroupAction.ADD_MEMBER, this.carol, null));
		List<Envelope<ChatEvent>> later = apply(change(this.owner, GroupAction.ADD_MEMBER, this.dave, null),
				report(this.dave, before, MessageStatus.READ));

		assertThat(changes).extracting((event) -> ((GroupChanged) event.payload()).group().history())
			.containsExactly(HistoryVisibility.ALL, HistoryVisibility.ALL);
		assertThat(this.dsl.select(CONVERSATIONS.HISTORY)
			.from(CONVERSATIONS)
			.where(CONVERSATIONS.ID.eq(this.group.value()))
			.fetchSingle()
			.value1()).isEqualTo("ALL");
		// Dave, added later, reads the message from before he joined.
		assertThat(later).extracting(GroupPollIntegrationTests::describe)
			.containsExactly("5 MEMBER_ADDED", "6 READ by 1 of 3, delivered to 1");
	}

	/**
	 * A group an older version stored as SINCE_JOIN though it was created with ALL gets
	 * its setting back from the change that announced its creation (migration V17).
	 */
	@Test
	void theMigrationGivesAGroupStoredWithoutItsHistorySettingItBack() throws IOException {
		apply(new CreateGroup(this.group, this.owner, "Crew", List.of(this.bob), HistoryVisibility.ALL));
		this.dsl.update(CONVERSATIONS)
			.set(CONVERSATIONS.HISTORY, "SINCE_JOIN")
			.where(CONVERSATIONS.ID.eq(this.group.value()))
			.execute();

		try (InputStream migration = getClass().getResourceAsStream("/db/migration/V17__repair_group_history.sql")) {
			this.dsl.execute(new String(migration.readAllBytes(), StandardCharsets.UTF_8));
		}

		assertThat(this.dsl.select(CONVERSATIONS.HISTORY)
			.from(CONVERSATIONS)
			.where(CONVERSATIONS.ID.eq(this.group.value()))
			.fetchSingle()
			.value1()).isEqualTo("ALL");
	}

	/**
	 * Changes stored as version 1 (the whole group) are rewritten as version 2 by
	 * migration V19, so a resume or a re-delivered poll replays them with the members
	 * they concern: a creation its members, a removal the member as their row holds them.
	 */
	@Test
	void theMigrationRewritesStoredVersion1ChangesWithTheMembersTheyConcern() throws IOException {
		apply(new CreateGroup(this.group, this.owner, "Crew", List.of(this.bob), null),
				change(this.owner, GroupAction.REMOVE_MEMBER, this.bob, null));
		String created = version1(1, "CREATED", null, this.owner, this.bob);
		String removed = version1(2, "MEMBER_REMOVED", this.bob, this.owner);
		this.dsl.update(GROUP_CHANGES)
			.set(GROUP_CHANGES.EVENT, DSL.when(GROUP_CHANGES.SEQ.eq(1L), created).otherwise(removed))
			.where(GROUP_CHANGES.CONVERSATION_ID.eq(this.group.value()))
			.execute();
		this.dsl.update(PROCESSED_COMMANDS)
			.set(PROCESSED_COMMANDS.EVENTS,
					DSL.when(PROCESSED_COMMANDS.EVENTS.contains("CREATED"), "[" + created + "]")
						.otherwise("[" + removed + "]"))
			.where(PROCESSED_COMMANDS.CONVERSATION_ID.eq(this.group.value()))
			.execute();

		try (InputStream migration = getClass()
			.getResourceAsStream("/db/migration/V19__group_changes_carry_their_members.sql")) {
			this.dsl.execute(new String(migration.readAllBytes(), StandardCharsets.UTF_8));
		}

		List<GroupChanged> stored = this.dsl.select(GROUP_CHANGES.EVENT)
			.from(GROUP_CHANGES)
			.where(GROUP_CHANGES.CONVERSATION_ID.eq(this.group.value()))
			.orderBy(GROUP_CHANGES.SEQ)
			.fetch((row) -> GroupChangeRows.change(row.value1()));
		assertThat(stored).extracting(GroupChanged::members)
			.containsExactly(
					List.of(new GroupMember(this.owner, GroupRole.OWNER, 1),
							new GroupMember(this.bob, GroupRole.MEMBER, 1)),
					List.of(new GroupMember(this.bob, GroupRole.MEMBER, 1)));
		assertThat(this.dsl.select(PROCESSED_COMMANDS.EVENTS)
			.from(PROCESSED_COMMANDS)
			.where(PROCESSED_COMMANDS.CONVERSATION_ID.eq(this.group.value()))
			.fetch((row) -> EnvelopeListJson.read(row.value1()).get(0))
			.stream()
			.map((event) -> event.version() + " " + ((GroupChanged) event.payload()).members().size()))
			.containsExactlyInAnyOrder("2 2", "2 1");
	}

	/** A change as version 1 stored it: with the whole group after it. */
	private String version1(long seq, String change, UserId user, UserId... members) {
		StringBuilder group = new StringBuilder();
		for (UserId member : members) {
			group.append((group.length() > 0) ? "," : "")
				.append("{\"userId\":\"")
				.append(member)
				.append("\",\"role\":\"")
				.append(member.equals(this.owner) ? "OWNER" : "MEMBER")
				.append("\",\"joinedAtSeq\":1}");
		}
		return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"GroupChanged\",\"version\":1,"
				+ "\"occurredAt\":\"2026-12-01T10:00:00Z\",\"payload\":{\"conversationId\":\"" + this.group
				+ "\",\"seq\":" + seq + ",\"actorId\":\"" + this.owner + "\",\"change\":\"" + change + "\",\"userId\":"
				+ ((user != null) ? "\"" + user + "\"" : "null")
				+ ",\"group\":{\"title\":\"Crew\",\"history\":\"SINCE_JOIN\",\"members\":[" + group
				+ "],\"createdAt\":\"2026-12-01T10:00:00Z\",\"changedSeq\":" + seq + "}}}";
	}

	@Test
	void aGroupNeverTakesTheIdOfADirectConversationNorADirectSendAGroup() {
		ConversationId direct = ConversationId.direct(this.owner, this.bob);
		List<Envelope<ChatEvent>> forged = apply(
				new CreateGroup(direct, this.carol, "Eavesdropping", List.of(this.owner, this.bob), null));
		List<Envelope<ChatEvent>> sent = apply(
				new SendMessage(MessageId.newTimeOrdered(), direct, this.owner, this.bob, "t-1", "just us"));

		assertThat(forged).extracting(GroupPollIntegrationTests::describe).containsExactly("rejected invalid_field");
		assertThat(sent).extracting(GroupPollIntegrationTests::describe).containsExactly("1 message just us");
		assertThat(this.dsl.select(CONVERSATIONS.KIND)
			.from(CONVERSATIONS)
			.where(CONVERSATIONS.ID.eq(direct.value()))
			.fetchSingle()
			.value1()).isEqualTo("DIRECT");
		assertThat(this.dsl.fetchCount(CONVERSATION_MEMBERS, CONVERSATION_MEMBERS.CONVERSATION_ID.eq(direct.value())
			.and(CONVERSATION_MEMBERS.USER_ID.eq(this.carol.value())))).isZero();
	}

	@Test
	void aDirectSendIntoAGroupStoredUnderADirectIdIsRefused() {
		// A group written under a pair's id before ids were checked, as an older
		// version could have stored it.
		ConversationId direct = ConversationId.direct(this.owner, this.bob);
		this.dsl.insertInto(CONVERSATIONS)
			.set(CONVERSATIONS.ID, direct.value())
			.set(CONVERSATIONS.KIND, "GROUP")
			.set(CONVERSATIONS.TITLE, "Eavesdropping")
			.set(CONVERSATIONS.LAST_SEQ, 1L)
			.set(CONVERSATIONS.LAST_ACTIVITY_AT, OffsetDateTime.now())
			.execute();
		Stream.of(this.owner, this.bob, this.carol)
			.forEach((member) -> this.dsl.insertInto(CONVERSATION_MEMBERS)
				.set(CONVERSATION_MEMBERS.CONVERSATION_ID, direct.value())
				.set(CONVERSATION_MEMBERS.USER_ID, member.value())
				.set(CONVERSATION_MEMBERS.JOINED_AT_SEQ, 0L)
				.execute());

		assertThat(apply(new SendMessage(MessageId.newTimeOrdered(), direct, this.owner, this.bob, "t-1", "just us")))
			.extracting(GroupPollIntegrationTests::describe)
			.containsExactly("rejected invalid_field");
		assertThat(this.dsl.fetchCount(MESSAGES, MESSAGES.CONVERSATION_ID.eq(direct.value()))).isZero();
	}

	@Test
	void onlyItsSenderWhileInTheGroupChangesAMessageAndOthersWhoReadItAreForbidden() {
		SendMessage owners = send(this.owner, "t-1", "owner's");
		SendMessage bobs = send(this.bob, "t-2", "bob's");
		apply(new CreateGroup(this.group, this.owner, "Crew", List.of(this.bob, this.carol), null), owners, bobs,
				change(this.owner, GroupAction.ADD_MEMBER, this.dave, null),
				change(this.owner, GroupAction.REMOVE_MEMBER, this.bob, null));

		List<Envelope<ChatEvent>> changes = apply(
				new EditMessage(owners.messageId(), this.group, this.carol, "carol's now"),
				new DeleteMessage(owners.messageId(), this.group, this.carol),
				new EditMessage(bobs.messageId(), this.group, this.bob, "after I left"),
				new EditMessage(owners.messageId(), this.group, this.dave, "before my time"),
				new EditMessage(owners.messageId(), this.group, this.owner, "owner's, edited"));

		assertThat(changes).extracting(GroupPollIntegrationTests::describe)
			.containsExactly("rejected forbidden", "rejected forbidden", "rejected forbidden", "rejected not_found",
					"6 edited owner's, edited");
	}

	/**
	 * A change of a group of a thousand says what changed, not who is in it: the event,
	 * and the rows that keep it ({@code group_changes}, {@code processed_commands}), are
	 * as small as for a group of two.
	 */
	@Test
	void aRenameOfAThousandMemberGroupIsOneSmallEventAndOneSmallRowPerTable() {
		List<UserId> crowd = this.dsl
			.resultQuery("insert into users (id, email, name, password_hash, role) select gen_random_uuid(),"
					+ " 'crew-' || gen_random_uuid() || '@example.com', 'crew', 'unused', 'OWNER'"
					+ " from generate_series(1, 999) returning id")
			.fetch((row) -> new UserId(row.get(0, UUID.class)));
		apply(new CreateGroup(this.group, this.owner, "Crew", crowd, null));

		List<Envelope<ChatEvent>> renamed = apply(change(this.owner, GroupAction.RENAME, null, "Deck crew"));

		assertThat(renamed).extracting(GroupPollIntegrationTests::describe).containsExactly("2 RENAMED");
		assertThat(GroupChangeRows.event(renamed.get(0))).hasSizeLessThan(600);
		assertThat(this.dsl.select(DSL.length(GROUP_CHANGES.EVENT))
			.from(GROUP_CHANGES)
			.where(GROUP_CHANGES.CONVERSATION_ID.eq(this.group.value()))
			.and(GROUP_CHANGES.SEQ.eq(2L))
			.fetchSingle()
			.value1()).isLessThan(600);
		assertThat(this.dsl.select(DSL.length(PROCESSED_COMMANDS.EVENTS))
			.from(PROCESSED_COMMANDS)
			.where(PROCESSED_COMMANDS.CONVERSATION_ID.eq(this.group.value()))
			.and(PROCESSED_COMMANDS.EVENTS.contains("RENAMED"))
			.fetchSingle()
			.value1()).isLessThan(600);
	}

	private SendMessage send(UserId sender, String tempId, String content) {
		return new SendMessage(MessageId.newTimeOrdered(), this.group, sender, null, tempId, content);
	}

	private ReportStatus report(UserId reader, SendMessage message, MessageStatus status) {
		return new ReportStatus(this.group, reader, message.messageId(), null, status);
	}

	private ChangeGroup change(UserId actor, GroupAction action, UserId user, Object roleOrTitle) {
		return new ChangeGroup(this.group, actor, action, user, (roleOrTitle instanceof GroupRole role) ? role : null,
				(roleOrTitle instanceof String title) ? title : null);
	}

	private List<Envelope<ChatEvent>> apply(InboundCommand... commands) {
		return this.processor
			.apply(List.of(commands).stream().map((command) -> Envelope.of(command, Instant.now())).toList())
			.events();
	}

	private static String describe(Envelope<ChatEvent> event) {
		if (event.payload() instanceof GroupChanged changed) {
			return changed.seq() + " " + changed.change();
		}
		if (event.payload() instanceof MessageStatusChanged receipt) {
			return receipt.seq() + " " + receipt.status() + " by " + receipt.counts().readBy() + " of "
					+ receipt.counts().members() + ", delivered to " + receipt.counts().deliveredTo();
		}
		if (event.payload() instanceof MessageEdited edited) {
			return edited.seq() + " edited " + edited.message().content();
		}
		if (event.payload() instanceof MessageCreated created) {
			return created.seq() + " message " + created.message().content();
		}
		return "rejected " + ((MessageRejected) event.payload()).code();
	}

}
