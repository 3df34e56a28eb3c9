package dev.ferry.contracts.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.CommonLoggingErrorHandler;
import org.springframework.kafka.listener.ConsumerAwareMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;

/**
 * Follows assigned partitions with a spring-kafka listener container, without a consumer
 * group: what every gateway must see in full (presence) or only for itself (its pushes),
 * never shared with other gateways. Nothing is committed: a follower starts from the
 * beginning or the end each time.
 */
public final class TopicFollower {

	/**
	 * How long the container waits without records before it looks whether it reached
	 * where the topic ended at start: a compacted partition can end in offsets that hold
	 * no record, so the last record read does not tell.
	 */
	private static final Duration IDLE_CHECK = Duration.ofMillis(200);

	private final KafkaMessageListenerContainer<String, byte[]> container;

	/**
	 * Where the topic ended when following started, for the partitions not yet read that
	 * far: empty once caught up.
	 */
	private final Map<TopicPartition, Long> startEnds;

	private TopicFollower(DefaultKafkaConsumerFactory<String, byte[]> consumers, String name,
			TopicPartitionOffset[] partitions, Consumer<ConsumerRecord<String, byte[]>> handler,
			Map<TopicPartition, Long> startEnds) {
		this.startEnds = new ConcurrentHashMap<>(startEnds);
		ContainerProperties properties = new ContainerProperties(partitions);
		// No group: there is nothing to commit to, and MANUAL without an acknowledgment
		// commits nothing.
		properties.setAckMode(ContainerProperties.AckMode.MANUAL);
		properties.setMessageListener((ConsumerAwareMessageListener<String, byte[]>) (record, consumer) -> {
			handler.accept(record);
			if (!this.startEnds.isEmpty()) {
				reached(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
			}
		});
		if (!startEnds.isEmpty()) {
			properties.setIdleEventInterval(IDLE_CHECK.toMillis());
		}
		this.container = new KafkaMessageListenerContainer<>(consumers, properties);
		this.container.setBeanName(name);
		// One bad record must not stop the follower that every later record depends on:
		// it is logged with its exception and passed over.
		this.container.setCommonErrorHandler(new CommonLoggingErrorHandler());
		this.container.setApplicationEventPublisher((event) -> {
			if (event instanceof ListenerContainerIdleEvent idle) {
				this.startEnds.keySet()
					.forEach((partition) -> reached(partition, idle.getConsumer().position(partition)));
			}
		});
	}

	/** Every partition of a topic, for {@link #start}. */
	public static Function<org.apache.kafka.clients.consumer.Consumer<?, ?>, Collection<TopicPartition>> allPartitionsOf(
			String topic) {
		return (consumer) -> consumer.partitionsFor(topic)
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
	}

	/**
	 * Starts following. Where it starts is fixed before this returns: following from the
	 * end reads every record written after that.
	 * @param kafkaConfig the consumer settings; any group id is ignored
	 * @param name the name of the container and its thread
	 * @param partitions the partitions to follow, found with a consumer of the settings
	 * @param fromStart read from the beginning (a compacted view) or only what comes next
	 * @param handler what to do with each record, on the container's thread
	 */
	public static TopicFollower start(Map<String, Object> kafkaConfig, String name,
			Function<org.apache.kafka.clients.consumer.Consumer<?, ?>, Collection<TopicPartition>> partitions,
			boolean fromStart, Consumer<ConsumerRecord<String, byte[]>> handler) {
		return start(kafkaConfig, name, partitions, fromStart, handler, null);
	}

	/**
	 * Starts following, as {@link #start(Map, String, Function, boolean, Consumer)} does,
	 * with the consumer's own metrics (its lag among them) in a registry.
	 * @param meters where the consumer's metrics go, or {@code null} for nowhere
	 */
	public static TopicFollower start(Map<String, Object> kafkaConfig, String name,
			Function<org.apache.kafka.clients.consumer.Consumer<?, ?>, Collection<TopicPartition>> partitions,
			boolean fromStart, Consumer<ConsumerRecord<String, byte[]>> handler, MeterRegistry meters) {
		Map<String, Object> config = new HashMap<>(kafkaConfig);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(config,
				new StringDeserializer(), new ByteArrayDeserializer());
		if (meters != null) {
			consumers.addListener(new MicrometerConsumerListener<>(meters));
		}
		Collection<TopicPartition> assigned;
		Map<TopicPartition, Long> ends;
		Map<TopicPartition, Long> starts;
		try (org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer = consumers.createConsumer()) {
			assigned = partitions.apply(consumer);
			ends = consumer.endOffsets(assigned);
			starts = fromStart ? consumer.beginningOffsets(assigned) : ends;
		}
		Map<TopicPartition, Long> startEnds = new HashMap<>();
		if (fromStart) {
			ends.forEach((partition, end) -> {
				if (end > starts.get(partition)) {
					startEnds.put(partition, end);
				}
			});
		}
		TopicPartitionOffset[] offsets = assigned.stream()
			.map((partition) -> new TopicPartitionOffset(partition.topic(), partition.partition(),
					starts.get(partition)))
			.toArray(TopicPartitionOffset[]::new);
		TopicFollower follower = new TopicFollower(consumers, name, offsets, handler, startEnds);
		follower.container.start();
		return follower;
	}

	private void reached(TopicPartition partition, long position) {
		this.startEnds.computeIfPresent(partition, (key, end) -> (position >= end) ? null : end);
	}

	/**
	 * Whether every record that was in the topic when following started has been handled;
	 * always true when following only what comes next.
	 */
	public boolean isCaughtUp() {
		return this.startEnds.isEmpty();
	}

	public void stop() {
		this.container.stop();
	}

}
