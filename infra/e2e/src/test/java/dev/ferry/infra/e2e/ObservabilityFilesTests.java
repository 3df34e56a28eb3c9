package dev.ferry.infra.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard, the alert rules and the example Prometheus configuration operators
 * import from {@code infra/observability}, checked by the tools they are imported into:
 * Prometheus's {@code promtool} (Debian's {@code prometheus} package, which
 * {@code .ci/run} installs) and Grafana's own dashboard schema ({@code @grafana/schema},
 * type-checked with TypeScript, both from the npm registry).
 */
class ObservabilityFilesTests {

	private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

	private static final Path SCHEMA_CHECK = Path.of("target", "dashboard-schema-check");

	@Test
	void theAlertRulesAndThePrometheusConfigurationPassPromtoolsChecks() throws Exception {
		Result rules = promtool("check", "rules", ObservabilityFiles.alertRules().toString());
		Result config = promtool("check", "config", besideAStack().resolve("prometheus.yml").toString());

		assertThat(rules.exitCode()).as(rules.output()).isZero();
		assertThat(rules.output()).contains("SUCCESS: 10 rules found");
		assertThat(config.exitCode()).as(config.output()).isZero();
		assertThat(config.output()).contains("is valid prometheus config file syntax");
	}

	@Test
	void eachAlertFiresOnTheSeriesItWatchesAndStaysQuietOnAHealthyPipeline() throws Exception {
		Result tests = promtool("test", "rules", ObservabilityFiles.alertRuleTests().toString());

		assertThat(tests.exitCode()).as(tests.output()).isZero();
		assertThat(tests.output()).contains("SUCCESS");
		// Every alert is tested.
		assertThat(Files.readString(ObservabilityFiles.alertRuleTests())).contains(
				ObservabilityFiles.alertExpressions().keySet().stream().map((alert) -> "alertname: " + alert).toList());
	}

	@Test
	void everyAlertSaysWhatItMeansAndLinksItsRunbookInTheOperationsGuide() throws IOException {
		String operations = Files.readString(Path.of("..", "..", "docs", "operations.md"));
		String rules = Files.readString(ObservabilityFiles.alertRules());

		for (String alert : ObservabilityFiles.alertExpressions().keySet()) {
			assertThat(rules).contains("runbook: \"docs/operations.md#" + alert.toLowerCase(Locale.ROOT) + "\"");
			assertThat(operations).contains("#### " + alert);
		}
	}

	@Test
	void theDashboardTypeChecksAgainstGrafanasOwnDashboardSchema() throws Exception {
		Files.createDirectories(SCHEMA_CHECK);
		Path tools = ObservabilityFiles.directory().resolve("schema-check");
		for (String file : List.of("package.json", "package-lock.json")) {
			Files.copy(tools.resolve(file), SCHEMA_CHECK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		if (!Files.isDirectory(SCHEMA_CHECK.resolve("node_modules"))) {
			Result install = run(SCHEMA_CHECK, "npm", "ci", "--no-audit", "--no-fund");
			assertThat(install.exitCode()).as(install.output()).isZero();
		}
		// A literal typed as Grafana's Dashboard: a missing or mistyped field, or one the
		// schema does not know, fails the compilation.
		Files.writeString(SCHEMA_CHECK.resolve("dashboard.ts"),
				"import type { Dashboard } from '@grafana/schema';\n\nexport const dashboard: Dashboard = "
						+ Files.readString(ObservabilityFiles.dashboard()) + ";\n");

		Result check = run(SCHEMA_CHECK, "node", "node_modules/typescript/bin/tsc", "--noEmit", "--strict", "--target",
				"es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "dashboard.ts");

		assertThat(check.exitCode()).as(check.output()).isZero();
	}

	@Test
	void theDashboardHasItsRowsAndVariablesForTheDataSourceAndTheNodeThatEveryQueryUses() {
		JsonNode dashboard = ObservabilityFiles.dashboardJson();

		List<String> rows = dashboard.path("panels")
			.valueStream()
			.filter((panel) -> panel.path("type").asString().equals("row"))
			.map((row) -> row.path("title").asString())
			.toList();
		assertThat(rows).containsExactly("Traffic", "Latency per hop", "Kafka", "Gateway", "PostgreSQL", "JVM");
		List<JsonNode> variables = dashboard.path("templating").path("list").valueStream().toList();
		assertThat(variables).extracting((variable) -> variable.path("name").asString())
			.containsExactly("datasource", "node");
		assertThat(variables.get(0).path("type").asString()).isEqualTo("datasource");
		assertThat(variables.get(0).path("query").asString()).isEqualTo("prometheus");
		List<JsonNode> panels = dashboard.path("panels")
			.valueStream()
			.filter((panel) -> !panel.path("type").asString().equals("row"))
			.toList();
		assertThat(panels).allSatisfy((panel) -> {
			assertThat(panel.path("datasource").path("uid").asString()).isEqualTo("${datasource}");
			assertThat(panel.path("targets").valueStream().toList()).isNotEmpty()
				.allSatisfy((target) -> assertThat(target.path("expr").asString()).contains("instance=~\"$node\""));
		});
	}

	/**
	 * The scrape configuration and its rules where a checkout that has run the stack has
	 * them: promtool checks that the stack's scrape token file they name is there.
	 */
	private static Path besideAStack() throws IOException {
		Path checkout = Path.of("target", "prometheus-check").toAbsolutePath();
		Path observability = checkout.resolve("infra").resolve("observability");
		Files.createDirectories(observability);
		for (Path file : List.of(ObservabilityFiles.directory().resolve("prometheus.yml"),
				ObservabilityFiles.alertRules())) {
			Files.copy(file, observability.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		}
		Files.createDirectories(checkout.resolve(".ferry"));
		Files.writeString(checkout.resolve(".ferry").resolve("scrape-token"), "a-scrape-token");
		return observability;
	}

	private static Result promtool(String... arguments) throws Exception {
		assertThat(PROMTOOL).as("promtool, from Debian's prometheus package (.ci/run installs it)").isExecutable();
		List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
		command.addAll(List.of(arguments));
		return run(ObservabilityFiles.directory(), command.toArray(String[]::new));
	}

	private static Result run(Path directory, String... command) throws Exception {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s finished", List.of(command)).isTrue();
		return new Result(process.exitValue(), output);
	}

	private record Result(int exitCode, String output) {
	}

}
