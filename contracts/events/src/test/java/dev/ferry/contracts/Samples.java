package dev.ferry.contracts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ferry.contracts.command.ChangeGroup;
import dev.ferry.contracts.command.CreateGroup;
import dev.ferry.contracts.command.DeleteMessage;
import dev.ferry.contracts.command.EditMessage;
import dev.ferry.contracts.command.ReportStatus;
import dev.ferry.contracts.command.SendMessage;
import dev.ferry.contracts.delivery.RoutedPush;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.event.MessageCreated;
import dev.ferry.contracts.event.MessageDeleted;
import dev.ferry.contracts.event.MessageEdited;
import dev.ferry.contracts.event.MessageRejected;
import dev.ferry.contracts.event.MessageStatusChanged;
import dev.ferry.contracts.frame.ClientFrame;
import dev.ferry.contracts.frame.ConversationPosition;
import dev.ferry.contracts.frame.DeleteMessageFrame;
import dev.ferry.contracts.frame.ErrorFrame;
import dev.ferry.contracts.frame.GroupChangedFrame;
import dev.ferry.contracts.frame.MessageAckFrame;
import dev.ferry.contracts.frame.MessageCreatedFrame;
import dev.ferry.contracts.frame.MessageDeletedFrame;
import dev.ferry.contracts.frame.MessageRejectedFrame;
import dev.ferry.contracts.frame.MessageStatusUpdatedFrame;
import dev.ferry.contracts.frame.MessageUpdatedFrame;
import dev.ferry.contracts.frame.PeerTypingFrame;
import dev.ferry.contracts.frame.PingFrame;
import dev.ferry.contracts.frame.PongFrame;
import dev.ferry.contracts.frame.SendMessageFrame;
import dev.ferry.contracts.frame.ServerFrame;
import dev.ferry.contracts.frame.SyncCompleteFrame;
import dev.ferry.contracts.frame.SyncFrame;
import dev.ferry.contracts.frame.TypingFrame;
import dev.ferry.contracts.frame.UpdateMessageFrame;
import dev.ferry.contracts.frame.UpdateMessageStatusFrame;
import dev.ferry.contracts.frame.UserStatusChangedFrame;
import dev.ferry.contracts.group.Group;
import dev.ferry.contracts.group.GroupAction;
import dev.ferry.contracts.group.GroupChange;
import dev.ferry.contracts.group.GroupMember;
import dev.ferry.contracts.group.GroupRole;
import dev.ferry.contracts.group.GroupSummary;
import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.NodeId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.message.ImageSize;
import dev.ferry.contracts.message.MessageAttachment;
import dev.ferry.contracts.message.MessageStatus;
import dev.ferry.contracts.presence.NodeHeartbeat;
import dev.ferry.contracts.presence.SessionsChanged;
import dev.ferry.contracts.user.UserChanged;
import dev.ferry.contracts.conversation.ConversationStarted;
import dev.ferry.contracts.conversation.GroupMembership;
import dev.ferry.contracts.frame.WatchPresenceFrame;
import dev.ferry.contracts.signal.TypingSignal;

/**
 * One fixed instance of every record that crosses a process boundary.
 */
public final class Samples {

	public static final UserId ALICE = UserId.fromString("0a0b0c0d-0000-4000-8000-00000000000a");

	public static final UserId BOB = UserId.fromString("0a0b0c0d-0000-4000-8000-00000000000b");

	public static final ConversationId CONVERSATION = ConversationId.direct(ALICE, BOB);

	public static final MessageId MESSAGE = MessageId.fromString("019ab5f2-3c4d-7e8f-9a0b-1c2d3e4f5a6b");

	public static final NodeId NODE = new NodeId("gateway-1");

	public static final Instant AT = Instant.parse("2026-11-25T10:15:30.123Z");

	public static final AttachmentId ATTACHMENT = AttachmentId.fromString("019ab5f1-2b3c-7d4e-8f5a-6b7c8d9e0f1a");

	public static final UserId CAROL = UserId.fromString("0a0b0c0d-0000-4000-8000-00000000000c");

	public static final ConversationId GROUP = ConversationId.fromString("019ab5f0-1a2b-7c3d-8e4f-5a6b7c8d9e0f");

	public static final Group CREW = new Group("Crew", HistoryVisibility.SINCE_JOIN,
			List.of(new GroupMember(ALICE, GroupRole.OWNER, 1), new GroupMember(BOB, GroupRole.MEMBER, 1),
					new GroupMember(CAROL, GroupRole.MEMBER, 4)),
			AT, 4);

	public static final GroupSummary CREW_SUMMARY = new GroupSummary("Crew", HistoryVisibility.SINCE_JOIN, AT, 4);

	public static final ChatMessage CHAT_MESSAGE = new ChatMessage(MESSAGE, CONVERSATION, 17, 21, ALICE, BOB, "t-1",
			"hi Bob", MessageStatus.DELIVERED, true, AT, AT.plusSeconds(5), null, false,
			List.of(new MessageAttachment(ATTACHMENT, "chart.png", 48213, "image/png", new ImageSize(1200, 800))));

