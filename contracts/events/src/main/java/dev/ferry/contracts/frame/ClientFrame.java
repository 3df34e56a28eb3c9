package dev.ferry.contracts.frame;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A WebSocket frame a client sends to the gateway; its JSON {@code type} names the
 * record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = SendMessageFrame.class, name = "send-message"),
		@JsonSubTypes.Type(value = UpdateMessageFrame.class, name = "update-message"),
		@JsonSubTypes.Type(value = DeleteMessageFrame.class, name = "delete-message"),
		@JsonSubTypes.Type(value = UpdateMessageStatusFrame.class, name = "update-message-status"),
		@JsonSubTypes.Type(value = TypingFrame.class, name = "typing"),
		@JsonSubTypes.Type(value = SyncFrame.class, name = "sync"),
		@JsonSubTypes.Type(value = PingFrame.class, name = "ping") })
public sealed interface ClientFrame permits SendMessageFrame, UpdateMessageFrame, DeleteMessageFrame,
		UpdateMessageStatusFrame, TypingFrame, SyncFrame, PingFrame {

}
