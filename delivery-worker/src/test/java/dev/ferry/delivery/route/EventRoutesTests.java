package dev.ferry.delivery.route;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.event.MessageCreated;
import dev.ferry.contracts.event.MessageDeleted;
import dev.ferry.contracts.event.MessageEdited;
import dev.ferry.contracts.event.MessageRejected;
import dev.ferry.contracts.event.MessageStatusChanged;
import dev.ferry.contracts.frame.GroupChangedFrame;
import dev.ferry.contracts.frame.MessageCreatedFrame;
import dev.ferry.contracts.frame.MessageDeletedFrame;
import dev.ferry.contracts.frame.MessageRejectedFrame;
import dev.ferry.contracts.frame.MessageStatusUpdatedFrame;
import dev.ferry.contracts.frame.MessageUpdatedFrame;
import dev.ferry.contracts.frame.PeerTypingFrame;
import dev.ferry.contracts.group.GroupChange;
import dev.ferry.contracts.group.GroupMember;
import dev.ferry.contracts.group.GroupRole;
import dev.ferry.contracts.group.GroupSummary;
import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.group.ReceiptCounts;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.FrameCodec;
import dev.ferry.delivery.group.GroupMembers;
import dev.ferry.delivery.group.GroupMembers.Seat;
import dev.ferry.delivery.group.UnknownGroupException;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.message.MessageStatus;
import dev.ferry.contracts.signal.TypingSignal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who is told what about each type of record; no Kafka, no database. */
class EventRoutesTests {

	private static final UserId ALICE = new UserId(UUID.fromString("0a0b0c0d-0000-4000-8000-00000000000a"));

	private static final UserId BOB = new UserId(UUID.fromString("0a0b0c0d-0000-4000-8000-00000000000b"));

	private static final ConversationId CONVERSATION = ConversationId.direct(ALICE, BOB);

	private static final MessageId MESSAGE = MessageId.newTimeOrdered();

	private static final Instant AT = Instant.parse("2026-12-01T10:15:30Z");

	private static final UserId CAROL = new UserId(UUID.fromString("0a0b0c0d-0000-4000-8000-00000000000c"));

	private static final UserId DAVE = new UserId(UUID.fromString("0a0b0c0d-0000-4000-8000-00000000000d"));

	private static final ConversationId GROUP = ConversationId.newGroup();

	/** Alice and Bob from its start, Carol since seq 5; Dave was removed at seq 6. */
	private static final GroupMembers CREW = new GroupMembers(HistoryVisibility.SINCE_JOIN,
			List.of(new Seat(ALICE, 1, null), new Seat(BOB, 1, null), new Seat(CAROL, 5, null), new Seat(DAVE, 1, 6L)));

	private static final EventRoutes ROUTES = new EventRoutes(
			(id) -> GROUP.equals(id) ? Optional.of(CREW) : Optional.empty());

	private static final ChatMessage SENT = new ChatMessage(MESSAGE, CONVERSATION, 7, 7, ALICE, BOB, "t-7", "ahoy",
			MessageStatus.SENT, false, AT, AT, null, false);

	@Test
	void aNewMessageGoesToBothPartiesAsMessageCreated() {
		assertThat(ROUTES.of(new MessageCreated(CONVERSATION, 7, SENT)))
			.isEqualTo(new Route(new MessageCreatedFrame(CONVERSATION, 7, SENT), List.of(ALICE, BOB)));
	}

	@Test
	void anEditGoesToBothPartiesAsMessageUpdated() {
		ChatMessage edited = SENT.edited("ahoy!", 8, AT.plusSeconds(1));

		assertThat(ROUTES.of(new MessageEdited(CONVERSATION, 8, edited)))
			.isEqualTo(new Route(new MessageUpdatedFrame(CONVERSATION, 8, edited), List.of(ALICE, BOB)));
	}

	@Test
	void aDeleteGoesToBothPartiesWithTheMessageIdOnly() {
		ChatMessage deleted = SENT.deleted(9, AT.plusSeconds(2));

		assertThat(ROUTES.of(new MessageDeleted(CONVERSATION, 9, deleted)))
			.isEqualTo(new Route(new MessageDeletedFrame(CONVERSATION, 9, MESSAGE), List.of(ALICE, BOB)));
	}

	@Test
	void aReceiptGoesToTheSenderAndTheReadersOtherTabs() {
		ChatEvent read = new MessageStatusChanged(CONVERSATION, 10, MESSAGE, BOB, ALICE, MessageStatus.READ, 7);

		assertThat(ROUTES.of(read)).isEqualTo(new Route(
				new MessageStatusUpdatedFrame(CONVERSATION, 10, MESSAGE, MessageStatus.READ, 7), List.of(ALICE, BOB)));
	}

	@Test
	void aRefusalGoesToWhoeverSentTheCommandOnly() {
		ChatEvent refused = new MessageRejected(CONVERSATION, BOB, null, MESSAGE, "forbidden", "Not yours");

		assertThat(ROUTES.of(refused)).isEqualTo(new Route(
				new MessageRejectedFrame(null, MESSAGE, CONVERSATION, "forbidden", "Not yours"), List.of(BOB)));
	}

