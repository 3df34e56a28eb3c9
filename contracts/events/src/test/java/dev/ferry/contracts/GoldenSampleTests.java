package dev.ferry.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.frame.ClientFrame;
import dev.ferry.contracts.group.GroupChange;
import dev.ferry.contracts.frame.ServerFrame;
import dev.ferry.contracts.json.EnvelopeCodec;
import dev.ferry.contracts.json.FerryJson;
import dev.ferry.contracts.json.FrameCodec;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.command.SendMessage;
import dev.ferry.contracts.conversation.ConversationStarted;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.event.MessageCreated;
import dev.ferry.contracts.event.MessageStatusChanged;
import dev.ferry.contracts.message.MessageAttachment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden samples under {@code src/test/resources/golden} are the JSON that consumers in
 * the wild already read and write. A change that renames, removes or retypes a field
 * fails here; adding a field means adding it to the golden file too. Run with
 * {@code -Dferry.golden.write=true} once to write a sample for a new record type.
 */
class GoldenSampleTests {

	private static final Path GOLDEN = Path.of("src/test/resources/golden");

	private static final boolean WRITE = Boolean.getBoolean("ferry.golden.write");

	private final EnvelopeCodec<Payload> envelopes = EnvelopeCodec.of(Payload.class);

	private final FrameCodec frames = new FrameCodec();

	static Stream<Arguments> samples() {
		Stream<Arguments> envelopes = Samples.envelopes()
			.stream()
			.map((envelope) -> sample("envelopes/" + envelope.type(), envelope));
		Stream<Arguments> clientFrames = Samples.clientFrames()
			.stream()
			.map((frame) -> sample("client-frames/" + typeOf(frame), frame));
		Stream<Arguments> serverFrames = Samples.serverFrames()
			.stream()
			.map((frame) -> sample("server-frames/" + typeOf(frame), frame));
		return Stream.of(envelopes, clientFrames, serverFrames).flatMap((stream) -> stream);
	}

	@ParameterizedTest
	@MethodSource("samples")
	void goldenSampleIsWhatTheRecordWrites(Path golden, Object record) throws IOException {
		JsonNode written = FerryJson.mapper().readTree(FerryJson.mapper().writeValueAsString(record));
		if (WRITE && !Files.exists(golden)) {
			Files.createDirectories(golden.getParent());
			Files.writeString(golden, FerryJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(written));
		}

		assertThat(golden).as("golden sample; write it with -Dferry.golden.write=true").isRegularFile();
		assertThat(written).isEqualTo(FerryJson.mapper().readTree(golden.toFile()));
	}

	@ParameterizedTest
	@MethodSource("samples")
	void goldenSampleWithAnUnknownFieldStillReads(Path golden, Object record) {
		ObjectNode json = (ObjectNode) FerryJson.mapper().readTree(golden.toFile());
		json.put("addedInAFutureVersion", "ignored");
		if (json.path("payload").isObject()) {
			((ObjectNode) json.path("payload")).put("addedInAFutureVersion", 42);
		}
		String text = json.toString();

		assertThat(read(record, text)).isEqualTo(record);
	}

	/**
	 * Records written before version 2 (still on the topic, or from a producer not yet
	 * upgraded) lack the fields it added: they read with those empty, not as unreadable.
	 */
	@Test
	void version1RecordsReadWithTheFieldsVersion2AddedEmpty() throws IOException {
		Envelope<Payload> send = this.envelopes
			.read(Files.readAllBytes(GOLDEN.resolve("envelopes-v1/SendMessage.json")));
		Envelope<Payload> created = this.envelopes
			.read(Files.readAllBytes(GOLDEN.resolve("envelopes-v1/MessageCreated.json")));

		assertThat(send.version()).isEqualTo(1);
		assertThat(((SendMessage) send.payload()).attachmentIds()).isEmpty();
		assertThat(((SendMessage) send.payload()).content()).isEqualTo("hi Bob");
		assertThat(((MessageCreated) created.payload()).message().attachments()).isEmpty();
		assertThat(((MessageCreated) created.payload()).message().content()).isEqualTo("hi Bob");
		Envelope<Payload> started = this.envelopes
			.read(Files.readAllBytes(GOLDEN.resolve("envelopes-v1/ConversationStarted.json")));
		assertThat(started.version()).isEqualTo(1);
		assertThat(((ConversationStarted) started.payload()).group()).isNull();
		assertThat(((ConversationStarted) started.payload()).members()).hasSize(2);
		Envelope<Payload> receipt = this.envelopes
			.read(Files.readAllBytes(GOLDEN.resolve("envelopes-v1/MessageStatusChanged.json")));
		assertThat(((MessageStatusChanged) receipt.payload()).counts()).isNull();
	}

	/**
	 * A version 1 {@code GroupChanged} carried the whole group: it reads as version 2
	 * does, the group's members passed over, with no {@code members}.
	 */
	@Test
	void version1GroupChangesReadWithoutTheirMembers() throws IOException {
		Envelope<Payload> changed = this.envelopes
			.read(Files.readAllBytes(GOLDEN.resolve("envelopes-v1/GroupChanged.json")));

		assertThat(changed.version()).isEqualTo(1);
		assertThat(changed.payload()).isEqualTo(new GroupChanged(Samples.GROUP, 4, Samples.ALICE,
				GroupChange.MEMBER_ADDED, Samples.CAROL, List.of(), Samples.CREW_SUMMARY));
	}

	/**
	 * A version 2 message's files (from before images had their size) read with no width
	 * and height, as a file that is not an image.
	 */
	@Test
	void version2AttachmentsReadWithoutAWidthOrHeight() throws IOException {
		Envelope<Payload> created = this.envelopes
			.read(Files.readAllBytes(GOLDEN.resolve("envelopes-v2/MessageCreated.json")));

		assertThat(created.version()).isEqualTo(2);
		assertThat(((MessageCreated) created.payload()).message().attachments())
			.containsExactly(new MessageAttachment(Samples.ATTACHMENT, "chart.png", 48213, "image/png", null));
	}

	private Object read(Object record, String json) {
		if (record instanceof Envelope<?>) {
			return this.envelopes.read(json.getBytes());
		}
		if (record instanceof ClientFrame) {
			return this.frames.readClientFrame(json);
		}
		return this.frames.readServerFrame(json);
	}

	private static String typeOf(Object frame) {
		return FerryJson.mapper().valueToTree(frame).path("type").asString();
	}

	private static Arguments sample(String name, Object record) {
		return Arguments.of(Named.of(name, GOLDEN.resolve(name + ".json")), record);
	}

}
