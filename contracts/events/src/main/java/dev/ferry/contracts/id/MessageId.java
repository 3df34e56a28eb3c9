package dev.ferry.contracts.id;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies a message; proposed by the gateway as a time-ordered UUID (version 7).
 */
public record MessageId(@JsonValue UUID value) {

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public MessageId {
		Objects.requireNonNull(value, "value");
	}

	public static MessageId newTimeOrdered() {
		return new MessageId(TimeOrderedUuid.next());
	}

	public static MessageId fromString(String value) {
		return new MessageId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
