package dev.ferry.contracts.id;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies an uploaded file; a time-ordered UUID (version 7) the gateway gives it.
 */
public record AttachmentId(@JsonValue UUID value) {

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public AttachmentId {
		Objects.requireNonNull(value, "value");
	}

	public static AttachmentId newTimeOrdered() {
		return new AttachmentId(TimeOrderedUuid.next());
	}

	public static AttachmentId fromString(String value) {
		return new AttachmentId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
