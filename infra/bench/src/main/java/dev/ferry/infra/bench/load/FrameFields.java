package dev.ferry.infra.bench.load;

/**
 * Finds a text field in a server frame as the gateway writes it (compact JSON), without
 * parsing the frame: the first {@code "name":"value"} pair. Good for the ids, tempIds and
 * types the load generator reads, whose values hold no quotes; not a JSON parser.
 */
final class FrameFields {

	private FrameFields() {
	}

	/** The value of the first text field of that name, or {@code null}. */
	static String text(String frame, String name) {
		String key = "\"" + name + "\":\"";
		int start = frame.indexOf(key);
		if (start < 0) {
			return null;
		}
		start += key.length();
		int end = frame.indexOf('"', start);
		return (end < 0) ? null : frame.substring(start, end);
	}

}
