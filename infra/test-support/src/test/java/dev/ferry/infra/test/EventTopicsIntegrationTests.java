package dev.ferry.infra.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.ferry.contracts.Samples;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.envelope.PayloadType;
import dev.ferry.contracts.json.EnvelopeDeserializer;
import dev.ferry.contracts.json.EnvelopeSerializer;
import dev.ferry.contracts.topic.TopicSpec;
import dev.ferry.contracts.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every payload type goes through the real broker on its catalogue topic, with its key,
 * and comes back equal.
 */
@FerryIntegrationTest
class EventTopicsIntegrationTests {

	@Test
	void everyPayloadTypeTravelsOnItsTopicWithItsKey(FerryInfrastructure infrastructure) throws Exception {
		List<Envelope<Payload>> sent = Samples.payloads()
			.stream()
			.map((payload) -> Envelope.of(UUID.randomUUID(), payload, Samples.AT))
			.toList();
		try (KafkaProducer<String, Envelope<? extends Payload>> producer = producer(infrastructure)) {
			for (Envelope<Payload> envelope : sent) {
				String topic = PayloadType.named(envelope.type()).topic().name();
				producer.send(new ProducerRecord<>(topic, Topics.keyOf(envelope.payload()), envelope)).get();
			}
		}

		Map<UUID, ConsumerRecord<String, Envelope<Payload>>> received = new ConcurrentHashMap<>();
		try (KafkaConsumer<String, Envelope<Payload>> consumer = consumer(infrastructure)) {
			consumer.subscribe(Topics.sources().stream().map(TopicSpec::name).toList());
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(200))
					.forEach((record) -> received.put(record.value().eventId(), record));
				assertThat(received.keySet()).containsAll(sent.stream().map(Envelope::eventId).toList());
			});
		}

		for (Envelope<Payload> envelope : sent) {
			ConsumerRecord<String, Envelope<Payload>> record = received.get(envelope.eventId());
			assertThat(record.value()).isEqualTo(envelope);
			assertThat(record.key()).isEqualTo(Topics.keyOf(envelope.payload()));
			assertThat(record.topic()).isEqualTo(PayloadType.named(envelope.type()).topic().name());
		}
	}

	private static KafkaProducer<String, Envelope<? extends Payload>> producer(FerryInfrastructure infrastructure) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				infrastructure.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		return new KafkaProducer<>(config, new StringSerializer(), new EnvelopeSerializer());
	}

	private static KafkaConsumer<String, Envelope<Payload>> consumer(FerryInfrastructure infrastructure) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				infrastructure.kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG,
				FerryInfrastructure.uniqueGroupId("event-topics-test"), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest");
		return new KafkaConsumer<>(config, new StringDeserializer(), new EnvelopeDeserializer<>(Payload.class));
	}

}
