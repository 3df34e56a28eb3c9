package dev.ferry.contracts.frame;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A WebSocket frame the gateway sends to a client; its JSON {@code type} names the
 * record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = MessageAckFrame.class, name = "message-ack"),
		@JsonSubTypes.Type(value = MessageCreatedFrame.class, name = "message-created"),
		@JsonSubTypes.Type(value = MessageUpdatedFrame.class, name = "message-updated"),
		@JsonSubTypes.Type(value = MessageDeletedFrame.class, name = "message-deleted"),
		@JsonSubTypes.Type(value = MessageStatusUpdatedFrame.class, name = "message-status-updated"),
		@JsonSubTypes.Type(value = MessageRejectedFrame.class, name = "message-rejected"),
		@JsonSubTypes.Type(value = UserStatusChangedFrame.class, name = "user-status-changed"),
		@JsonSubTypes.Type(value = PeerTypingFrame.class, name = "typing"),
		@JsonSubTypes.Type(value = SyncCompleteFrame.class, name = "sync-complete"),
		@JsonSubTypes.Type(value = ErrorFrame.class, name = "error"),
		@JsonSubTypes.Type(value = PongFrame.class, name = "pong"),
		@JsonSubTypes.Type(value = GroupChangedFrame.class, name = "group-changed") })
public sealed interface ServerFrame permits MessageAckFrame, MessageCreatedFrame, MessageUpdatedFrame,
		MessageDeletedFrame, MessageStatusUpdatedFrame, MessageRejectedFrame, UserStatusChangedFrame, PeerTypingFrame,
		SyncCompleteFrame, ErrorFrame, PongFrame, GroupChangedFrame {

}
