package dev.ferry.gateway.attachment;

import java.nio.charset.StandardCharsets;

import dev.ferry.contracts.message.MessageRules;
import dev.ferry.gateway.system.ChatException;

/**
 * File names, as an uploader gives them and as a download names them. A name keeps no
 * path and none of the characters that change how it reads: control characters (C0, DEL
 * and C1: CR and LF would split a header built from it) and bidirectional controls
 * (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C: {@code x<U+202E>gpj.exe} shows
 * as {@code xexe.jpg}). They are removed rather than refused: what is left is what the
 * name showed anyway, and a browser's file name is not the user's to fix.
 */
final class FileNames {

	static final int MAX_LENGTH = 255;

	private FileNames() {
	}

	/**
	 * The name to keep.
	 * @throws ChatException {@code invalid_field} if nothing is left, nothing visible (as
	 * for a message's content), or more than {@value #MAX_LENGTH} characters (code
	 * points, as PostgreSQL counts them)
	 */
	static String clean(String given) {
		String name = (given != null) ? given.codePoints()
			.filter((codePoint) -> !removed(codePoint))
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString() : "";
		// A path a browser sent with the name is not part of it.
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
		if (MessageRules.isBlank(name) || name.codePointCount(0, name.length()) > MAX_LENGTH
				|| !MessageRules.isStorable(name)) {
			throw ChatException.invalidField("name must be 1 to " + MAX_LENGTH
					+ " characters once control and bidirectional characters are removed, not all of them invisible");
		}
		return name;
	}

	/**
	 * A {@code Content-Disposition} naming the file as RFC 6266 says: {@code filename*}
	 * in UTF-8, and {@code filename} in ASCII for older clients, each character it cannot
	 * hold (and {@code "}, {@code \} and {@code %}, which some read as escapes) as
	 * {@code _}.
	 */
	static String contentDisposition(String type, String name) {
		StringBuilder ascii = new StringBuilder();
		name.codePoints()
			.forEach((codePoint) -> ascii.append(
					(codePoint < 0x20 || codePoint > 0x7e || codePoint == '"' || codePoint == '\\' || codePoint == '%')
							? '_' : (char) codePoint));
		StringBuilder utf8 = new StringBuilder();
		for (byte octet : name.getBytes(StandardCharsets.UTF_8)) {
			int value = octet & 0xff;
			if (attrChar(value)) {
				utf8.append((char) value);
			}
			else {
				utf8.append('%')
					.append(Character.toUpperCase(Character.forDigit(value >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(value & 0xf, 16)));
			}
		}
		return type + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + utf8;
	}

	private static boolean removed(int codePoint) {
		return Character.getType(codePoint) == Character.CONTROL || (codePoint >= 0x202a && codePoint <= 0x202e)
				|| (codePoint >= 0x2066 && codePoint <= 0x2069) || codePoint == 0x200e || codePoint == 0x200f
				|| codePoint == 0x061c;
	}

	/** RFC 5987's attr-char: what {@code filename*} holds unescaped. */
	private static boolean attrChar(int value) {
		return (value >= 'a' && value <= 'z') || (value >= 'A' && value <= 'Z') || (value >= '0' && value <= '9')
				|| "!#$&+-.^_`|~".indexOf(value) >= 0;
	}

}
