package dev.ferry.gateway;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.ferry.contracts.observability.KeptSpans;
import dev.ferry.infra.test.client.Browser;
import dev.ferry.contracts.id.UserId;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.FerryIntegrationTest;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running gateway on a random port against the real Kafka and PostgreSQL.
 */
@FerryIntegrationTest
// Each test context is a gateway node of its own: node ids are unique among live nodes.
// Its recorded spans are kept, for tests of what is traced. The gateway ships no scrape
// token: each context makes one up.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ferry.gateway.node-id=gateway-test-${random.uuid}", "ferry.tracing.kept-spans=1000",
				"ferry.metrics.scrape-token=${random.uuid}" })
public abstract class GatewayIntegrationTest {

	@LocalServerPort
	protected int port;

	@Autowired
	private KeptSpans keptSpans;

	@Autowired
	private SdkTracerProvider tracerProvider;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		FerryInfrastructure.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	/** A browser logged in as a user made by {@link Seed}. */
	protected Browser loggedIn(UserId user) {
		Browser browser = new Browser(this.port);
		assertThat(browser.login(Seed.emailOf(user), "test123").statusCode()).isEqualTo(200);
		return browser;
	}

	/**
	 * Checks that a record the gateway wrote carries a trace of its own, none of the
	 * client's, and no trace state or baggage of theirs, and that no span of the client's
	 * trace was recorded.
	 */
	protected void assertCarriesNoClientTrace(ConsumerRecord<String, ?> record, String clientsTraceId) {
		assertThat(new String(record.headers().lastHeader("traceparent").value()))
			.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")
			.doesNotContain(clientsTraceId);
		assertThat(record.headers().headers("baggage")).isEmpty();
		assertThat(record.headers().headers("tracestate")).isEmpty();
		assertThat(recordedSpans(clientsTraceId)).isEmpty();
	}

	/**
	 * The names of the spans of a trace this gateway recorded, every finished one
	 * exported first.
	 */
	protected List<String> recordedSpans(String traceId) {
		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		return this.keptSpans.of(traceId).stream().map(SpanData::getName).toList();
	}

}
