package dev.ferry.gateway.socket;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.ferry.contracts.json.InvalidEnvelopeException;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.gateway.system.GatewaySettings;
import dev.ferry.contracts.kafka.FollowingLifecycle;
import dev.ferry.contracts.kafka.TopicFollower;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Reads this node's partition of {@code chat.delivery.v1}, the one Kafka's default
 * partitioner gives the node id, from its end: pushes are for sockets open now, and a
 * socket that missed some catches up with {@code sync}. Records of other nodes that hash
 * to the same partition are dropped by key.
 */
@Component
class DeliveryConsumer extends FollowingLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryConsumer.class);

	private final KafkaProperties kafka;

	private final GatewaySettings settings;

	private final PushDispatcher dispatcher;

	private final PushReader pushes = new PushReader();

	private final Counter ownPushes;

	private final Counter foreignPushes;

	DeliveryConsumer(KafkaProperties kafka, GatewaySettings settings, PushDispatcher dispatcher, MeterRegistry meters) {
		this.kafka = kafka;
		this.settings = settings;
		this.dispatcher = dispatcher;
		this.ownPushes = pushesRead(meters, "own");
		this.foreignPushes = pushesRead(meters, "other");
	}

	private static Counter pushesRead(MeterRegistry meters, String node) {
		return Counter.builder("ferry.gateway.pushes.read")
			.description("Routed pushes read from chat.delivery.v1, by whose node they are for")
			.tag("node", node)
			.register(meters);
	}

	@Override
	protected TopicFollower follow() {
		return TopicFollower.start(this.kafka.buildConsumerProperties(), "ferry-delivery-" + this.settings.nodeId(),
				this::partitionOf, false, this::onRecord);
	}

	private List<TopicPartition> partitionOf(KafkaConsumer<?, ?> consumer) {
		int partitions = consumer.partitionsFor(Topics.DELIVERY.name()).size();
		byte[] key = this.settings.nodeId().value().getBytes(StandardCharsets.UTF_8);
		TopicPartition partition = new TopicPartition(Topics.DELIVERY.name(),
				Utils.toPositive(Utils.murmur2(key)) % partitions);
		logger.info("Node {} reads pushes from {}", this.settings.nodeId(), partition);
		return List.of(partition);
	}

	private void onRecord(ConsumerRecord<String, byte[]> record) {
		if (!this.settings.nodeId().value().equals(record.key())) {
			this.foreignPushes.increment();
			return;
		}
		this.ownPushes.increment();
		try {
			this.dispatcher.dispatch(this.pushes.read(record.value()));
		}
		catch (InvalidEnvelopeException ex) {
			logger.warn("Unreadable push at {}-{}@{} dropped", record.topic(), record.partition(), record.offset(), ex);
		}
	}

}
