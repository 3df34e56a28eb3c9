package dev.ferry.contracts.json;

import java.time.Instant;
import java.util.UUID;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.envelope.PayloadType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@link Envelope}s, choosing the payload record by the envelope's
 * {@code type}.
 *
 * @param <P> the payload family this codec accepts
 */
public final class EnvelopeCodec<P extends Payload> {

	private final JsonMapper mapper = FerryJson.mapper();

	private final Class<P> family;

	private EnvelopeCodec(Class<P> family) {
		this.family = family;
	}

	/** A codec that accepts only payloads of {@code family}, e.g. {@code ChatEvent}. */
	public static <P extends Payload> EnvelopeCodec<P> of(Class<P> family) {
		return new EnvelopeCodec<>(family);
	}

	public byte[] write(Envelope<? extends P> envelope) {
		return this.mapper.writeValueAsBytes(envelope);
	}

	/**
	 * Reads an envelope: in one pass when it is well formed and names its type before its
	 * payload, as Ferry's producers write it; otherwise through a tree, which also tells
	 * what is wrong.
	 * @throws InvalidEnvelopeException if the bytes are not an envelope of this family
	 */
	public Envelope<P> read(byte[] json) {
		Envelope<P> envelope = readInOnePass(json);
		return (envelope != null) ? envelope : readThroughTree(json);
	}

	/**
	 * Binds the payload straight from the parser once the type is known, without building
	 * a tree of the whole record; {@code null} for anything unusual, which the tree path
	 * then reads or refuses with its reason.
	 */
	private Envelope<P> readInOnePass(byte[] json) {
		try (JsonParser parser = this.mapper.createParser(json)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			String eventId = null;
			String typeName = null;
			String occurredAt = null;
			int version = 0;
			P payload = null;
			for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
				String field = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (field) {
					case "eventId" -> eventId = (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
					case "type" -> typeName = (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
					case "occurredAt" -> occurredAt = (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
					case "version" -> {
						if (value != JsonToken.VALUE_NUMBER_INT) {
							return null;
						}
						version = parser.getIntValue();
					}
					case "payload" -> {
						PayloadType type = (typeName != null) ? PayloadType.named(typeName) : null;
						if (value != JsonToken.START_OBJECT || type == null
								|| !this.family.isAssignableFrom(type.payloadClass())) {
							return null;
						}
						payload = this.family.cast(this.mapper.readValue(parser, type.payloadClass()));
					}
					default -> parser.skipChildren();
				}
			}
			if (eventId == null || typeName == null || occurredAt == null || payload == null) {
				return null;
			}
			return new Envelope<>(UUID.fromString(eventId), typeName, version, Instant.parse(occurredAt), payload);
		}
		catch (JacksonException | IllegalArgumentException | java.time.format.DateTimeParseException ex) {
			return null;
		}
	}

	private Envelope<P> readThroughTree(byte[] json) {
		JsonNode tree;
		try {
			tree = this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new InvalidEnvelopeException("Not JSON: " + ex.getOriginalMessage(), ex);
		}
		return read(tree);
	}

	/**
	 * Reads an envelope already parsed as a JSON tree.
	 * @throws InvalidEnvelopeException if the tree is not an envelope of this family
	 */
	public Envelope<P> read(JsonNode tree) {
		String typeName = text(tree, "type");
		PayloadType type = PayloadType.named(typeName);
		if (type == null || !this.family.isAssignableFrom(type.payloadClass())) {
			throw new InvalidEnvelopeException("Unknown type '" + typeName + "' for " + this.family.getSimpleName());
		}
		try {
			UUID eventId = UUID.fromString(text(tree, "eventId"));
			Instant occurredAt = Instant.parse(text(tree, "occurredAt"));
			JsonNode payloadNode = tree.get("payload");
			if (payloadNode == null || !payloadNode.isObject()) {
				throw new InvalidEnvelopeException("Missing payload object");
			}
			P payload = this.family.cast(this.mapper.treeToValue(payloadNode, type.payloadClass()));
			return new Envelope<>(eventId, typeName, tree.path("version").asInt(), occurredAt, payload);
		}
		catch (JacksonException | IllegalArgumentException | java.time.format.DateTimeParseException ex) {
			throw new InvalidEnvelopeException("Invalid " + typeName + ": " + ex.getMessage(), ex);
		}
	}

	private static String text(JsonNode tree, String field) {
		JsonNode node = tree.get(field);
		if (node == null || !node.isString()) {
			throw new InvalidEnvelopeException("Missing or non-text field '" + field + "'");
		}
		return node.asString();
	}

}
