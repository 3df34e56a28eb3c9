package dev.ferry.infra.devstack;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServicesTests {

	private static final DatabaseLogin OWNER = new DatabaseLogin("postgres", "owner-only-pw");

	private final Services services = new Services(StackOptions.parse(List.of(), Map.of()),
			new Endpoints("127.0.0.1:9092", "jdbc:postgresql://127.0.0.1:5432/ferry", OWNER, ServiceRoles.GATEWAY,
					ServiceRoles.PERSISTENCE, "http://127.0.0.1:9000"),
			(progress) -> {
			});

	/**
	 * The stack logs in everyone with the demo password: its gateway is for this machine
	 * unless told otherwise.
	 */
	@Test
	void theGatewayListensOnLoopbackUnlessGivenAnAddress() {
		Endpoints endpoints = new Endpoints("127.0.0.1:9092", "jdbc:postgresql://127.0.0.1:5432/ferry", OWNER,
				ServiceRoles.GATEWAY, ServiceRoles.PERSISTENCE, "http://127.0.0.1:9000");
		Services opened = new Services(StackOptions.parse(List.of("--gateway-address=0.0.0.0"), Map.of()), endpoints,
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
		assertThat(this.services.arguments("gateway"))
			.contains("--spring.datasource.username=ferry_gateway", "--spring.datasource.password=ferry_gateway")
			.noneMatch((argument) -> argument.contains("owner-only-pw"));
		assertThat(this.services.arguments("persistence-worker")).contains(
				"--spring.datasource.username=ferry_persistence", "--spring.flyway.user=postgres",
				"--spring.flyway.password=owner-only-pw");
		assertThat(this.services.arguments("delivery-worker")).noneMatch((argument) -> argument.contains("username"));
	}

	/**
	 * A developer sees a trace without a collector: every service keeps its latest spans,
	 * and with --trace-all records and prints every one.
	 */
	@Test
	void everyServiceKeepsItsLatestSpansAndTraceAllRecordsAndPrintsEveryOne() {
		Services tracingAll = new Services(StackOptions.parse(List.of("--trace-all"), Map.of()),
				new Endpoints("127.0.0.1:9092", "jdbc:postgresql://127.0.0.1:5432/ferry", OWNER, ServiceRoles.GATEWAY,
						ServiceRoles.PERSISTENCE, "http://127.0.0.1:9000"),
				(progress) -> {
				});

		for (String module : List.of("gateway", "persistence-worker", "delivery-worker")) {
			assertThat(this.services.arguments(module)).contains("--ferry.tracing.kept-spans=1000")
				.noneMatch((argument) -> argument.startsWith("--management.tracing.sampling.probability"))
				.doesNotContain("--ferry.tracing.print-spans=true");
			assertThat(tracingAll.arguments(module)).contains("--ferry.tracing.kept-spans=1000",
					"--management.tracing.sampling.probability=1.0", "--ferry.tracing.print-spans=true");
		}
		assertThat(this.services.arguments("gateway")).contains("--ferry.metrics.scrape-token=ferry-stack-scrape");
	}

}
