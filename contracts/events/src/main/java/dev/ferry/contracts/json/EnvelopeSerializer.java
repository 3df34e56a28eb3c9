package dev.ferry.contracts.json;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer of envelopes as JSON.
 */
public class EnvelopeSerializer implements Serializer<Envelope<? extends Payload>> {

	private final EnvelopeCodec<Payload> codec = EnvelopeCodec.of(Payload.class);

	@Override
	public byte[] serialize(String topic, Envelope<? extends Payload> envelope) {
		return (envelope != null) ? this.codec.write(envelope) : null;
	}

}
