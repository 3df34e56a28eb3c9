package dev.ferry.schema;

import java.nio.charset.StandardCharsets;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.json.EnvelopeCodec;
import dev.ferry.contracts.json.FerryJson;

/**
 * The one mapping of {@code group_changes.event}: a {@code GroupChanged} envelope as
 * {@code chat.events.v1} carries it.
 */
public final class GroupChangeRows {

	private static final EnvelopeCodec<ChatEvent> EVENTS = EnvelopeCodec.of(ChatEvent.class);

	private GroupChangeRows() {
	}

	/** The column's text for a change as it was announced. */
	public static String event(Envelope<ChatEvent> change) {
		return FerryJson.mapper().writeValueAsString(change);
	}

	/** The change a row holds. */
	public static GroupChanged change(String event) {
		return (GroupChanged) EVENTS.read(event.getBytes(StandardCharsets.UTF_8)).payload();
	}

}
