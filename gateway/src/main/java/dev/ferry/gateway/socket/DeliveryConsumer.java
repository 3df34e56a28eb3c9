package dev.ferry.gateway.socket;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ferry.contracts.delivery.RoutedPush;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.json.EnvelopeCodec;
import dev.ferry.contracts.json.InvalidEnvelopeException;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.gateway.system.GatewaySettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads this node's partition of {@code chat.delivery.v1}, the one Kafka's default
 * partitioner gives the node id, from its end: pushes are for sockets open now, and a
 * socket that missed some catches up with {@code sync}. Records of other nodes that hash
 * to the same partition are dropped unread beyond their key.
 */
@Component
class DeliveryConsumer implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryConsumer.class);

	private final KafkaProperties kafka;

	private final GatewaySettings settings;

	private final PushDispatcher dispatcher;

	private final EnvelopeCodec<RoutedPush> codec = EnvelopeCodec.of(RoutedPush.class);

	private volatile KafkaConsumer<String, byte[]> consumer;

	private volatile Thread thread;

	DeliveryConsumer(KafkaProperties kafka, GatewaySettings settings, PushDispatcher dispatcher) {
		this.kafka = kafka;
		this.settings = settings;
		this.dispatcher = dispatcher;
	}

	@Override
	public void start() {
		Map<String, Object> config = this.kafka.buildConsumerProperties();
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
		TopicPartition partition = partitionOf(this.consumer);
		this.consumer.assign(List.of(partition));
		this.consumer.seekToEnd(List.of(partition));
		this.consumer.position(partition);
		this.thread = new Thread(this::run, "ferry-delivery-" + this.settings.nodeId());
		this.thread.start();
		logger.info("Node {} reads pushes from {}", this.settings.nodeId(), partition);
	}

	private TopicPartition partitionOf(KafkaConsumer<String, byte[]> consumer) {
		int partitions = consumer.partitionsFor(Topics.DELIVERY.name()).size();
		byte[] key = this.settings.nodeId().value().getBytes(StandardCharsets.UTF_8);
		return new TopicPartition(Topics.DELIVERY.name(), Utils.toPositive(Utils.murmur2(key)) % partitions);
	}

	private void run() {
		String node = this.settings.nodeId().value();
		try {
			while (!Thread.currentThread().isInterrupted()) {
				for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofSeconds(1))) {
					if (node.equals(record.key())) {
						push(record);
					}
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

	private void push(ConsumerRecord<String, byte[]> record) {
		try {
			Envelope<RoutedPush> push = this.codec.read(record.value());
			this.dispatcher.dispatch(push.payload());
		}
		catch (InvalidEnvelopeException ex) {
			logger.warn("Unreadable push at {}-{}@{} dropped: {}", record.topic(), record.partition(), record.offset(),
					ex.getMessage());
		}
	}

	@Override
	public void stop() {
		KafkaConsumer<String, byte[]> running = this.consumer;
		if (running != null) {
			running.wakeup();
		}
		Thread stopping = this.thread;
		if (stopping != null) {
			try {
				stopping.join(Duration.ofSeconds(10).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.thread = null;
		this.consumer = null;
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

}
