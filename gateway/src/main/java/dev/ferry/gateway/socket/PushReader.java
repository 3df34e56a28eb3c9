package dev.ferry.gateway.socket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.ferry.contracts.delivery.RoutedPush;
import dev.ferry.contracts.envelope.PayloadType;
import dev.ferry.contracts.frame.MessageCreatedFrame;
import dev.ferry.contracts.frame.UserStatusChangedFrame;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.EnvelopeCodec;
import dev.ferry.contracts.json.FerryJson;
import dev.ferry.contracts.json.FrameCodec;
import dev.ferry.contracts.json.InvalidEnvelopeException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a routed push for sending as it is: the frame's JSON is cut from the record's
 * bytes (the delivery worker wrote it with the same codec a socket expects), not decoded
 * into records and encoded again. A record that is not as the delivery worker writes it
 * is read in full, which also tells what is wrong with it.
 */
final class PushReader {

	private static final String ROUTED_PUSH = PayloadType.ROUTED_PUSH.typeName();

	private final JsonMapper mapper = FerryJson.mapper();

	private final EnvelopeCodec<RoutedPush> codec = EnvelopeCodec.of(RoutedPush.class);

	private final FrameCodec frames = new FrameCodec();

	/**
	 * Reads a record of {@code chat.delivery.v1}.
	 * @throws InvalidEnvelopeException if it is not a routed push
	 */
	Push read(byte[] record) {
		Push push = readInOnePass(record);
		if (push != null) {
			return push;
		}
		RoutedPush routed = this.codec.read(record).payload();
		Created created = (routed.frame() instanceof MessageCreatedFrame frame) ? new Created(frame.message().id(),
				frame.conversationId(), frame.message().senderId(), frame.message().receiverId()) : null;
		UserId statusOf = (routed.frame() instanceof UserStatusChangedFrame frame) ? frame.userId() : null;
		return new Push(routed.recipients(), routed.pushId(), this.frames.write(routed.frame()), created, statusOf);
	}

	private Push readInOnePass(byte[] record) {
		try (JsonParser parser = this.mapper.createParser(record)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			String type = null;
			Push push = null;
			for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
				String field = parser.currentName();
				JsonToken value = parser.nextToken();
				if (field.equals("type")) {
					type = (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
				}
				else if (field.equals("payload") && value == JsonToken.START_OBJECT) {
					push = payload(parser, record);
				}
				else {
					parser.skipChildren();
				}
			}
			return ROUTED_PUSH.equals(type) ? push : null;
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return null;
		}
	}

	private static Push payload(JsonParser parser, byte[] record) {
		List<UserId> recipients = null;
		String pushId = null;
		String frame = null;
		FrameFacts facts = null;
		for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (field) {
				case "recipients" -> recipients = (value == JsonToken.START_ARRAY) ? recipients(parser) : null;
				case "pushId" -> pushId = (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
				case "frame" -> {
					if (value != JsonToken.START_OBJECT) {
						return null;
					}
					int start = (int) parser.currentTokenLocation().getByteOffset();
					facts = frameFields(parser);
					int end = (int) parser.currentLocation().getByteOffset();
					frame = new String(record, start, end - start, StandardCharsets.UTF_8);
				}
				default -> parser.skipChildren();
			}
		}
		return (recipients != null && pushId != null && frame != null)
				? new Push(recipients, pushId, frame, facts.created(), facts.statusOf()) : null;
	}

	private static List<UserId> recipients(JsonParser parser) {
		List<UserId> recipients = new ArrayList<>();
		for (JsonToken token = parser.nextToken(); token == JsonToken.VALUE_STRING; token = parser.nextToken()) {
			recipients.add(new UserId(UUID.fromString(parser.getString())));
		}
		return recipients;
	}

	/**
	 * Reads to the end of the frame, noting the people of a {@code message-created} (the
	 * receipt that follows it then needs no query) and whose presence a
	 * {@code user-status-changed} announces (their watchers get it too).
	 */
	private static FrameFacts frameFields(JsonParser parser) {
		String type = null;
		String conversationId = null;
		String userId = null;
		String[] message = new String[3];
		for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			if (field.equals("type") && value == JsonToken.VALUE_STRING) {
				type = parser.getString();
			}
			else if (field.equals("conversationId") && value == JsonToken.VALUE_STRING) {
				conversationId = parser.getString();
			}
			else if (field.equals("userId") && value == JsonToken.VALUE_STRING) {
				userId = parser.getString();
			}
			else if (field.equals("message") && value == JsonToken.START_OBJECT) {
				messageFields(parser, message);
			}
			else {
				parser.skipChildren();
			}
		}
		if ("user-status-changed".equals(type) && userId != null) {
			return new FrameFacts(null, new UserId(UUID.fromString(userId)));
		}
		if (!"message-created".equals(type) || conversationId == null || message[0] == null || message[1] == null
				|| message[2] == null) {
			return new FrameFacts(null, null);
		}
		return new FrameFacts(new Created(new MessageId(UUID.fromString(message[0])),
				new ConversationId(UUID.fromString(conversationId)), new UserId(UUID.fromString(message[1])),
				new UserId(UUID.fromString(message[2]))), null);
	}

	/**
	 * What the gateway needs to know of a frame besides its JSON.
	 *
	 * @param created the people of a {@code message-created}, or {@code null}
	 * @param statusOf whose presence a {@code user-status-changed} announces, or
	 * {@code null}
	 */
	private record FrameFacts(Created created, UserId statusOf) {
	}

	private static void messageFields(JsonParser parser, String[] idSenderReceiver) {
		for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			int index = switch (field) {
				case "id" -> 0;
				case "senderId" -> 1;
				case "receiverId" -> 2;
				default -> -1;
			};
			if (index >= 0 && value == JsonToken.VALUE_STRING) {
				idSenderReceiver[index] = parser.getString();
			}
			else {
				parser.skipChildren();
			}
		}
	}

	/**
	 * A push as the gateway sends it.
	 *
	 * @param recipients the users whose sockets on this node get it
	 * @param pushId its id, for de-duplication per socket
	 * @param frame the frame's JSON, as sockets get it
	 * @param created the people of the message a {@code message-created} announces, or
	 * {@code null}
	 * @param statusOf the user whose presence a {@code user-status-changed} announces, or
	 * {@code null}
	 */
	record Push(List<UserId> recipients, String pushId, String frame, Created created, UserId statusOf) {
	}

	/**
	 * The people of a persisted message.
	 *
	 * @param messageId the message
	 * @param conversationId its conversation
	 * @param senderId who wrote it
	 * @param receiverId who it is for
	 */
	record Created(MessageId messageId, ConversationId conversationId, UserId senderId, UserId receiverId) {
	}

}
