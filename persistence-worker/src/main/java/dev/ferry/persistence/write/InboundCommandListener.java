package dev.ferry.persistence.write;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.PayloadType;
import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.json.InvalidEnvelopeException;
import dev.ferry.contracts.kafka.DeadLetterKind;
import dev.ferry.contracts.kafka.DeadLetters;
import dev.ferry.contracts.observability.PipelineHop;
import dev.ferry.contracts.observability.RecordTraces;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.persistence.system.TransientFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code chat.inbound.v1} in batches: each poll is one read and one atomic
 * write, then its events are published, then the container commits the offsets. A
 * readable command that cannot be applied is refused as {@code unprocessable} and
 * dead-lettered, and the partition goes on: it waits for one retry at most (the batch
 * applied again record by record), never for the error handler's back-off.
 */
@Component
class InboundCommandListener {

	private final CommandBatchProcessor processor;

	private final EventPublisher publisher;

	private final DeadLetters deadLetters;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Timer transactions;

	private final CrashSwitch crashSwitch;

	private final RecordTraces traces;

	private final Timer persisted;

	/** Commands applied, by type name. */
	private final Map<String, Counter> applied;

	/** Commands refused, by error code; every code there from the start, at 0. */
	private final Map<ErrorCode, Counter> refused;

	InboundCommandListener(CommandBatchProcessor processor, EventPublisher publisher, DeadLetters deadLetters,
			Clock clock, MeterRegistry meters, CrashSwitch crashSwitch, RecordTraces traces) {
		this.processor = processor;
		this.traces = traces;
		this.persisted = PipelineHop.PERSISTED.timer(meters);
		this.applied = Arrays.stream(PayloadType.values())
			.filter((type) -> type.topic() == Topics.INBOUND)
			.collect(Collectors.toUnmodifiableMap(PayloadType::typeName,
					(type) -> Counter.builder("ferry.persistence.records")
						.description("Commands applied (or refused), by type")
						.tag("type", type.typeName())
						.register(meters)));
		this.refused = Arrays.stream(ErrorCode.values())
			.collect(Collectors.toUnmodifiableMap(Function.identity(),
					(code) -> Counter.builder("ferry.persistence.rejects")
						.description("Commands refused, by error code")
						.tag("code", code.code())
						.register(meters)));
		this.crashSwitch = crashSwitch;
		this.publisher = publisher;
		this.deadLetters = deadLetters;
		this.clock = clock;
		this.meters = meters;
		this.transactions = Timer.builder("ferry.persistence.transaction")
			.description("Time to apply one poll of commands: its read, the commands, its write")
			.register(meters);
	}

	@KafkaListener(id = "ferry-persistence", topics = "#{T(dev.ferry.contracts.topic.Topics).INBOUND.name()}")
	void on(List<ConsumerRecord<String, Envelope<InboundCommand>>> records) {
		int poison = firstPoison(records);
		List<ConsumerRecord<String, Envelope<InboundCommand>>> valid = records.subList(0, poison);
		if (!valid.isEmpty()) {
			applyAndPublish(valid);
		}
		if (poison < records.size()) {
			ConsumerRecord<String, Envelope<InboundCommand>> record = records.get(poison);
			throw new BatchListenerFailedException("Unreadable record", reasonOf(record), poison);
		}
	}

	private void applyAndPublish(List<ConsumerRecord<String, Envelope<InboundCommand>>> records) {
		List<Span> spans = records.stream()
			.map((record) -> this.traces.processing(record, "persist").tag("ferry.batch.records", records.size()))
			.toList();
		try {
			finish(this.transactions.record(() -> this.processor.apply(commands(records))), records, spans);
		}
		catch (RuntimeException ex) {
			if (TransientFailures.isTransient(ex)) {
				spans.forEach((span) -> span.error(ex));
				// Retry from the first record of the poll; the partitions wait meanwhile.
				throw new BatchListenerFailedException("Batch failed", ex, 0);
			}
			applyOneByOne(records, spans);
		}
		finally {
			spans.forEach(Span::end);
		}
	}

