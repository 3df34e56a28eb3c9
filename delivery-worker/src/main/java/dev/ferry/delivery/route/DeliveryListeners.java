package dev.ferry.delivery.route;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.json.EnvelopeCodec;
import dev.ferry.contracts.json.InvalidEnvelopeException;
import dev.ferry.contracts.kafka.Acknowledgements;
import dev.ferry.contracts.kafka.UnacknowledgedSendException;
import dev.ferry.contracts.observability.PipelineHop;
import dev.ferry.contracts.observability.RecordTraces;
import dev.ferry.contracts.signal.TypingSignal;
import dev.ferry.contracts.topic.TopicSpec;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.delivery.group.GroupRoster;
import dev.ferry.delivery.group.UnknownGroupException;
import dev.ferry.delivery.presence.PresenceTracker;
import dev.ferry.delivery.push.PushPublisher;
import dev.ferry.delivery.system.DeliverySettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Routes each poll of events and typing signals, in one poll loop for both topics, then
 * flushes the poll's pushes to Kafka at once and waits until Kafka has every one before
 * the poll's offsets are committed: a push is never lost, and one published twice after a
 * failure is dropped by the gateway, since its id is the cause's event id.
 */
@Component
class DeliveryListeners {

	private final EnvelopeCodec<ChatEvent> events = EnvelopeCodec.of(ChatEvent.class);

	private final EnvelopeCodec<TypingSignal> signals = EnvelopeCodec.of(TypingSignal.class);

	private final PresenceTracker presence;

	private final GroupRoster groups;

	private final EventRoutes routes;

	private final PushPublisher publisher;

	private final Duration publishTimeout;

	private final Clock clock;

	private final Counter eventsRead;

	private final Counter signalsRead;

	private final Timer eventAge;

	private final Timer pushed;

	private final RecordTraces traces;

	DeliveryListeners(PresenceTracker presence, GroupRoster groups, PushPublisher publisher, DeliverySettings settings,
			MeterRegistry meters, Clock clock, RecordTraces traces) {
		this.groups = groups;
		this.routes = new EventRoutes(groups::group);
		this.clock = clock;
		this.traces = traces;
		this.pushed = PipelineHop.PUSHED.timer(meters);
		this.presence = presence;
		this.publisher = publisher;
		this.publishTimeout = settings.publishTimeout();
		this.eventsRead = recordsRead(meters, Topics.EVENTS);
		this.signalsRead = recordsRead(meters, Topics.SIGNALS);
		this.eventAge = Timer.builder("ferry.delivery.event.age")
			.description("From an event's publication by the persistence worker to its routing")
			.publishPercentiles(0.5, 0.95, 0.99)
			.register(meters);
	}

	@KafkaListener(id = "ferry-delivery", groupId = "ferry-delivery",
			topics = { "#{T(dev.ferry.contracts.topic.Topics).EVENTS.name()}",
					"#{T(dev.ferry.contracts.topic.Topics).SIGNALS.name()}" })
	void on(List<ConsumerRecord<String, byte[]>> records) {
		List<CompletableFuture<?>> sends = new ArrayList<>();
		List<Span> spans = new ArrayList<>(records.size());
		// The events whose pushes this poll publishes: their hop ends with the poll's.
		List<ConsumerRecord<String, byte[]>> eventsPushed = new ArrayList<>();
		try {
			for (int index = 0; index < records.size(); index++) {
				ConsumerRecord<String, byte[]> record = records.get(index);
				Span span = this.traces.processing(record, "route");
				spans.add(span);
				Routed routed;
				try {
					routed = routeOf(record);
				}
				catch (InvalidEnvelopeException ex) {
					span.error(ex);
					// The records before it are done once their pushes are acknowledged.
					awaitAll(sends);
					throw new BatchListenerFailedException("Unreadable record", ex, index);
				}
				catch (UnknownGroupException ex) {
					// The roster catches up meanwhile (after a start, it reads the whole
					// compacted topic); the record and those after it are routed again.
					awaitAll(sends);
					throw new BatchListenerFailedException(ex.getMessage(), ex, index);
				}
				Route route = routed.route();
				if (!route.recipients().isEmpty()) {
					sends.addAll(this.traces.within(span, () -> this.publisher.publish(routed.pushId(), route.frame(),
							this.presence.nodesOf(route.recipients()))));
					if (Topics.EVENTS.name().equals(record.topic())) {
						eventsPushed.add(record);
					}
				}
			}
			awaitAll(sends);
			Instant acknowledged = this.clock.instant();
			eventsPushed.forEach((record) -> PipelineHop.record(this.pushed, record.timestamp(), acknowledged));
		}
		finally {
			spans.forEach(Span::end);
		}
	}

	private Routed routeOf(ConsumerRecord<String, byte[]> record) {
		if (Topics.SIGNALS.name().equals(record.topic())) {
			Envelope<TypingSignal> signal = read(this.signals, record);
			this.signalsRead.increment();
			return new Routed(signal.eventId().toString(), this.routes.of(signal.payload(), this.clock.instant()));
		}
		Envelope<ChatEvent> event = read(this.events, record);
		this.eventsRead.increment();
		this.eventAge.record(Duration.between(event.occurredAt(), this.clock.instant()));
		if (event.payload() instanceof GroupChanged changed) {
			this.groups.changed(changed);
		}
		return new Routed(event.eventId().toString(), this.routes.of(event.payload()));
	}

	private static Counter recordsRead(MeterRegistry meters, TopicSpec topic) {
		return Counter.builder("ferry.delivery.records")
			.description("Records routed, by topic")
			.tag("topic", topic.name())
			.register(meters);
	}

	private static <P extends Payload> Envelope<P> read(EnvelopeCodec<P> codec, ConsumerRecord<String, byte[]> record) {
		if (record.value() == null) {
			throw new InvalidEnvelopeException("Record has no value");
		}
		return codec.read(record.value());
	}

	private void awaitAll(List<CompletableFuture<?>> sends) {
		if (sends.isEmpty()) {
			return;
		}
		// The pushes linger in the producer until this poll is routed, then go together.
		this.publisher.flush();
		try {
			Acknowledgements.await(sends, this.publishTimeout, "the pushes of a poll");
		}
		catch (UnacknowledgedSendException ex) {
			// Route the whole poll again after a back-off; the partitions wait meanwhile.
			throw new BatchListenerFailedException("Pushes not acknowledged", ex, 0);
		}
	}

	/**
	 * A record's route and the id its pushes carry: the record's own id, the same on
	 * every redelivery.
	 */
	private record Routed(String pushId, Route route) {
	}

}
