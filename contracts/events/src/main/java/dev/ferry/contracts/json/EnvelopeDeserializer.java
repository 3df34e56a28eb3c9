package dev.ferry.contracts.json;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer of envelopes of one payload family. A record that is not one throws
 * {@link SerializationException}, so that an error-handling deserializer can send it to a
 * dead-letter topic.
 *
 * @param <P> the payload family
 */
public class EnvelopeDeserializer<P extends Payload> implements Deserializer<Envelope<P>> {

	private final EnvelopeCodec<P> codec;

	public EnvelopeDeserializer(Class<P> family) {
		this.codec = EnvelopeCodec.of(family);
	}

	@Override
	public Envelope<P> deserialize(String topic, byte[] data) {
		if (data == null) {
			return null;
		}
		try {
			return this.codec.read(data);
		}
		catch (InvalidEnvelopeException ex) {
			throw new SerializationException("Invalid record on " + topic + ": " + ex.getMessage(), ex);
		}
	}

}
