package dev.ferry.gateway.system;

/**
 * The {@code limit} of a list call: a default when absent, capped above its maximum (not
 * refused, as the protocol says), refused below 1.
 */
public final class PageSize {

	private PageSize() {
	}

	/**
	 * The page size a call asked for.
	 * @throws InvalidFieldException if {@code limit} is below 1
	 */
	public static int of(Integer limit, int defaultSize, int max) {
		if (limit == null) {
			return defaultSize;
		}
		if (limit < 1) {
			throw new InvalidFieldException("limit must be at least 1");
		}
		return Math.min(limit, max);
	}

}
