package dev.ferry.infra.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.awaitility.Awaitility;

/**
 * What a test sees appear on a topic from now on: every partition, from its current end,
 * without a consumer group to share.
 *
 * @param <V> the record value
 */
public final class TopicTail<V> implements AutoCloseable {

	private final KafkaConsumer<String, V> consumer;

	private final List<ConsumerRecord<String, V>> seen = new ArrayList<>();

	private TopicTail(KafkaConsumer<String, V> consumer) {
		this.consumer = consumer;
	}

	/** Starts watching {@code topic} at its end. */
	public static <V> TopicTail<V> of(FerryInfrastructure infrastructure, String topic, Deserializer<V> values) {
		KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				infrastructure.kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "tail-" + UUID.randomUUID()),
				new StringDeserializer(), values);
		List<TopicPartition> partitions = consumer.partitionsFor(topic)
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		partitions.forEach(consumer::position);
		return new TopicTail<>(consumer);
	}

	/**
	 * Waits until {@code count} records matching {@code which} have appeared since the
	 * start and returns all of those that did, in order per partition.
	 */
	public List<ConsumerRecord<String, V>> awaitRecords(Predicate<ConsumerRecord<String, V>> which, int count) {
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
			this.consumer.poll(Duration.ofMillis(200)).forEach(this.seen::add);
			return this.seen.stream().filter(which).count() >= count;
		});
		return this.seen.stream().filter(which).toList();
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
