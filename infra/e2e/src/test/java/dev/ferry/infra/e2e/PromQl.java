package dev.ferry.infra.e2e;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads: what is left once strings, label matchers,
 * ranges, grouping clauses, numbers and durations, Grafana's variables, functions and
 * keywords are taken out.
 */
final class PromQl {

	private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{?\\w+}?");

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

	private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");

	private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	/** A number or a duration, taken before names so that {@code 5m} is not a name. */
	private static final Pattern TOKEN = Pattern
		.compile("\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?[a-zA-Z]*|([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan", "by",
			"without", "on", "ignoring", "group_left", "group_right");

	private PromQl() {
	}

	static Set<String> metricNames(String expression) {
		String bare = GRAFANA_VARIABLE.matcher(expression).replaceAll("1m");
		bare = STRING.matcher(bare).replaceAll("\"\"");
		bare = MATCHERS.matcher(bare).replaceAll(" ");
		bare = RANGE.matcher(bare).replaceAll(" ");
		bare = GROUPING.matcher(bare).replaceAll(" ");
		Set<String> names = new LinkedHashSet<>();
		Matcher token = TOKEN.matcher(bare);
		while (token.find()) {
			String name = token.group(1);
			boolean function = token.group(2) != null;
			if (name != null && !function && !KEYWORDS.contains(name.toLowerCase())) {
				names.add(name);
			}
		}
		return names;
	}

}
