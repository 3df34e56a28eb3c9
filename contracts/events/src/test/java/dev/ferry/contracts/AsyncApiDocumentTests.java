package dev.ferry.contracts;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ferry.contracts.envelope.PayloadType;
import dev.ferry.contracts.topic.TopicSpec;
import dev.ferry.contracts.topic.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code asyncapi.yaml} true to the topic catalogue and the payload types.
 */
class AsyncApiDocumentTests {

	private static Map<String, Object> document;

	@BeforeAll
	static void read() throws IOException {
		try (Reader reader = Files.newBufferedReader(Path.of("asyncapi.yaml"))) {
			document = new Yaml().load(reader);
		}
	}

	@Test
	void isAsyncApi3() {
		assertThat(document).containsEntry("asyncapi", "3.0.0");
	}

	@Test
	void listsEveryCatalogueTopicAsAChannel() {
		assertThat(channels().values()).extracting((channel) -> channel.get("address"))
			.containsExactlyInAnyOrderElementsOf(Topics.sources().stream().map(TopicSpec::name).toList());
	}

	@Test
	void listsEveryPayloadTypeOnTheChannelOfItsTopic() {
		for (PayloadType type : PayloadType.values()) {
			Map<String, Object> channel = channels().values()
				.stream()
				.filter((candidate) -> type.topic().name().equals(candidate.get("address")))
				.findFirst()
				.orElseThrow();
			assertThat(map(channel.get("messages"))).as(type.typeName()).containsKey(type.typeName());
		}
	}

	@Test
	void referencesSchemaFilesThatExist() {
		Map<String, Object> messages = map(map(document.get("components")).get("messages"));
		assertThat(messages).hasSize(PayloadType.values().length);
		for (Object message : messages.values()) {
			String reference = (String) map(map(message).get("payload")).get("$ref");
			assertThat(Path.of(reference)).as(reference).isRegularFile();
		}
	}

	@Test
	void everyMessageCarriesTraceContextInItsHeaders() {
		Map<String, Object> components = map(document.get("components"));
		Map<String, Object> traced = map(map(components.get("messageTraits")).get("traced"));
		assertThat(map(map(traced.get("headers")).get("properties"))).containsKeys("traceparent", "tracestate");
		for (Object message : map(components.get("messages")).values()) {
			assertThat(map(message).get("traits"))
				.isEqualTo(List.of(Map.of("$ref", "#/components/messageTraits/traced")));
		}
	}

	private static Map<String, Map<String, Object>> channels() {
		Map<String, Map<String, Object>> channels = new LinkedHashMap<>();
		map(document.get("channels")).forEach((name, channel) -> channels.put(name, map(channel)));
		return channels;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

}
