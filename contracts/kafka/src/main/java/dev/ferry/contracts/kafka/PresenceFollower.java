package dev.ferry.contracts.kafka;

import java.util.Map;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.json.EnvelopeCodec;
import dev.ferry.contracts.json.InvalidEnvelopeException;
import dev.ferry.contracts.presence.PresenceRecord;
import dev.ferry.contracts.presence.PresenceTable;
import dev.ferry.contracts.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is connected where, for a process that must know it in full: folds the whole
 * compacted {@code chat.presence.v1} into a {@link PresenceTable}, read from the start
 * and then followed, outside any consumer group.
 */
public abstract class PresenceFollower extends FollowingLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PresenceFollower.class);

	private final PresenceTable table;

	private final EnvelopeCodec<PresenceRecord> codec = EnvelopeCodec.of(PresenceRecord.class);

	private final Map<String, Object> consumerConfig;

	private final String name;

	/**
	 * Creates the follower.
	 * @param consumerConfig Kafka consumer settings; any group id is ignored
	 * @param name the name of the following thread
	 */
	protected PresenceFollower(Map<String, Object> consumerConfig, String name) {
		this(consumerConfig, name, new PresenceTable());
	}

	/**
	 * Creates the follower that folds presence into a table others read too.
	 * @param consumerConfig Kafka consumer settings; any group id is ignored
	 * @param name the name of the following thread
	 * @param table the table to fold into
	 */
	protected PresenceFollower(Map<String, Object> consumerConfig, String name, PresenceTable table) {
		this.consumerConfig = consumerConfig;
		this.name = name;
		this.table = table;
	}

	protected PresenceTable table() {
		return this.table;
	}

	/** Called on the following thread after a record was folded into the table. */
	protected void applied(Envelope<PresenceRecord> record) {
	}

	@Override
	protected TopicFollower follow() {
		return TopicFollower.start(this.consumerConfig, this.name,
				TopicFollower.allPartitionsOf(Topics.PRESENCE.name()), true, this::onRecord);
	}

	private void onRecord(ConsumerRecord<String, byte[]> record) {
		if (record.value() == null) {
			return;
		}
		try {
			Envelope<PresenceRecord> presence = this.codec.read(record.value());
			this.table.apply(presence.payload());
			applied(presence);
		}
		catch (InvalidEnvelopeException ex) {
			logger.warn("Unreadable presence record {} dropped", record.key(), ex);
		}
	}

}
