package dev.ferry.contracts.id;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies a conversation. A direct conversation's id is derived from its two members,
 * so every gateway computes it without a lookup, whichever member asks.
 */
public record ConversationId(@JsonValue UUID value) {

	private static final String DIRECT_NAMESPACE = "ferry:direct:";

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public ConversationId {
		Objects.requireNonNull(value, "value");
	}

	/**
	 * The id of the direct conversation of two users, reproducible in any language: take
	 * both ids in canonical lower-case form, order them as strings, SHA-1 the UTF-8 bytes
	 * of {@code "ferry:direct:" + first + ":" + second}, keep the first 16 bytes, and set
	 * the version (5) and IETF variant bits as RFC 9562 does for name-based UUIDs.
	 */
	public static ConversationId direct(UserId a, UserId b) {
		if (a.equals(b)) {
			throw new IllegalArgumentException("A direct conversation needs two different users");
		}
		String first = a.toString();
		String second = b.toString();
		if (first.compareTo(second) > 0) {
			String swap = first;
			first = second;
			second = swap;
		}
		return new ConversationId(nameBased(DIRECT_NAMESPACE + first + ":" + second));
	}

	/**
	 * A new group's id: time-ordered, as a message's is, and never one a pair of users
	 * derives (those are name-based, version 5).
	 */
	public static ConversationId newGroup() {
		return new ConversationId(TimeOrderedUuid.next());
	}

	/**
	 * Whether this id has the form of a group's: time-ordered (version 7), as
	 * {@link #newGroup()} makes them, and so never a direct conversation's (version 5).
	 */
	public boolean isGroupForm() {
		return this.value.version() == 7;
	}

	public static ConversationId fromString(String value) {
		return new ConversationId(UUID.fromString(value));
	}

	private static UUID nameBased(String name) {
		byte[] hash = sha1(name.getBytes(StandardCharsets.UTF_8));
		hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
		hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
		ByteBuffer buffer = ByteBuffer.wrap(hash, 0, 16);
		return new UUID(buffer.getLong(), buffer.getLong());
	}

	private static byte[] sha1(byte[] input) {
		try {
			return MessageDigest.getInstance("SHA-1").digest(input);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime provides SHA-1", ex);
		}
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
