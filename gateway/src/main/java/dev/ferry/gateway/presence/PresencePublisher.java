package dev.ferry.gateway.presence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
import dev.ferry.gateway.system.ShutdownStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells {@code chat.presence.v1} how many sockets each user has open on this node, and
 * that this node is alive and reads its pushes from its delivery partition. A node that
 * stops heartbeating takes its users offline with it; one that stops cleanly says so with
 * a last heartbeat valid for no time. Counts are sent from the heartbeat thread, so a
 * socket's thread never waits for Kafka.
 * <p>
 * Kafka may be away: a count that could not be published is published again with the next
 * heartbeat, and after a heartbeat that failed, the next one that succeeds publishes
 * every count again, so presence is right once Kafka is back.
 */
@Component
public class PresencePublisher implements SmartLifecycle {

	/** Longest a stopping node waits for its farewell heartbeat to be taken. */
	private static final Duration FAREWELL_WAIT = Duration.ofSeconds(1);

	private static final Logger logger = LoggerFactory.getLogger(PresencePublisher.class);

	private final KafkaTemplate<String, Envelope<? extends Payload>> kafka;

	private final GatewaySettings settings;

	private final NodeLease lease;

	private final Clock clock;

	/** Sockets per user on this node now; users with none are left out. */
	private final Map<UserId, Integer> counts = new ConcurrentHashMap<>();

	/** Users whose latest count Kafka did not acknowledge. */
	private final Set<UserId> unpublished = ConcurrentHashMap.newKeySet();

	private volatile boolean heartbeatFailed;

	private volatile ScheduledExecutorService heartbeats;

	PresencePublisher(KafkaTemplate<String, Envelope<? extends Payload>> kafka, GatewaySettings settings,
			NodeLease lease, Clock clock) {
		this.kafka = kafka;
		this.clock = clock;
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
		ScheduledExecutorService executor = this.heartbeats;
		if (executor == null) {
			// Stopped: the farewell heartbeat took every user of this node offline.
			return;
		}
		try {
			// On the heartbeat thread, in order: a socket's thread never waits for Kafka.
			executor.execute(() -> publishCount(user, sessions));
		}
		catch (RejectedExecutionException ex) {
			// Stopping meanwhile: as above.
		}
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

	/**
	 * Says farewell: a last heartbeat valid for no time, so the delivery worker takes
	 * this node's users offline at once instead of after three intervals. Waits a second
	 * at most: a stopping gateway does not wait for an absent Kafka.
	 */
	@Override
	public void stop() {
		ScheduledExecutorService executor = this.heartbeats;
		this.heartbeats = null;
		if (executor == null) {
			return;
		}
		executor.shutdownNow();
		ShutdownStep.run("ferry-farewell-" + this.settings.nodeId(), FAREWELL_WAIT, () -> {
			try {
				publishHeartbeat(Duration.ZERO);
			}
			catch (Exception ex) {
				logger.info("Node {} stopped without a farewell heartbeat; its users go offline in {}",
						this.settings.nodeId(), this.settings.nodeTtl());
			}
		});
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
			publishHeartbeat(this.settings.nodeTtl());
			if (this.heartbeatFailed) {
				this.heartbeatFailed = false;
				this.unpublished.addAll(this.counts.keySet());
				logger.info("Node {} reaches Kafka again; publishing its {} users' session counts again",
						this.settings.nodeId(), this.counts.size());
			}
			Set.copyOf(this.unpublished).forEach((user) -> publishCount(user, this.counts.getOrDefault(user, 0)));
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

	private void publishHeartbeat(Duration ttl) throws Exception {
		Instant now = this.clock.instant();
		PresenceRecord heartbeat = new NodeHeartbeat(this.settings.nodeId(), now, ttl, this.lease.deliveryPartition());
		this.kafka.send(Topics.PRESENCE.name(), Topics.keyOf(heartbeat), Envelope.of(heartbeat, now))
			.get(this.settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	private void publishCount(UserId user, int sessions) {
		Instant now = this.clock.instant();
		PresenceRecord record = new SessionsChanged(user, this.settings.nodeId(), sessions, now);
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
