package dev.ferry.infra.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.ferry.contracts.kafka.TopicFollower;
import dev.ferry.contracts.topic.TopicSpec;
import dev.ferry.contracts.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches each hop of a message on Kafka: the command the gateway published, the event
 * the persistence worker published, the push the delivery worker routed to the receiver's
 * node. Their record timestamps, taken by each producer on the same machine clock as the
 * load generator's, split the end-to-end latency into hops.
 */
final class HopTaps implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final List<TopicFollower> followers = new ArrayList<>();

	private HopTaps() {
	}

	/** No taps: the per-hop split stays empty. */
	static HopTaps none() {
		return new HopTaps();
	}

	static HopTaps start(String bootstrap, Ledger ledger) {
		HopTaps taps = new HopTaps();
		taps.tap(bootstrap, Topics.INBOUND, (envelope, at) -> {
			if (envelope.path("type").asString().equals("SendMessage")) {
				stamp(ledger, envelope.path("payload").path("tempId").asString(), (sent) -> {
					if (sent.commandAt == 0) {
						sent.commandAt = at;
					}
				});
			}
		});
		taps.tap(bootstrap, Topics.EVENTS, (envelope, at) -> {
			if (envelope.path("type").asString().equals("MessageCreated")) {
				stamp(ledger, envelope.path("payload").path("message").path("tempId").asString(), (sent) -> {
					if (sent.eventAt == 0) {
						sent.eventAt = at;
					}
				});
			}
		});
		taps.tap(bootstrap, Topics.DELIVERY, (envelope, at) -> {
			JsonNode frame = envelope.path("payload").path("frame");
			if (frame.path("type").asString().equals("message-created")) {
				JsonNode message = frame.path("message");
				String receiver = message.path("receiverId").asString();
				boolean toReceiver = envelope.path("payload")
					.path("recipients")
					.valueStream()
					.anyMatch((recipient) -> recipient.asString().equals(receiver));
				if (toReceiver) {
					stamp(ledger, message.path("tempId").asString(), (sent) -> {
						if (sent.pushAt == 0) {
							sent.pushAt = at;
						}
					});
				}
			}
		});
		return taps;
	}

	private static void stamp(Ledger ledger, String tempId, Consumer<Ledger.Sent> stamp) {
		Ledger.Sent sent = ledger.byTempId(tempId);
		if (sent != null) {
			stamp.accept(sent);
		}
	}

	private void tap(String bootstrap, TopicSpec topic, BiConsumer<JsonNode, Long> onRecord) {
		// The record timestamps time the hops, not the taps' own reads: each fetch waits
		// for a good batch, so the taps add few requests to the broker they measure.
		this.followers.add(TopicFollower.start(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
						256 * 1024, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500),
				"tap-" + topic.name(), TopicFollower.allPartitionsOf(topic.name()), false,
				(record) -> onRecord.accept(JSON.readTree(record.value()), record.timestamp())));
	}

	@Override
	public void close() {
		this.followers.forEach(TopicFollower::stop);
	}

}
