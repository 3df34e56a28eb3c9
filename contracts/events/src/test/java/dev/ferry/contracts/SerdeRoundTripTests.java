package dev.ferry.contracts;

import java.util.Arrays;
import java.util.stream.Stream;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.envelope.PayloadType;
import dev.ferry.contracts.frame.ClientFrame;
import dev.ferry.contracts.frame.ServerFrame;
import dev.ferry.contracts.frame.TypingFrame;
import dev.ferry.contracts.json.EnvelopeDeserializer;
import dev.ferry.contracts.json.EnvelopeSerializer;
import dev.ferry.contracts.json.FrameCodec;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SerdeRoundTripTests {

	private final EnvelopeSerializer serializer = new EnvelopeSerializer();

	private final EnvelopeDeserializer<Payload> deserializer = new EnvelopeDeserializer<>(Payload.class);

	private final FrameCodec frames = new FrameCodec();

	static Stream<Envelope<Payload>> envelopes() {
		return Samples.envelopes().stream();
	}

	@Test
	void samplesCoverEveryPayloadAndFrameType() {
		assertThat(Samples.payloads()).extracting(PayloadType::of).containsExactlyInAnyOrder(PayloadType.values());
		assertThat(Samples.clientFrames()).extracting(Object::getClass)
			.containsExactlyInAnyOrder(ClientFrame.class.getPermittedSubclasses());
		assertThat(Samples.serverFrames()).extracting(Object::getClass)
			.containsExactlyInAnyOrder(ServerFrame.class.getPermittedSubclasses());
	}

	@ParameterizedTest
	@MethodSource("envelopes")
	void envelopeSurvivesKafkaRoundTrip(Envelope<Payload> envelope) {
		byte[] bytes = this.serializer.serialize("any", envelope);

		assertThat(this.deserializer.deserialize("any", bytes)).isEqualTo(envelope);
	}

	/**
	 * A rolling upgrade: a producer of a newer version adds fields to the envelope and
	 * the payload; a consumer of this version reads what it knows and keeps the version.
	 */
	@ParameterizedTest
	@MethodSource("envelopes")
	void aNewerVersionWithFieldsThisCodeDoesNotKnowIsRead(Envelope<Payload> envelope) {
		ObjectNode json = (ObjectNode) JsonMapper.shared().readTree(this.serializer.serialize("any", envelope));
		json.put("version", 2);
		json.put("traceId", "added in v2");
		((ObjectNode) json.get("payload")).put("addedInV2", "ignored by v1");

		Envelope<Payload> read = this.deserializer.deserialize("any", JsonMapper.shared().writeValueAsBytes(json));

		assertThat(read.version()).isEqualTo(2);
		assertThat(read.payload()).isEqualTo(envelope.payload());
		assertThat(read.eventId()).isEqualTo(envelope.eventId());
	}

	@ParameterizedTest
	@MethodSource("dev.ferry.contracts.Samples#clientFrames")
	void clientFrameSurvivesRoundTrip(ClientFrame frame) {
		assertThat(this.frames.readClientFrame(this.frames.write(frame))).isEqualTo(frame);
	}

	@ParameterizedTest
	@MethodSource("dev.ferry.contracts.Samples#serverFrames")
	void serverFrameSurvivesRoundTrip(ServerFrame frame) {
		assertThat(this.frames.readServerFrame(this.frames.write(frame))).isEqualTo(frame);
	}

	@Test
	void recordOfAnotherFamilyIsRejectedAsPoison() {
		Envelope<Payload> command = Samples.envelopes().get(0);
		var eventsOnly = new EnvelopeDeserializer<>(dev.ferry.contracts.event.ChatEvent.class);

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> eventsOnly.deserialize("chat.events.v1", this.serializer.serialize("x", command)))
			.withMessageContaining("Unknown type 'SendMessage'");
	}

	@Test
	void nonJsonIsRejectedAsPoison() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.deserializer.deserialize("t", "not json".getBytes()))
			.withMessageContaining("Not JSON");
	}

	@Test
	void aClientMayLeaveOutAFieldItHasNoValueFor() {
		assertThat(this.frames.readClientFrame("{\"type\":\"typing\",\"receiverId\":\"r\",\"typing\":true}"))
			.isEqualTo(new TypingFrame(null, "r", true));
	}

	@Test
	void absentValuesAreWrittenAsNull() {
		String json = this.frames.write(Samples.serverFrames().get(5));

		assertThat(json).contains("\"id\":null");
	}

	@Test
	void payloadTypeNamesAreTheRecordNames() {
		assertThat(Arrays.stream(PayloadType.values()).map(PayloadType::typeName)).contains("SendMessage",
				"MessageCreated", "MessageStatusChanged", "RoutedPush", "NodeHeartbeat");
	}

}
