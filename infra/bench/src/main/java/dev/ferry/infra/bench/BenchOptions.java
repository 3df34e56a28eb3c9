package dev.ferry.infra.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * Options of the form {@code --name=value}.
 */
final class BenchOptions {

	private BenchOptions() {
	}

	static Map<String, String> parse(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			if (arg.isBlank()) {
				continue;
			}
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Options look like --messages=200000, not '" + arg + "'");
			}
			options.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		return options;
	}

}
