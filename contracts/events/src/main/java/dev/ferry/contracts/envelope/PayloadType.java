package dev.ferry.contracts.envelope;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.ferry.contracts.command.ChangeGroup;
import dev.ferry.contracts.command.CreateGroup;
import dev.ferry.contracts.command.DeleteMessage;
import dev.ferry.contracts.conversation.ConversationStarted;
import dev.ferry.contracts.conversation.GroupMembership;
import dev.ferry.contracts.command.EditMessage;
import dev.ferry.contracts.command.ReportStatus;
import dev.ferry.contracts.command.SendMessage;
import dev.ferry.contracts.delivery.RoutedPush;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.event.MessageCreated;
import dev.ferry.contracts.event.MessageDeleted;
import dev.ferry.contracts.event.MessageEdited;
import dev.ferry.contracts.event.MessageRejected;
import dev.ferry.contracts.event.MessageStatusChanged;
import dev.ferry.contracts.presence.NodeHeartbeat;
import dev.ferry.contracts.presence.SessionsChanged;
import dev.ferry.contracts.signal.TypingSignal;
import dev.ferry.contracts.topic.TopicSpec;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.contracts.user.UserChanged;

/**
 * Every payload that travels in an {@link Envelope}: its {@code type} name, schema
 * version and topic.
 */
public enum PayloadType {

	/** Version 2 adds {@code attachmentIds}. */
	SEND_MESSAGE(SendMessage.class, Topics.INBOUND, 2), EDIT_MESSAGE(EditMessage.class, Topics.INBOUND),
	DELETE_MESSAGE(DeleteMessage.class, Topics.INBOUND), REPORT_STATUS(ReportStatus.class, Topics.INBOUND),
	CREATE_GROUP(CreateGroup.class, Topics.INBOUND), CHANGE_GROUP(ChangeGroup.class, Topics.INBOUND),
	/**
	 * Version 2: the message has {@code attachments}; version 3: an image among them has
	 * its {@code width} and {@code height}.
	 */
	MESSAGE_CREATED(MessageCreated.class, Topics.EVENTS, 3),
	/**
	 * Version 2: the message has {@code attachments}; version 3: an image among them has
	 * its {@code width} and {@code height}.
	 */
	MESSAGE_EDITED(MessageEdited.class, Topics.EVENTS, 3),
	/** Version 2: the message has {@code attachments} (none: it is deleted). */
	MESSAGE_DELETED(MessageDeleted.class, Topics.EVENTS, 2),
	/** Version 2 adds {@code counts}, a group's. */
	MESSAGE_STATUS_CHANGED(MessageStatusChanged.class, Topics.EVENTS, 2),
	MESSAGE_REJECTED(MessageRejected.class, Topics.EVENTS),
	/**
	 * Version 2 carries the change ({@code member}, a creation's {@code members}) and the
	 * group without its members, where version 1 carried the whole group.
	 */
	GROUP_CHANGED(GroupChanged.class, Topics.EVENTS, 2), ROUTED_PUSH(RoutedPush.class, Topics.DELIVERY),
	SESSIONS_CHANGED(SessionsChanged.class, Topics.PRESENCE), NODE_HEARTBEAT(NodeHeartbeat.class, Topics.PRESENCE),
	TYPING_SIGNAL(TypingSignal.class, Topics.SIGNALS), USER_CHANGED(UserChanged.class, Topics.USERS),
	/** Version 2 adds {@code group}. */
	CONVERSATION_STARTED(ConversationStarted.class, Topics.CONVERSATIONS, 2),
	GROUP_MEMBERSHIP(GroupMembership.class, Topics.CONVERSATIONS);

	private static final Map<String, PayloadType> BY_NAME = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(PayloadType::typeName, Function.identity()));

	private static final Map<Class<?>, PayloadType> BY_CLASS = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(PayloadType::payloadClass, Function.identity()));

	private final Class<? extends Payload> payloadClass;

	private final TopicSpec topic;

	private final int version;

	PayloadType(Class<? extends Payload> payloadClass, TopicSpec topic) {
		this(payloadClass, topic, 1);
	}

	PayloadType(Class<? extends Payload> payloadClass, TopicSpec topic, int version) {
		this.payloadClass = payloadClass;
		this.topic = topic;
		this.version = version;
	}

	/** The name in the envelope's {@code type} field: the record's simple name. */
	public String typeName() {
		return this.payloadClass.getSimpleName();
	}

	/**
	 * The schema version of this payload; raised by additive changes, and once, for
	 * {@code GroupChanged}, by one that dropped what made it grow with the group (see its
	 * record).
	 */
	public int version() {
		return this.version;
	}

	public Class<? extends Payload> payloadClass() {
		return this.payloadClass;
	}

	/** The topic that carries this payload. */
	public TopicSpec topic() {
		return this.topic;
	}

	public static PayloadType of(Payload payload) {
		PayloadType type = BY_CLASS.get(payload.getClass());
		if (type == null) {
			throw new IllegalArgumentException("Not a registered payload: " + payload.getClass().getName());
		}
		return type;
	}

	/** The payload type with this name, or {@code null} if there is none. */
	public static PayloadType named(String typeName) {
		return BY_NAME.get(typeName);
	}

}
