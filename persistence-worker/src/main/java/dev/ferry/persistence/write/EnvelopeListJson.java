package dev.ferry.persistence.write;

import java.util.List;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.json.EnvelopeCodec;
import dev.ferry.contracts.json.FerryJson;

/** The events of an applied command as its log stores them: a JSON array of envelopes. */
final class EnvelopeListJson {

	private static final EnvelopeCodec<ChatEvent> CODEC = EnvelopeCodec.of(ChatEvent.class);

	private EnvelopeListJson() {
	}

	static String write(List<Envelope<ChatEvent>> events) {
		return FerryJson.mapper().writeValueAsString(events);
	}

	static List<Envelope<ChatEvent>> read(String json) {
		return FerryJson.mapper().readTree(json).valueStream().map(CODEC::read).toList();
	}

}
