package dev.ferry.contracts.kafka;

import java.util.Map;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.json.EnvelopeCodec;
import dev.ferry.contracts.json.InvalidEnvelopeException;
import dev.ferry.contracts.topic.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows a compacted topic in full: reads every partition from the start, outside any
 * consumer group, then follows it, handing each readable record to {@link #apply}. An
 * unreadable record is logged and passed over; a tombstone is skipped.
 *
 * @param <P> the payloads the topic carries
 */
public abstract class CompactedTopicFollower<P extends Payload> extends FollowingLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(CompactedTopicFollower.class);

	private final Map<String, Object> consumerConfig;

	private final String name;

	private final TopicSpec topic;

	private final EnvelopeCodec<P> codec;

	/**
	 * Creates the follower.
	 * @param consumerConfig Kafka consumer settings; any group id is ignored
	 * @param name the name of the following thread
	 * @param topic the topic to follow
	 * @param payloads the payload family of its records
	 */
	protected CompactedTopicFollower(Map<String, Object> consumerConfig, String name, TopicSpec topic,
			Class<P> payloads) {
		this.consumerConfig = consumerConfig;
		this.name = name;
		this.topic = topic;
		this.codec = EnvelopeCodec.of(payloads);
	}

	/** Called on the following thread with each record, in order per partition. */
	protected abstract void apply(Envelope<P> record);

	@Override
	protected TopicFollower follow() {
		return TopicFollower.start(this.consumerConfig, this.name, TopicFollower.allPartitionsOf(this.topic.name()),
				true, this::onRecord);
	}

	private void onRecord(ConsumerRecord<String, byte[]> record) {
		if (record.value() == null) {
			return;
		}
		try {
			apply(this.codec.read(record.value()));
		}
		catch (InvalidEnvelopeException ex) {
			logger.warn("Unreadable record {} of {} dropped", record.key(), this.topic.name(), ex);
		}
	}

}
