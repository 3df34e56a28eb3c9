package dev.ferry.gateway.presence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.EnvelopeCodec;
import dev.ferry.contracts.json.InvalidEnvelopeException;
import dev.ferry.contracts.presence.PresenceRecord;
import dev.ferry.contracts.presence.PresenceTable;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.contracts.kafka.FollowingLifecycle;
import dev.ferry.contracts.kafka.TopicFollower;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Who is online on any gateway: the whole compacted {@code chat.presence.v1}, read from
 * the start and then followed.
 */
@Component
public class PresenceView extends FollowingLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PresenceView.class);

	private final PresenceTable table = new PresenceTable();

	private final EnvelopeCodec<PresenceRecord> codec = EnvelopeCodec.of(PresenceRecord.class);

	private final KafkaProperties kafka;

	private final Clock clock = Clock.systemUTC();

	PresenceView(KafkaProperties kafka) {
		this.kafka = kafka;
	}

	public boolean isOnline(UserId user) {
		return this.table.isOnline(user, this.clock.instant());
	}

	public Instant lastSeenAt(UserId user) {
		return this.table.lastSeenAt(user);
	}

	@Override
	protected TopicFollower follow() {
		return TopicFollower.start(this.kafka.buildConsumerProperties(), "ferry-presence-view",
				PresenceView::allPartitions, true, this::onRecord);
	}

	private static List<TopicPartition> allPartitions(KafkaConsumer<?, ?> consumer) {
		return consumer.partitionsFor(Topics.PRESENCE.name())
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
	}

	private void onRecord(ConsumerRecord<String, byte[]> record) {
		if (record.value() == null) {
			return;
		}
		try {
			Envelope<PresenceRecord> presence = this.codec.read(record.value());
			this.table.apply(presence.payload());
		}
		catch (InvalidEnvelopeException ex) {
			logger.warn("Unreadable presence record {} dropped: {}", record.key(), ex.getMessage());
		}
	}

}
