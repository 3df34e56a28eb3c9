package dev.ferry.persistence.write;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.ferry.contracts.id.MessageId;

/**
 * Event ids derived from what caused the event, so that re-processing a command publishes
 * events with the same ids and consumers can drop the repeats.
 */
final class EventIds {

	private EventIds() {
	}

	/** The creation event of a message, whichever send (first or retry) announced it. */
	static UUID created(MessageId messageId) {
		return derive("MessageCreated:" + messageId);
	}

	/** An event of a given type caused by a command. */
	static UUID causedBy(String eventType, UUID commandId) {
		return derive(eventType + ":" + commandId);
	}

	private static UUID derive(String name) {
		return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
	}

}
