package dev.ferry.gateway.system;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code next} of a list call and its {@code after}: where the page ended, as
 * text a client passes back unread.
 */
public final class PageCursor {

	private PageCursor() {
	}

	/** The cursor of a page that ended at {@code position}. */
	public static String of(String position) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The position a cursor names.
	 * @throws InvalidFieldException if it is not a cursor
	 */
	public static String positionOf(String cursor) {
		try {
			return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw notACursor();
		}
	}

	/** The refusal of an {@code after} that no page returned. */
	public static InvalidFieldException notACursor() {
		return new InvalidFieldException("after must be a cursor a previous page returned");
	}

}
