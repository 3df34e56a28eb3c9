package dev.ferry.contracts.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows assigned partitions on a thread of its own, without a consumer group: what
 * every gateway must see in full (presence) or only for itself (its pushes), never shared
 * with other gateways.
 */
public final class TopicFollower {

	private static final Logger logger = LoggerFactory.getLogger(TopicFollower.class);

	private final KafkaConsumer<String, byte[]> consumer;

	private final Thread thread;

	/** Where the topic ended when following started; emptied once reached. */
	private final Map<TopicPartition, Long> startEnds;

	private volatile boolean caughtUp;

	private TopicFollower(KafkaConsumer<String, byte[]> consumer, String name,
			Consumer<ConsumerRecord<String, byte[]>> handler, Map<TopicPartition, Long> startEnds) {
		this.consumer = consumer;
		this.thread = new Thread(() -> run(handler), name);
		this.startEnds = new HashMap<>(startEnds);
		this.caughtUp = startEnds.isEmpty();
	}

	/** Every partition of a topic, for {@link #start}. */
	public static Function<KafkaConsumer<?, ?>, Collection<TopicPartition>> allPartitionsOf(String topic) {
		return (consumer) -> consumer.partitionsFor(topic)
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
	}

	/**
	 * Starts following.
	 * @param fromStart read from the beginning (a compacted view) or only what comes next
	 */
	public static TopicFollower start(Map<String, Object> kafkaConfig, String name,
			Function<KafkaConsumer<?, ?>, Collection<TopicPartition>> partitions, boolean fromStart,
			Consumer<ConsumerRecord<String, byte[]>> handler) {
		Map<String, Object> config = new HashMap<>(kafkaConfig);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer());
		Collection<TopicPartition> assigned = partitions.apply(consumer);
		consumer.assign(assigned);
		Map<TopicPartition, Long> startEnds = Map.of();
		if (fromStart) {
			consumer.seekToBeginning(assigned);
			startEnds = consumer.endOffsets(assigned);
		}
		else {
			consumer.seekToEnd(assigned);
		}
		assigned.forEach(consumer::position);
		TopicFollower follower = new TopicFollower(consumer, name, handler, startEnds);
		follower.thread.start();
		return follower;
	}

	private void run(Consumer<ConsumerRecord<String, byte[]>> handler) {
		try {
			while (!Thread.currentThread().isInterrupted()) {
				for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofSeconds(1))) {
					handle(handler, record);
				}
				if (!this.caughtUp) {
					this.startEnds.entrySet().removeIf((end) -> this.consumer.position(end.getKey()) >= end.getValue());
					this.caughtUp = this.startEnds.isEmpty();
				}
			}
		}
		catch (WakeupException ex) {
			// Stopping.
		}
		finally {
			this.consumer.close();
		}
	}

	/** One bad record must not stop the thread that every later record depends on. */
	private static void handle(Consumer<ConsumerRecord<String, byte[]>> handler,
			ConsumerRecord<String, byte[]> record) {
		try {
			handler.accept(record);
		}
		catch (RuntimeException ex) {
			logger.warn("Record {}-{}@{} not handled", record.topic(), record.partition(), record.offset(), ex);
		}
	}

	/**
	 * Whether every record that was in the topic when following started has been handled;
	 * always true when following only what comes next.
	 */
	public boolean isCaughtUp() {
		return this.caughtUp;
	}

	public void stop() {
		this.consumer.wakeup();
		try {
			this.thread.join(Duration.ofSeconds(10).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
