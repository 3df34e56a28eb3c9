package dev.ferry.infra.devstack;

import java.util.List;
import java.util.Map;

import dev.ferry.infra.embedded.S3Credentials;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ServicesTests {

	private static final DatabaseLogin OWNER = new DatabaseLogin("postgres", "owner-only-pw");

	private static final DatabaseLogin GATEWAY = new DatabaseLogin("ferry_gateway", "gateway-pw");

	private static final DatabaseLogin PERSISTENCE = new DatabaseLogin("ferry_persistence", "persistence-pw");

	private static final S3Credentials S3 = new S3Credentials("s3-access", "s3-secret");

	private static final Endpoints ENDPOINTS = new Endpoints("127.0.0.1:9092", "jdbc:postgresql://127.0.0.1:5432/ferry",
			OWNER, GATEWAY, PERSISTENCE, "http://127.0.0.1:9000", S3, "scrape-secret");

	private final Services services = new Services(StackOptions.parse(List.of(), Map.of()), ENDPOINTS, (progress) -> {
	});

	/**
	 * The stack logs in everyone with the demo password: its gateway is for this machine
	 * unless told otherwise.
	 */
	@Test
	void theGatewayListensOnLoopbackUnlessGivenAnAddress() {
		Services opened = new Services(StackOptions.parse(List.of("--gateway-address=0.0.0.0"), Map.of()), ENDPOINTS,
				(progress) -> {
				});

		assertThat(this.services.arguments("gateway")).contains("--server.address=127.0.0.1",
				"--ferry.attachments.storage.endpoint=http://127.0.0.1:9000",
				"--ferry.attachments.storage.bucket=ferry-attachments");
		assertThat(opened.arguments("gateway")).contains("--server.address=0.0.0.0")
			.doesNotContain("--server.address=127.0.0.1");
	}

	@Test
	void eachServiceLogsInToTheDatabaseAsItsOwnRoleAndOnlyFlywayAsTheOwner() {
		assertThat(this.services.arguments("gateway")).contains("--spring.datasource.username=ferry_gateway");
		assertThat(this.services.secrets("gateway")).contains(entry("spring.datasource.password", "gateway-pw"))
			.doesNotContainValue("owner-only-pw");
		assertThat(this.services.arguments("persistence-worker"))
			.contains("--spring.datasource.username=ferry_persistence", "--spring.flyway.user=postgres");
		assertThat(this.services.secrets("persistence-worker")).containsOnly(
				entry("spring.datasource.password", "persistence-pw"),
				entry("spring.flyway.password", "owner-only-pw"));
		assertThat(this.services.arguments("delivery-worker")).noneMatch((argument) -> argument.contains("username"));
		assertThat(this.services.secrets("delivery-worker")).isEmpty();
	}

	/**
	 * Passwords, keys and the scrape token are the data directory's own, and go to the
	 * services apart from their command lines, which anyone on the machine can list.
	 */
	@Test
	void theGatewayGetsTheStacksKeysAndScrapeTokenAsSecretsNeverOnItsCommandLine() {
		assertThat(this.services.secrets("gateway")).containsOnly(entry("spring.datasource.password", "gateway-pw"),
				entry("ferry.attachments.storage.access-key", "s3-access"),
				entry("ferry.attachments.storage.secret-key", "s3-secret"),
				entry("ferry.metrics.scrape-token", "scrape-secret"));
		for (String module : List.of("gateway", "persistence-worker", "delivery-worker")) {
			assertThat(this.services.arguments(module)).noneMatch((argument) -> List
				.of("owner-only-pw", "gateway-pw", "persistence-pw", "s3-access", "s3-secret", "scrape-secret")
				.stream()
				.anyMatch(argument::contains));
		}
	}

	/**
	 * A developer sees a trace without a collector: every service keeps its latest spans,
	 * and with --trace-all records and prints every one.
	 */
	@Test
	void everyServiceKeepsItsLatestSpansAndTraceAllRecordsAndPrintsEveryOne() {
		Services tracingAll = new Services(StackOptions.parse(List.of("--trace-all"), Map.of()), ENDPOINTS,
				(progress) -> {
				});

		for (String module : List.of("gateway", "persistence-worker", "delivery-worker")) {
			assertThat(this.services.arguments(module)).contains("--ferry.tracing.kept-spans=1000")
				.noneMatch((argument) -> argument.startsWith("--management.tracing.sampling.probability"))
				.doesNotContain("--ferry.tracing.print-spans=true");
			assertThat(tracingAll.arguments(module)).contains("--ferry.tracing.kept-spans=1000",
					"--management.tracing.sampling.probability=1.0", "--ferry.tracing.print-spans=true");
		}
	}

}