	@Test
	void typingGoesToThePeerOnlyAndNotAtAllOnceExpired() {
		TypingSignal typing = new TypingSignal(CONVERSATION, ALICE, BOB, true, AT.plusSeconds(5));

		assertThat(ROUTES.of(typing, AT))
			.isEqualTo(new Route(new PeerTypingFrame(CONVERSATION, ALICE, true), List.of(BOB)));
		assertThat(ROUTES.of(typing, AT.plusSeconds(6))).isEqualTo(Route.nobody());
	}

	@Test
	void aGroupMessageGoesToTheMembersWhoJoinedBeforeIt() {
		ChatMessage early = new ChatMessage(MESSAGE, GROUP, 4, 4, ALICE, null, "t-4", "before Carol",
				MessageStatus.SENT, false, AT, AT, null, false);
		ChatMessage late = new ChatMessage(MESSAGE, GROUP, 7, 7, BOB, null, "t-7", "after Carol", MessageStatus.SENT,
				false, AT, AT, null, false);

		// Dave, removed at 6, still reads the message before it, whenever it is routed.
		assertThat(ROUTES.of(new MessageCreated(GROUP, 4, early)).recipients()).containsExactly(ALICE, BOB, DAVE);
		assertThat(ROUTES.of(new MessageEdited(GROUP, 8, early.edited("edited", 8, AT))).recipients())
			.containsExactly(ALICE, BOB);
		assertThat(ROUTES.of(new MessageCreated(GROUP, 7, late)).recipients()).containsExactly(ALICE, BOB, CAROL);
	}

	@Test
	void aGroupChangeGoesToItsMembersAndToTheMemberItRemoved() {
		GroupChanged removed = new GroupChanged(GROUP, 6, ALICE, GroupChange.MEMBER_REMOVED, DAVE,
				List.of(new GroupMember(DAVE, GroupRole.MEMBER, 1)),
				new GroupSummary("Crew", HistoryVisibility.SINCE_JOIN, AT, 6));

		assertThat(ROUTES.of(removed))
			.isEqualTo(new Route(GroupChangedFrame.of(removed), List.of(ALICE, BOB, CAROL, DAVE)));
	}

	/**
	 * A rename of a group of a thousand is one frame of a few hundred bytes to each
	 * member, naming no member.
	 */
	@Test
	void aRenameOfAThousandMemberGroupIsOneSmallFrameForEachMember() {
		List<Seat> crowd = Stream.generate(() -> new Seat(new UserId(UUID.randomUUID()), 1, null)).limit(1000).toList();
		EventRoutes routes = new EventRoutes(
				(id) -> Optional.of(new GroupMembers(HistoryVisibility.SINCE_JOIN, crowd)));
		GroupChanged renamed = new GroupChanged(GROUP, 9, ALICE, GroupChange.RENAMED, null, List.of(),
				new GroupSummary("Deck crew", HistoryVisibility.SINCE_JOIN, AT, 9));

		Route route = routes.of(renamed);

		assertThat(route.recipients()).hasSize(1000);
		assertThat(new FrameCodec().write(route.frame())).hasSizeLessThan(400);
	}

	@Test
	void aReceiptInAGroupGoesToItsSenderOnlyWhileTheSenderIsInIt() {
		ReceiptCounts counts = new ReceiptCounts(1, 1, 2);

		assertThat(ROUTES.of(new MessageStatusChanged(GROUP, 9, MESSAGE, BOB, ALICE, MessageStatus.READ, 4, counts))
			.recipients()).containsExactly(ALICE, BOB);
		assertThat(ROUTES.of(new MessageStatusChanged(GROUP, 10, MESSAGE, BOB, DAVE, MessageStatus.READ, 3, counts))
			.recipients()).containsExactly(BOB);
		// A receipt from before Dave's removal, routed after it, still reaches him.
		assertThat(ROUTES.of(new MessageStatusChanged(GROUP, 5, MESSAGE, BOB, DAVE, MessageStatus.READ, 3, counts))
			.recipients()).containsExactly(DAVE, BOB);
	}

	@Test
	void typingInAGroupGoesToTheOtherMembers() {
		assertThat(ROUTES.of(new TypingSignal(GROUP, BOB, null, true, AT.plusSeconds(5)), AT).recipients())
			.containsExactly(ALICE, CAROL);
	}

	@Test
	void aGroupNotKnownYetIsAFailureToRetry() {
		ConversationId unknown = ConversationId.newGroup();
		ChatMessage message = new ChatMessage(MESSAGE, unknown, 1, 1, ALICE, null, "t-1", "hi", MessageStatus.SENT,
				false, AT, AT, null, false);

		assertThatThrownBy(() -> ROUTES.of(new MessageCreated(unknown, 1, message)))
			.isInstanceOf(UnknownGroupException.class);
	}

}
