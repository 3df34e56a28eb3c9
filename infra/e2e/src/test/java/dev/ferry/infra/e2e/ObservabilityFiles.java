package dev.ferry.infra.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard and the Prometheus alert rules operators import from
 * {@code infra/observability}, and the queries in them.
 */
final class ObservabilityFiles {

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*\\w+\\s*\\)");

	private ObservabilityFiles() {
	}

	static Path directory() {
		return Path.of(System.getProperty("ferry.observability.dir", "../observability"));
	}

	static Path dashboard() {
		return directory().resolve("ferry-dashboard.json");
	}

	static Path alertRules() {
		return directory().resolve("ferry-alerts.yaml");
	}

	static Path alertRuleTests() {
		return directory().resolve("ferry-alerts-test.yaml");
	}

	static JsonNode dashboardJson() {
		return JsonMapper.shared().readTree(dashboard().toFile());
	}

	/** Every query of the dashboard: its panels' and its variables'. */
	static List<String> dashboardQueries() {
		List<String> queries = new ArrayList<>();
		dashboardJson().path("panels").forEach((panel) -> {
			panel.path("targets").forEach((target) -> queries.add(target.path("expr").asString()));
			panel.path("panels")
				.forEach((inner) -> inner.path("targets")
					.forEach((target) -> queries.add(target.path("expr").asString())));
		});
		dashboardJson().path("templating").path("list").forEach((variable) -> {
			if (variable.path("type").asString().equals("query")) {
				Matcher labelValues = LABEL_VALUES.matcher(variable.path("query").asString());
				if (labelValues.matches()) {
					queries.add(labelValues.group(1));
				}
			}
		});
		return queries;
	}

	/** Every alert rule's expression, by the alert's name. */
	@SuppressWarnings("unchecked")
	static Map<String, String> alertExpressions() {
		try (Reader reader = Files.newBufferedReader(alertRules())) {
			Map<String, Object> file = new Yaml().load(reader);
			Map<String, String> expressions = new java.util.LinkedHashMap<>();
			for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
				for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
					expressions.put((String) rule.get("alert"), (String) rule.get("expr"));
				}
			}
			return expressions;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + alertRules(), ex);
		}
	}

	static Set<String> metricsOfDashboard() {
		Set<String> names = new LinkedHashSet<>();
		dashboardQueries().forEach((query) -> names.addAll(PromQl.metricNames(query)));
		return names;
	}

	static Set<String> metricsOfAlertRules() {
		Set<String> names = new LinkedHashSet<>();
		alertExpressions().values().forEach((expression) -> names.addAll(PromQl.metricNames(expression)));
		return names;
	}

}
