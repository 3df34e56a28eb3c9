package dev.ferry.gateway.socket;

import java.util.List;

import dev.ferry.contracts.json.InvalidEnvelopeException;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.gateway.node.NodeLease;
import dev.ferry.gateway.system.GatewaySettings;
import dev.ferry.contracts.kafka.FollowingLifecycle;
import dev.ferry.contracts.kafka.TopicFollower;
import dev.ferry.contracts.observability.RecordTraces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Reads this node's partition of {@code chat.delivery.v1}, the one its {@link NodeLease}
 * holds, from its end: pushes are for sockets open now, and a socket that missed some
 * catches up with {@code sync}. Records for another node (one that held the partition
 * before) are dropped by key. A push's trace goes on in a span of its delivery here,
 * whose children are its writes to sockets.
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

	private final NodeLease lease;

	private final RecordTraces traces;

	private final PushWrites writes;

	private final MeterRegistry meters;

	DeliveryConsumer(KafkaProperties kafka, GatewaySettings settings, NodeLease lease, PushDispatcher dispatcher,
			MeterRegistry meters, RecordTraces traces, PushWrites writes) {
		this.kafka = kafka;
		this.traces = traces;
		this.writes = writes;
		this.meters = meters;
		this.settings = settings;
		this.lease = lease;
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
		TopicPartition partition = new TopicPartition(Topics.DELIVERY.name(), this.lease.deliveryPartition());
		return TopicFollower.start(this.kafka.buildConsumerProperties(), "ferry-delivery-" + this.settings.nodeId(),
				(consumer) -> List.of(partition), false, this::onRecord, this.meters);
	}

	private void onRecord(ConsumerRecord<String, byte[]> record) {
		if (!this.settings.nodeId().value().equals(record.key())) {
			this.foreignPushes.increment();
			return;
		}
		this.ownPushes.increment();
		Span span = this.traces.processing(record, "deliver");
		try {
			this.dispatcher.dispatch(this.pushes.read(record.value()), this.writes.of(span, record.timestamp()));
		}
		catch (InvalidEnvelopeException ex) {
			span.error(ex);
			logger.warn("Unreadable push at {}-{}@{} dropped", record.topic(), record.partition(), record.offset(), ex);
		}
		finally {
			span.end();
		}
	}

}
