package dev.ferry.gateway.presence;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import dev.ferry.gateway.node.NodeLease;
import dev.ferry.gateway.system.GatewaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells {@code chat.presence.v1} how many sockets each user has open on this node, and
 * that this node is alive and reads its pushes from its delivery partition. A node that
 * stops heartbeating takes its users offline with it.
 * <p>
 * Kafka may be away: a count that could not be published is published again with the next
 * heartbeat, and after a heartbeat that failed, the next one that succeeds publishes
 * every count again, so presence is right once Kafka is back.
 */
@Component
public class PresencePublisher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PresencePublisher.class);

	private final KafkaTemplate<String, Envelope<? extends Payload>> kafka;

	private final GatewaySettings settings;

	private final NodeLease lease;

	private final Clock clock = Clock.systemUTC();

	/** Sockets per user on this node now; users with none are left out. */
	private final Map<UserId, Integer> counts = new ConcurrentHashMap<>();

	/** Users whose latest count Kafka did not acknowledge. */
	private final Set<UserId> unpublished = ConcurrentHashMap.newKeySet();

	private volatile boolean heartbeatFailed;

	private volatile ScheduledExecutorService heartbeats;

	PresencePublisher(KafkaTemplate<String, Envelope<? extends Payload>> kafka, GatewaySettings settings,
			NodeLease lease) {
		this.kafka = kafka;
		this.settings = settings;
		this.lease = lease;
	}

	/** The user now has {@code sessions} sockets open on this node. */
	public void sessionsChanged(UserId user, int sessions) {
		if (sessions > 0) {
			this.counts.put(user, sessions);
		}
		else {
			this.counts.remove(user);
		}
		publishCount(user);
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
		executor.scheduleWithFixedDelay(this::heartbeat, 0, interval, TimeUnit.MILLISECONDS);
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

	/**
	 * Never throws: an exception would end a scheduled task's schedule for good, and with
	 * it this node's presence.
	 */
	void heartbeat() {
		try {
			Instant now = this.clock.instant();
			PresenceRecord heartbeat = new NodeHeartbeat(this.settings.nodeId(), now, this.settings.nodeTtl(),
					this.lease.deliveryPartition());
			this.kafka.send(Topics.PRESENCE.name(), Topics.keyOf(heartbeat), Envelope.of(heartbeat, now))
				.get(this.settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
			if (this.heartbeatFailed) {
				this.heartbeatFailed = false;
				this.unpublished.addAll(this.counts.keySet());
				logger.info("Node {} reaches Kafka again; publishing its {} users' session counts again",
						this.settings.nodeId(), this.counts.size());
			}
			Set.copyOf(this.unpublished).forEach(this::publishCount);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			if (!this.heartbeatFailed) {
				logger.warn("Node {} could not publish its heartbeat; trying again every {}", this.settings.nodeId(),
						this.settings.heartbeatInterval(), ex);
			}
			this.heartbeatFailed = true;
		}
	}

	private void publishCount(UserId user) {
		Instant now = this.clock.instant();
		PresenceRecord record = new SessionsChanged(user, this.settings.nodeId(), this.counts.getOrDefault(user, 0),
				now);
		this.unpublished.remove(user);
		try {
			this.kafka.send(Topics.PRESENCE.name(), Topics.keyOf(record), Envelope.of(record, now))
				.whenComplete((result, failure) -> {
					if (failure != null) {
						this.unpublished.add(user);
					}
				});
		}
		catch (RuntimeException ex) {
			this.unpublished.add(user);
		}
	}

}
