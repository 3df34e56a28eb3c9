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
		@JsonSubTypes.Type(value = WatchPresenceFrame.class, name = "watch-presence"),
		@JsonSubTypes.Type(value = PingFrame.class, name = "ping") })
public sealed interface ClientFrame permits SendMessageFrame, UpdateMessageFrame, DeleteMessageFrame,
		UpdateMessageStatusFrame, TypingFrame, SyncFrame, WatchPresenceFrame, PingFrame {

	/**
	 * What an {@code error} frame about this frame names in its {@code ref}: the temp id
	 * of a send, the message id of an edit, delete or receipt, otherwise {@code null}.
	 */
	String ref();

	/**
	 * Hands this frame to the visitor's method for its type. Every frame type implements
	 * it, so a new type does not compile until every visitor handles it.
	 */
	<R> R accept(Visitor<R> visitor);

	/**
	 * What to do with each type of client frame.
	 *
	 * @param <R> what each method returns
	 */
	interface Visitor<R> {

		R send(SendMessageFrame frame);

		R edit(UpdateMessageFrame frame);

		R delete(DeleteMessageFrame frame);

		R report(UpdateMessageStatusFrame frame);

		R typing(TypingFrame frame);

		R sync(SyncFrame frame);

		R watchPresence(WatchPresenceFrame frame);

		R ping(PingFrame frame);

	}

}