	/**
	 * Finds the records that fail on their own: each is refused and dead-lettered, the
	 * others are applied.
	 */
	private void applyOneByOne(List<ConsumerRecord<String, Envelope<InboundCommand>>> records, List<Span> spans) {
		for (int index = 0; index < records.size(); index++) {
			List<ConsumerRecord<String, Envelope<InboundCommand>>> one = records.subList(index, index + 1);
			Span span = spans.get(index);
			try {
				finish(this.processor.apply(commands(one)), one, List.of(span));
			}
			catch (RuntimeException ex) {
				span.error(ex);
				if (TransientFailures.isTransient(ex)) {
					throw new BatchListenerFailedException("Record failed", ex, index);
				}
				refuse(records, index, ex, span);
			}
		}
	}

	/**
	 * Dead-letters a record that failed on its own and tells its sender; if Kafka does
	 * not take either, the poll is retried from that record.
	 */
	private void refuse(List<ConsumerRecord<String, Envelope<InboundCommand>>> records, int index,
			RuntimeException failure, Span span) {
		ConsumerRecord<String, Envelope<InboundCommand>> record = records.get(index);
		try {
			this.deadLetters.write(record, failure, DeadLetterKind.UNPROCESSABLE);
			this.publisher
				.publish(
						List.of(Rejections.unprocessable(record.value(),
								"it failed on its own and is kept for operators", this.clock.instant())),
						(event) -> span);
		}
		catch (RuntimeException ex) {
			throw new BatchListenerFailedException("Refusal not published", ex, index);
		}
		this.refused.get(ErrorCode.UNPROCESSABLE).increment();
	}

	private void finish(CommandBatch batch, List<ConsumerRecord<String, Envelope<InboundCommand>>> records,
			List<Span> spans) {
		this.crashSwitch.afterCommit();
		Instant committed = this.clock.instant();
		records.forEach((record) -> PipelineHop.record(this.persisted, record.timestamp(), committed));
		deadLetter(batch.unprocessable(), records);
		this.publisher.publish(batch.events(), (event) -> spans.get(batch.causeOf(event)));
		records.forEach((record) -> this.applied.get(record.value().type()).increment());
		this.meters.summary("ferry.persistence.batch.size").record(records.size());
		this.meters.counter("ferry.persistence.events.published").increment(batch.events().size());
		batch.rejects().forEach((code, count) -> this.refused.get(code).increment(count));
	}

	/**
	 * Keeps the commands refused as unprocessable on the dead-letter topic, for
	 * operators.
	 */
	private void deadLetter(Map<UUID, String> unprocessable,
			List<ConsumerRecord<String, Envelope<InboundCommand>>> records) {
		if (unprocessable.isEmpty()) {
			return;
		}
		for (ConsumerRecord<String, Envelope<InboundCommand>> record : records) {
			String reason = unprocessable.get(record.value().eventId());
			if (reason != null) {
				this.deadLetters.write(record, new UnprocessableCommandException(reason), DeadLetterKind.UNPROCESSABLE);
			}
		}
	}

	private static List<Envelope<InboundCommand>> commands(
			List<ConsumerRecord<String, Envelope<InboundCommand>>> records) {
		return records.stream().map(ConsumerRecord::value).toList();
	}

	private static int firstPoison(List<ConsumerRecord<String, Envelope<InboundCommand>>> records) {
		for (int index = 0; index < records.size(); index++) {
			if (records.get(index).value() == null) {
				return index;
			}
		}
		return records.size();
	}

	/**
	 * Why a record is unreadable, with the deserializer's own words: they end up in the
	 * dead letter's {@code kafka_dlt-exception-message} header for operators.
	 */
	private static RuntimeException reasonOf(ConsumerRecord<String, Envelope<InboundCommand>> record) {
		DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
				SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, null);
		if (failure == null) {
			return new InvalidEnvelopeException("Record has no value");
		}
		Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
		return new InvalidEnvelopeException(cause.getMessage(), failure);
	}

}
