package dev.ferry.gateway.presence;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.presence.NodeHeartbeat;
import dev.ferry.contracts.presence.PresenceRecord;
import dev.ferry.contracts.presence.SessionsChanged;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.gateway.system.GatewaySettings;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tells {@code chat.presence.v1} how many sockets each user has open on this node, and
 * that this node is alive. A node that stops heartbeating takes its users offline with
 * it.
 */
@Component
public class PresencePublisher implements SmartLifecycle {

	/** Heartbeats a node may miss before its users count as offline. */
	private static final int MISSED_HEARTBEATS = 3;

	private final KafkaTemplate<String, Envelope<? extends Payload>> kafka;

	private final GatewaySettings settings;

	private final Clock clock = Clock.systemUTC();

	private volatile ScheduledExecutorService heartbeats;

	PresencePublisher(KafkaTemplate<String, Envelope<? extends Payload>> kafka, GatewaySettings settings) {
		this.kafka = kafka;
		this.settings = settings;
	}

	/** The user now has {@code sessions} sockets open on this node. */
	public void sessionsChanged(UserId user, int sessions) {
		Instant now = this.clock.instant();
		publish(new SessionsChanged(user, this.settings.nodeId(), sessions, now), now);
	}

	/**
	 * Heartbeats on a thread of this publisher's own, so they never depend on which task
	 * scheduler the application context happens to pick.
	 */
	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "ferry-heartbeat-" + this.settings.nodeId());
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.settings.heartbeatInterval().toMillis();
		executor.scheduleAtFixedRate(this::heartbeat, 0, interval, TimeUnit.MILLISECONDS);
		this.heartbeats = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.heartbeats;
		if (executor != null) {
			executor.shutdownNow();
		}
		this.heartbeats = null;
	}

	@Override
	public boolean isRunning() {
		return this.heartbeats != null;
	}

	private void heartbeat() {
		Instant now = this.clock.instant();
		publish(new NodeHeartbeat(this.settings.nodeId(), now,
				this.settings.heartbeatInterval().multipliedBy(MISSED_HEARTBEATS)), now);
	}

	private void publish(PresenceRecord record, Instant now) {
		this.kafka.send(Topics.PRESENCE.name(), Topics.keyOf(record), Envelope.of(record, now));
	}

}
