package dev.ferry.contracts.json;

import dev.ferry.contracts.frame.ClientFrame;
import dev.ferry.contracts.frame.ServerFrame;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes WebSocket frames; a Java client uses it the other way round.
 */
public final class FrameCodec {

	private final JsonMapper mapper = FerryJson.mapper();

	/**
	 * Clients may leave out a field they have no value for (a {@code typing} frame names
	 * the conversation or the receiver); it reads as {@code null} and the gateway's
	 * checks name it if it was needed. Kafka records stay strict.
	 */
	private final ObjectReader clientFrames = this.mapper.readerFor(ClientFrame.class)
		.without(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

	public String write(ServerFrame frame) {
		return this.mapper.writeValueAsString(frame);
	}

	public String write(ClientFrame frame) {
		return this.mapper.writeValueAsString(frame);
	}

	/**
	 * Reads a client frame.
	 * @throws tools.jackson.core.JacksonException if it is not a valid frame
	 */
	public ClientFrame readClientFrame(String json) {
		return this.clientFrames.readValue(json);
	}

	/**
	 * Parses JSON text into a tree; throws {@code JacksonException} if it is not JSON.
	 */
	public JsonNode readTree(String json) {
		return this.mapper.readTree(json);
	}

	/**
	 * Reads a server frame.
	 * @throws tools.jackson.core.JacksonException if it is not a valid frame
	 */
	public ServerFrame readServerFrame(String json) {
		return this.mapper.readValue(json, ServerFrame.class);
	}

}
