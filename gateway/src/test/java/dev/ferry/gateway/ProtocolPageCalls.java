package dev.ferry.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;

/**
 * The REST calls of the tables of {@code docs/protocol.md}, each with every status the
 * page says it answers: the statuses its rows name, and those the page gives every call
 * (the paragraph above its first table).
 */
final class ProtocolPageCalls {

	private static final Path PAGE = Path.of("..", "docs", "protocol.md");

	/** The call a row is about, the first thing in it; its query left out. */
	private static final Pattern CALL = Pattern.compile("^\\| `(GET|POST|PUT|PATCH|DELETE) (/[^`?]*)[^|]*\\| ");

	/**
	 * Three digits on their own (not those of {@code U+200B}, {@code 26,214,400} or
	 * {@code SHA-256}) that are not a quantity: a default, a maximum or a size.
	 */
	private static final Pattern STATUS = Pattern
		.compile("(?<![\\w,.+–-])(?<!default |maximum )(\\d{3})(?!\\w| (?:MiB|KiB|characters|code points|px|capped))");

	/** The chat page: HTML for a browser, not a call of the API. */
	private static final String CHAT_PAGE = "GET /";

	private ProtocolPageCalls() {
	}

	/**
	 * Every call of the tables but the chat page, as {@code METHOD /path/{param}}, with
	 * its statuses.
	 */
	static Map<String, SortedSet<Integer>> statuses() throws IOException {
		Map<String, SortedSet<Integer>> calls = new TreeMap<>();
		for (String row : Files.readAllLines(PAGE)) {
			Matcher call = CALL.matcher(row);
			if (!call.find()) {
				continue;
			}
			String method = call.group(1);
			String path = call.group(2).replaceAll(":(\\w+)", "{$1}");
			if ((method + " " + path).equals(CHAT_PAGE)) {
				continue;
			}
			String answers = row.substring(call.end());
			SortedSet<Integer> statuses = calls.computeIfAbsent(method + " " + path, (key) -> new TreeSet<>());
			Matcher status = STATUS.matcher(answers);
			while (status.find()) {
				int code = Integer.parseInt(status.group(1));
				if (code >= 200 && HttpStatus.resolve(code) != null) {
					statuses.add(code);
				}
			}
			statuses.addAll(everyCall(method, path, call.group().contains("`{"), answers.startsWith("open")));
		}
		return calls;
	}

	/**
	 * What the page says every call answers besides its row: 413 for a body over the
	 * limit; 401 without a session, unless the row begins "open"; 403 {@code csrf} for a
	 * write; 400 {@code invalid_json} where a JSON body is shown beside the call; 429
	 * over the per-user rate, outside {@code /auth/} and unless open.
	 */
	private static SortedSet<Integer> everyCall(String method, String path, boolean jsonBody, boolean open) {
		SortedSet<Integer> statuses = new TreeSet<>();
		statuses.add(413);
		if (!open) {
			statuses.add(401);
		}
		if (!method.equals("GET")) {
			statuses.add(403);
		}
		if (jsonBody) {
			statuses.add(400);
		}
		if (!open && !path.startsWith("/auth/")) {
			statuses.add(429);
		}
		return statuses;
	}

}
