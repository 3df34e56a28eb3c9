package dev.ferry.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.envelope.PayloadType;
import dev.ferry.contracts.frame.ClientFrame;
import dev.ferry.contracts.frame.ServerFrame;
import dev.ferry.contracts.json.FerryJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the published JSON Schemas describe exactly what the records produce: every
 * sample validates, and every record field is a schema property and the other way round.
 */
class ContractSchemaTests {

	private static final SchemaRegistry REGISTRY = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	static List<Envelope<Payload>> envelopes() {
		return Samples.envelopes();
	}

	@ParameterizedTest
	@MethodSource("envelopes")
	void envelopeValidatesAgainstItsTopicSchema(Envelope<Payload> envelope) {
		JsonNode json = FerryJson.mapper().valueToTree(envelope);

		assertThat(errors(topicSchema(envelope), json)).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("envelopes")
	void schemaDescribesEveryPayloadFieldAndNoOther(Envelope<Payload> envelope) {
		JsonNode json = FerryJson.mapper().valueToTree(envelope);
		JsonNode definition = topicSchema(envelope).getSchemaNode().path("$defs").path(envelope.type());

		assertThat(fieldNames(definition.path("properties"))).isEqualTo(fieldNames(json.path("payload")));
		assertThat(definition.path("required").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrderElementsOf(fieldNames(json.path("payload")));
	}

	@ParameterizedTest
	@MethodSource("dev.ferry.contracts.Samples#clientFrames")
	void clientFrameValidatesAndIsFullyDescribed(ClientFrame frame) {
		assertFrameDescribed("client-frames", FerryJson.mapper().valueToTree(frame));
	}

	@ParameterizedTest
	@MethodSource("dev.ferry.contracts.Samples#serverFrames")
	void serverFrameValidatesAndIsFullyDescribed(ServerFrame frame) {
		assertFrameDescribed("server-frames", FerryJson.mapper().valueToTree(frame));
	}

	@Test
	void recordMissingAFieldFailsValidation() {
		Envelope<Payload> created = Samples.envelopes().get(PayloadType.MESSAGE_CREATED.ordinal());
		ObjectNode json = FerryJson.mapper().valueToTree(created);
		((ObjectNode) json.path("payload")).remove("seq");

		assertThat(errors(topicSchema(created), json)).isNotEmpty();
	}

	@Test
	void clientFrameOfUnknownTypeFailsValidation() {
		JsonNode json = FerryJson.mapper().readTree("{\"type\":\"shout\"}");

		assertThat(errors(schema("client-frames"), json)).isNotEmpty();
	}

	private void assertFrameDescribed(String schemaName, JsonNode json) {
		Schema schema = schema(schemaName);
		JsonNode definition = schema.getSchemaNode().path("$defs").path(json.path("type").asString());

		assertThat(errors(schema, json)).isEmpty();
		assertThat(fieldNames(definition.path("properties"))).isEqualTo(fieldNames(json));
	}

	private static Schema topicSchema(Envelope<Payload> envelope) {
		return schema(PayloadType.named(envelope.type()).topic().name());
	}

	static Schema schema(String name) {
		return REGISTRY.getSchema(SchemaLocation.of("classpath:schemas/" + name + ".schema.json"));
	}

	private static List<Error> errors(Schema schema, JsonNode json) {
		return new ArrayList<>(schema.validate(json));
	}

	private static Set<String> fieldNames(JsonNode object) {
		return new TreeSet<>(object.propertyNames());
	}

}