	private static final ChatMessage TOMBSTONE = new ChatMessage(MESSAGE, CONVERSATION, 17, 22, ALICE, BOB, "t-1", "",
			MessageStatus.DELIVERED, false, AT, AT.plusSeconds(9), null, true);

	private Samples() {
	}

	/** One payload of every {@link dev.ferry.contracts.envelope.PayloadType}. */
	public static List<Payload> payloads() {
		return List.of(new SendMessage(MESSAGE, CONVERSATION, ALICE, BOB, "t-1", "hi Bob", List.of(ATTACHMENT)),
				new EditMessage(MESSAGE, CONVERSATION, ALICE, "hi Bob!"),
				new DeleteMessage(MESSAGE, CONVERSATION, ALICE),
				new ReportStatus(CONVERSATION, BOB, MESSAGE, null, MessageStatus.READ),
				new CreateGroup(GROUP, ALICE, "Crew", List.of(BOB), HistoryVisibility.SINCE_JOIN),
				new ChangeGroup(GROUP, ALICE, GroupAction.ADD_MEMBER, CAROL, GroupRole.MEMBER, null),
				new MessageCreated(CONVERSATION, 17, CHAT_MESSAGE),
				new MessageEdited(CONVERSATION, 21,
						new ChatMessage(MESSAGE, CONVERSATION, 17, 21, ALICE, BOB, "t-1", "hi Bob!", MessageStatus.SENT,
								false, AT, AT.plusSeconds(5), AT.plusSeconds(5), false)),
				new MessageDeleted(CONVERSATION, 22, TOMBSTONE),
				new MessageStatusChanged(CONVERSATION, 23, MESSAGE, BOB, ALICE, MessageStatus.READ, 17),
				new MessageRejected(CONVERSATION, ALICE, null, MESSAGE, "forbidden", "Only the sender may edit"),
				new GroupChanged(GROUP, 4, ALICE, GroupChange.MEMBER_ADDED, CAROL,
						List.of(new GroupMember(CAROL, GroupRole.MEMBER, 4)), CREW_SUMMARY),
				new RoutedPush(NODE, List.of(ALICE, BOB), "push-1",
						new MessageCreatedFrame(CONVERSATION, 17, CHAT_MESSAGE)),
				new SessionsChanged(BOB, NODE, 2, AT), new NodeHeartbeat(NODE, AT, Duration.ofSeconds(15), 3),
				new TypingSignal(CONVERSATION, ALICE, BOB, true, AT.plusSeconds(5)),
				new UserChanged(BOB, "bob@example.com", "Bob", "OWNER", false, AT, AT.plusSeconds(60)),
				new ConversationStarted(GROUP, List.of(ALICE, BOB, CAROL), AT, CREW),
				new GroupMembership(GROUP, CAROL, GroupRole.MEMBER, 4, 9L, 9));
	}

	public static List<Envelope<Payload>> envelopes() {
		return payloads().stream()
			.map((payload) -> Envelope.of(UUID.nameUUIDFromBytes(payload.getClass().getName().getBytes()), payload, AT))
			.toList();
	}

	/** One frame of every client frame type. */
	public static List<ClientFrame> clientFrames() {
		return List.of(new SendMessageFrame("t-1", BOB.toString(), "hi Bob", List.of(ATTACHMENT.toString())),
				new UpdateMessageFrame(MESSAGE.toString(), "hi Bob!"), new DeleteMessageFrame(MESSAGE.toString()),
				new UpdateMessageStatusFrame(MESSAGE.toString(), "READ"), new TypingFrame(null, BOB.toString(), true),
				new SyncFrame(Map.of(CONVERSATION.toString(), 16L)), new WatchPresenceFrame(List.of(BOB.toString())),
				new PingFrame());
	}

	/** One frame of every server frame type. */
	public static List<ServerFrame> serverFrames() {
		return List.of(new MessageAckFrame("t-1", CONVERSATION, MessageStatus.PENDING),
				new MessageCreatedFrame(CONVERSATION, 17, CHAT_MESSAGE),
				new MessageUpdatedFrame(CONVERSATION, 21, CHAT_MESSAGE),
				new MessageDeletedFrame(CONVERSATION, 22, MESSAGE),
				new MessageStatusUpdatedFrame(CONVERSATION, 23, MESSAGE, MessageStatus.READ, 17),
				new MessageRejectedFrame("t-2", null, CONVERSATION, "content_too_long", "Over 4000 code points"),
				new UserStatusChangedFrame(BOB, false, AT), new PeerTypingFrame(CONVERSATION, ALICE, true),
				new SyncCompleteFrame(List.of(new ConversationPosition(CONVERSATION, 23, 0, false))),
				new ErrorFrame("invalid_json", "Frame is not JSON", null), new PongFrame(),
				new GroupChangedFrame(GROUP, 4, ALICE, GroupChange.MEMBER_ADDED, CAROL,
						new GroupMember(CAROL, GroupRole.MEMBER, 4), CREW_SUMMARY));
	}

}
