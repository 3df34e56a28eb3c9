package dev.ferry.gateway.socket;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.ferry.contracts.delivery.RoutedPush;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.frame.MessageCreatedFrame;
import dev.ferry.contracts.frame.PeerTypingFrame;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.NodeId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.EnvelopeCodec;
import dev.ferry.contracts.json.FrameCodec;
import dev.ferry.contracts.json.InvalidEnvelopeException;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.message.MessageStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Routed pushes as the delivery worker writes them, read for sending as they are.
 */
class PushReaderTests {

	private static final Instant NOW = Instant.parse("2026-12-01T12:00:00.123456Z");

	private final EnvelopeCodec<RoutedPush> codec = EnvelopeCodec.of(RoutedPush.class);

	private final FrameCodec frames = new FrameCodec();

	private final PushReader reader = new PushReader();

	private final UserId alice = new UserId(UUID.randomUUID());

	private final UserId bob = new UserId(UUID.randomUUID());

	private final ConversationId conversation = ConversationId.direct(this.alice, this.bob);

	@Test
	void aMessageCreatedIsSentAsTheDeliveryWorkerWroteItAndNamesItsPeople() {
		ChatMessage message = new ChatMessage(MessageId.newTimeOrdered(), this.conversation, 7, 7, this.alice, this.bob,
				"t-\"7\"", "Ahoy, \"Bob\" 👋\n", MessageStatus.SENT, false, NOW, NOW, null, false);
		MessageCreatedFrame frame = new MessageCreatedFrame(this.conversation, 7, message);
		byte[] record = this.codec.write(Envelope
			.of(new RoutedPush(new NodeId("gateway-1"), List.of(this.alice, this.bob), "push-1", frame), NOW));

		PushReader.Push push = this.reader.read(record);

		assertThat(push.frame()).isEqualTo(this.frames.write(frame));
		assertThat(push.recipients()).containsExactly(this.alice, this.bob);
		assertThat(push.pushId()).isEqualTo("push-1");
		assertThat(push.created())
			.isEqualTo(new PushReader.Created(message.id(), this.conversation, this.alice, this.bob));
	}

	@Test
	void otherFramesNameNoMessage() {
		PeerTypingFrame frame = new PeerTypingFrame(this.conversation, this.alice, true);
		byte[] record = this.codec
			.write(Envelope.of(new RoutedPush(new NodeId("gateway-1"), List.of(this.bob), "push-2", frame), NOW));

		PushReader.Push push = this.reader.read(record);

		assertThat(push.frame()).isEqualTo(this.frames.write(frame));
		assertThat(push.created()).isNull();
	}

	@Test
	void aPayloadBeforeItsTypeIsStillRead() {
		PeerTypingFrame frame = new PeerTypingFrame(this.conversation, this.alice, false);
		String written = new String(
				this.codec.write(
						Envelope.of(new RoutedPush(new NodeId("gateway-1"), List.of(this.bob), "push-3", frame), NOW)),
				StandardCharsets.UTF_8);
		String payloadFirst = "{\"payload\":"
				+ written.substring(written.indexOf("\"payload\":") + 10, written.length() - 1) + ","
				+ written.substring(1, written.indexOf(",\"payload\":")) + "}";

		PushReader.Push push = this.reader.read(payloadFirst.getBytes(StandardCharsets.UTF_8));

		assertThat(push.frame()).isEqualTo(this.frames.write(frame));
		assertThat(push.pushId()).isEqualTo("push-3");
	}

	@Test
	void aRecordThatIsNoPushIsRefusedWithTheReason() {
		assertThatExceptionOfType(InvalidEnvelopeException.class)
			.isThrownBy(() -> this.reader.read("{\"type\":\"TypingSignal\"}".getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("TypingSignal");
	}

}
