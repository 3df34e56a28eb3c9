package dev.ferry.persistence.write;

import java.util.List;

import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.json.InvalidEnvelopeException;
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
 * events are published, then the container commits the offsets.
 */
@Component
class InboundCommandListener {

	private final CommandBatchProcessor processor;

	private final EventPublisher publisher;

	private final MeterRegistry meters;

	private final Timer transactions;

	InboundCommandListener(CommandBatchProcessor processor, EventPublisher publisher, MeterRegistry meters) {
		this.processor = processor;
		this.publisher = publisher;
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
			publish(this.transactions.record(() -> this.processor.apply(commands(records))), records.size());
		}
		catch (RuntimeException ex) {
			if (TransientFailures.isTransient(ex) || records.size() == 1) {
				// Retry from the first record of the poll; the partitions wait meanwhile.
				throw new BatchListenerFailedException("Batch failed", ex, 0);
			}
			applyOneByOne(records);
		}
	}

	/** Finds the record that fails on its own, committing the ones before it. */
	private void applyOneByOne(List<ConsumerRecord<String, Envelope<InboundCommand>>> records) {
		for (int index = 0; index < records.size(); index++) {
			try {
				publish(this.processor.apply(commands(records.subList(index, index + 1))), 1);
			}
			catch (RuntimeException ex) {
				throw new BatchListenerFailedException("Record failed", ex, index);
			}
		}
	}

	private void publish(CommandBatch batch, int size) {
		this.publisher.publish(batch.events());
		this.meters.counter("ferry.persistence.records").increment(size);
		this.meters.summary("ferry.persistence.batch.size").record(size);
		this.meters.counter("ferry.persistence.events.published").increment(batch.events().size());
		batch.rejects()
			.forEach((code, count) -> this.meters.counter("ferry.persistence.rejects", "code", code).increment(count));
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
