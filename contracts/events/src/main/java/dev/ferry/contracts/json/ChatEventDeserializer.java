package dev.ferry.contracts.json;

import dev.ferry.contracts.event.ChatEvent;

/**
 * Deserializer of {@code chat.events.v1} values, configurable by class name.
 */
public class ChatEventDeserializer extends EnvelopeDeserializer<ChatEvent> {

	public ChatEventDeserializer() {
		super(ChatEvent.class);
	}

}
