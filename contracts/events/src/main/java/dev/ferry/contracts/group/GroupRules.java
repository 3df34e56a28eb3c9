package dev.ferry.contracts.group;

import dev.ferry.contracts.message.MessageRules;

/**
 * The rules for a group's title, the same at the gateway and in the persistence worker.
 */
public final class GroupRules {

	/** The longest title, in code points. */
	public static final int MAX_TITLE_CODE_POINTS = 200;

	private GroupRules() {
	}

	/**
	 * Whether a title is acceptable: present, not blank, at most
	 * {@link #MAX_TITLE_CODE_POINTS} code points, and storable.
	 */
	public static boolean isValidTitle(String title) {
		return title != null && !title.isBlank() && title.codePointCount(0, title.length()) <= MAX_TITLE_CODE_POINTS
				&& MessageRules.isStorable(title);
	}

}
