package dev.ferry.contracts.message;

import dev.ferry.contracts.error.ErrorCode;

/**
 * The protocol's rules for what a client may send, shared by the gateway (which answers
 * with an error) and the persistence worker (which never trusts its input).
 */
public final class MessageRules {

	/** Most Unicode code points in a message. */
	public static final int MAX_CONTENT_CODE_POINTS = 4000;

	/** Most characters in a client's temp id. */
	public static final int MAX_TEMP_ID_LENGTH = 64;

	/** Most files one message carries. */
	public static final int MAX_ATTACHMENTS = 10;

	private MessageRules() {
	}

	/**
	 * Checks message content.
	 * @return the protocol error ({@code invalid_field} for text the database cannot
	 * store, {@code content_empty}, {@code content_too_long}), or {@code null} when the
	 * content is acceptable
	 */
	public static ErrorCode contentError(String content) {
		if (content == null) {
			return ErrorCode.CONTENT_EMPTY;
		}
		if (!isStorable(content)) {
			return ErrorCode.INVALID_FIELD;
		}
		if (isBlank(content)) {
			return ErrorCode.CONTENT_EMPTY;
		}
		if (content.codePointCount(0, content.length()) > MAX_CONTENT_CODE_POINTS) {
			return ErrorCode.CONTENT_TOO_LONG;
		}
		return null;
	}

	/**
	 * Checks the content of a message that may carry files: with files, it may be empty
	 * ({@code null} or no characters); text it has follows the rules of
	 * {@link #contentError(String)}.
	 */
	public static ErrorCode contentError(String content, boolean withFiles) {
		return (withFiles && (content == null || content.isEmpty())) ? null : contentError(content);
	}

	/**
	 * What the protocol tells a client whose content was refused, gateway and worker
	 * alike.
	 * @param contentError {@code content_empty} or {@code content_too_long}, as
	 * {@link #contentError} found
	 * @return the human-readable reason
	 */
	public static String reasonFor(ErrorCode contentError) {
		if (contentError == ErrorCode.CONTENT_EMPTY) {
			return "Content is empty or only whitespace or invisible characters";
		}
		if (contentError == ErrorCode.CONTENT_TOO_LONG) {
			return "Content is longer than " + MAX_CONTENT_CODE_POINTS + " code points";
		}
		throw new IllegalArgumentException("Not a content error: " + contentError);
	}

	/**
	 * Whether a client's temp id has the allowed form: 1 to 64 characters that the
	 * database can store.
	 */
	public static boolean isValidTempId(String tempId) {
		return tempId != null && !tempId.isEmpty() && tempId.length() <= MAX_TEMP_ID_LENGTH && isStorable(tempId);
	}

	/**
	 * Whether PostgreSQL can store the text: it refuses U+0000, and an unpaired surrogate
	 * is no character at all in UTF-8. No text ({@code null}) stores nothing and passes.
	 */
	public static boolean isStorable(String text) {
		if (text == null) {
			return true;
		}
		for (int index = 0; index < text.length(); index++) {
			char unit = text.charAt(index);
			if (unit == '\u0000' || Character.isLowSurrogate(unit)) {
				return false;
			}
			if (Character.isHighSurrogate(unit)) {
				if (index + 1 == text.length() || !Character.isLowSurrogate(text.charAt(index + 1))) {
					return false;
				}
				index++;
			}
		}
		return true;
	}

	/**
	 * The text with every U+0000 and unpaired surrogate replaced by U+FFFD, so that it
	 * can be stored and encoded as UTF-8 (an error message quoting a client's bad value).
	 */
	public static String storable(String text) {
		if (isStorable(text)) {
			return text;
		}
		StringBuilder replaced = new StringBuilder(text.length());
		for (int index = 0; index < text.length(); index++) {
			char unit = text.charAt(index);
			if (Character.isHighSurrogate(unit) && index + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(index + 1))) {
				replaced.append(unit).append(text.charAt(++index));
			}
			else {
				replaced.append((unit == '\u0000' || Character.isSurrogate(unit)) ? '\uFFFD' : unit);
			}
		}
		return replaced.toString();
	}

	/**
	 * Whether nothing of the text would show: it is empty, or all of it is invisible (see
	 * {@link #isInvisible}). A message, a file name cannot be only that.
	 */
	public static boolean isBlank(String text) {
		return text.codePoints().allMatch(MessageRules::isInvisible);
	}

	/**
	 * Unicode {@code White_Space} (not only ASCII: U+00A0, U+2003, U+3000, U+2028, U+2029
	 * too), the invisible format characters, and the characters that are drawn as nothing
	 * though they are letters or symbols (the Braille blank U+2800, the Hangul fillers).
	 */
	private static boolean isInvisible(int codePoint) {
		return Character.isSpaceChar(codePoint) || (codePoint >= '\t' && codePoint <= '\r') || codePoint == 0x85
				|| (codePoint >= 0x200B && codePoint <= 0x200D) || codePoint == 0x2060 || codePoint == 0xFEFF
				|| codePoint == 0x2800 || codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164
				|| codePoint == 0xFFA0;
	}

}
