package dev.ferry.persistence.write;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.json.InvalidEnvelopeException;
import dev.ferry.contracts.kafka.DeadLetters;
import dev.ferry.persistence.system.TransientFailures;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code chat.inbound.v1} in batches: each poll is one transaction, then its
 * events are published, then the container commits the offsets. A readable command that
 * cannot be applied is refused as {@code unprocessable} and dead-lettered, and the
 * partition goes on: it waits for one retry at most (the batch applied again record by
 * record), never for the error handler's back-off.
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

	InboundCommandListener(CommandBatchProcessor processor, EventPublisher publisher, DeadLetters deadLetters,
			Clock clock, MeterRegistry meters, CrashSwitch crashSwitch) {
		this.processor = processor;
		this.crashSwitch = crashSwitch;
		this.publisher = publisher;
		this.deadLetters = deadLetters;
		this.clock = clock;
		this.meters = meters;
		this.transactions = Timer.builder("ferry.persistence.transaction")
			.description("Time to apply one poll of commands in one database transaction")
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
		try {
			finish(this.transactions.record(() -> this.processor.apply(commands(records))), records);
		}
		catch (RuntimeException ex) {
			if (TransientFailures.isTransient(ex)) {
				// Retry from the first record of the poll; the partitions wait meanwhile.
				throw new BatchListenerFailedException("Batch failed", ex, 0);
			}
			applyOneByOne(records);
		}
	}

	/**
	 * Finds the records that fail on their own: each is refused and dead-lettered, the
	 * others are applied.
	 */
	private void applyOneByOne(List<ConsumerRecord<String, Envelope<InboundCommand>>> records) {
		for (int index = 0; index < records.size(); index++) {
			List<ConsumerRecord<String, Envelope<InboundCommand>>> one = records.subList(index, index + 1);
			try {
				finish(this.processor.apply(commands(one)), one);
			}
			catch (RuntimeException ex) {
				if (TransientFailures.isTransient(ex)) {
					throw new BatchListenerFailedException("Record failed", ex, index);
				}
				refuse(records, index, ex);
			}
		}
	}

	/**
	 * Dead-letters a record that failed on its own and tells its sender; if Kafka does
	 * not take either, the poll is retried from that record.
	 */
	private void refuse(List<ConsumerRecord<String, Envelope<InboundCommand>>> records, int index,
			RuntimeException failure) {
		ConsumerRecord<String, Envelope<InboundCommand>> record = records.get(index);
		try {
			this.deadLetters.write(record, failure);
			this.publisher.publish(List.of(Rejections.unprocessable(record.value(),
					"it failed on its own and is kept for operators", this.clock.instant())));
		}
		catch (RuntimeException ex) {
			throw new BatchListenerFailedException("Refusal not published", ex, index);
		}
		this.meters.counter("ferry.persistence.rejects", "code", ErrorCode.UNPROCESSABLE.code()).increment();
	}

	private void finish(CommandBatch batch, List<ConsumerRecord<String, Envelope<InboundCommand>>> records) {
		this.crashSwitch.afterCommit();
		deadLetter(batch.unprocessable(), records);
		this.publisher.publish(batch.events());
		this.meters.counter("ferry.persistence.records").increment(records.size());
		this.meters.summary("ferry.persistence.batch.size").record(records.size());
		this.meters.counter("ferry.persistence.events.published").increment(batch.events().size());
		batch.rejects()
			.forEach((code, count) -> this.meters.counter("ferry.persistence.rejects", "code", code.code())
				.increment(count));
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
				this.deadLetters.write(record, new UnprocessableCommandException(reason));
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
