package dev.ferry.infra.test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.json.EnvelopeSerializer;
import dev.ferry.contracts.topic.TopicSpec;
import dev.ferry.contracts.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes records to the catalogue's topics as the service that owns them would, or raw
 * bytes as a broken producer would; every write is acknowledged before it returns.
 */
public final class TopicWriter implements AutoCloseable {

	private final KafkaProducer<String, byte[]> producer;

	private final EnvelopeSerializer envelopes = new EnvelopeSerializer();

	private TopicWriter(KafkaProducer<String, byte[]> producer) {
		this.producer = producer;
	}

	public static TopicWriter of(FerryInfrastructure infrastructure) {
		return new TopicWriter(new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				infrastructure.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
				new ByteArraySerializer()));
	}

	/** Writes the payload in a new envelope, with its catalogue key. */
	public <P extends Payload> Envelope<P> write(TopicSpec topic, P payload) {
		Envelope<P> envelope = Envelope.of(payload, Instant.now());
		write(topic, envelope);
		return envelope;
	}

	/** Writes the payload in a new envelope, with its catalogue key, to one partition. */
	public <P extends Payload> Envelope<P> write(TopicSpec topic, int partition, P payload) {
		Envelope<P> envelope = Envelope.of(payload, Instant.now());
		send(new ProducerRecord<>(topic.name(), partition, Topics.keyOf(payload),
				this.envelopes.serialize(topic.name(), envelope)));
		return envelope;
	}

	/**
	 * Writes each payload in a new envelope, with its catalogue key, to one partition, in
	 * order; all are sent before any is awaited, so many go at once.
	 */
	public <P extends Payload> void writeAll(TopicSpec topic, int partition, List<P> payloads) {
		List<Future<RecordMetadata>> sends = new ArrayList<>(payloads.size());
		for (P payload : payloads) {
			sends.add(this.producer.send(new ProducerRecord<>(topic.name(), partition, Topics.keyOf(payload),
					this.envelopes.serialize(topic.name(), Envelope.of(payload, Instant.now())))));
		}
		this.producer.flush();
		sends.forEach((send) -> await(topic.name(), send));
	}

	public void write(TopicSpec topic, Envelope<? extends Payload> envelope) {
		writeRaw(topic.name(), Topics.keyOf(envelope.payload()), this.envelopes.serialize(topic.name(), envelope));
	}

	public void writeRaw(String topic, String key, byte[] value) {
		send(new ProducerRecord<>(topic, key, value));
	}

	private void send(ProducerRecord<String, byte[]> record) {
		await(record.topic(), this.producer.send(record));
	}

	private static void await(String topic, Future<RecordMetadata> send) {
		try {
			send.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not take a record for " + topic, ex);
		}
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
