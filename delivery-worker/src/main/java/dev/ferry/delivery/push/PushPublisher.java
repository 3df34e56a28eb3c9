package dev.ferry.delivery.push;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.ferry.contracts.delivery.RoutedPush;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.frame.ServerFrame;
import dev.ferry.contracts.id.NodeId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.presence.PresenceTable;
import dev.ferry.contracts.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a frame to {@code chat.delivery.v1} as one {@link RoutedPush} per gateway
 * node, keyed by the node id, on the partition the node's heartbeat says it reads (the
 * node id's hash for a node that names none).
 */
@Component
public class PushPublisher {

	private final KafkaTemplate<String, Envelope<? extends Payload>> kafka;

	private final Clock clock;

	private final Counter pushes;

	private final DistributionSummary fanOut;

	private final PresenceTable presence;

	PushPublisher(KafkaTemplate<String, Envelope<? extends Payload>> kafka, PresenceTable presence,
			MeterRegistry meters, Clock clock) {
		this.kafka = kafka;
		this.presence = presence;
		this.clock = clock;
		this.pushes = Counter.builder("ferry.delivery.pushes")
			.description("Routed pushes published to chat.delivery.v1, one per target node")
			.register(meters);
		this.fanOut = DistributionSummary.builder("ferry.delivery.fanout")
			.description("Target nodes per routed event, signal or presence change")
			.register(meters);
	}

	/**
	 * Publishes the frame to the nodes where its recipients have sockets.
	 * @param pushId the same for every node and every redelivery of the cause, so a
	 * gateway sends it to a socket once
	 * @return the sends, to be awaited before the cause is committed
	 */
	public List<CompletableFuture<?>> publish(String pushId, ServerFrame frame,
			Map<NodeId, ? extends Collection<UserId>> recipientsByNode) {
		List<CompletableFuture<?>> sends = new ArrayList<>(recipientsByNode.size());
		recipientsByNode.forEach((node, recipients) -> {
			RoutedPush push = new RoutedPush(node, List.copyOf(recipients), pushId, frame);
			// A null partition leaves it to the key's hash.
			sends.add(this.kafka.send(Topics.DELIVERY.name(), this.presence.deliveryPartitionOf(node),
					Topics.keyOf(push), Envelope.of(push, this.clock.instant())));
		});
		this.pushes.increment(sends.size());
		this.fanOut.record(sends.size());
		return sends;
	}

	/** Sends what lingers in the producer now, instead of when the linger ends. */
	public void flush() {
		this.kafka.flush();
	}

}
