package dev.ferry.contracts.kafka;

import java.util.Map;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.presence.PresenceRecord;
import dev.ferry.contracts.presence.PresenceTable;
import dev.ferry.contracts.topic.Topics;

/**
 * Who is connected where, for a process that must know it in full: folds the whole
 * compacted {@code chat.presence.v1} into a {@link PresenceTable}, read from the start
 * and then followed, outside any consumer group.
 */
public abstract class PresenceFollower extends CompactedTopicFollower<PresenceRecord> {

	private final PresenceTable table;

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
		super(consumerConfig, name, Topics.PRESENCE, PresenceRecord.class);
		this.table = table;
	}

	protected PresenceTable table() {
		return this.table;
	}

	/** Called on the following thread after a record was folded into the table. */
	protected void applied(Envelope<PresenceRecord> record) {
	}

	@Override
	protected void apply(Envelope<PresenceRecord> record) {
		this.table.apply(record.payload());
		applied(record);
	}

}
