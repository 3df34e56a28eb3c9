package dev.ferry.delivery.presence;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.frame.UserStatusChangedFrame;
import dev.ferry.contracts.id.NodeId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.kafka.PresenceFollower;
import dev.ferry.contracts.presence.PresenceRecord;
import dev.ferry.contracts.presence.PresenceTable;
import dev.ferry.contracts.presence.SessionsChanged;
import dev.ferry.delivery.push.PushPublisher;
import dev.ferry.delivery.system.DeliverySettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Knows which gateway nodes hold each user's sockets, and tells a user's conversation
 * partners when the user comes online or goes offline: online at once, offline only once
 * the user stayed away for the offline delay (a page reload does not flicker), or at once
 * when the user's node stopped heartbeating.
 * <p>
 * The change goes to the nodes where partners are online, naming them, and to every other
 * live node with no recipients: each node adds the sockets that watch the user
 * ({@code watch-presence}), which only it knows. Presence read while catching up with the
 * topic at start is history and is not announced. Push ids derive from the change itself,
 * so several delivery workers announcing the same change reach a socket once.
 */
@Component
public class PresenceTracker extends PresenceFollower {

	private static final Logger logger = LoggerFactory.getLogger(PresenceTracker.class);

	private final PushPublisher publisher;

	private final DeliverySettings settings;

	private final Clock clock;

	/** What contacts were last told, per user; absent means offline. */
	private final Map<UserId, Boolean> announced = new HashMap<>();

	/** Since when each user announced online has been seen offline. */
	private final Map<UserId, Instant> offlineSince = new HashMap<>();

	private final ConversationPartners partners;

	private boolean baselined;

	PresenceTracker(KafkaProperties kafka, PresenceTable table, PushPublisher publisher, ConversationPartners partners,
			DeliverySettings settings, MeterRegistry meters, Clock clock) {
		super(kafka.buildConsumerProperties(), "ferry-delivery-presence", table);
		this.partners = partners;
		this.clock = clock;
		this.publisher = publisher;
		this.settings = settings;
		Gauge.builder("ferry.delivery.presence.online", this, (tracker) -> tracker.onlineCount())
			.description("Users with a socket open on a live gateway node")
			.register(meters);
		Gauge.builder("ferry.delivery.presence.users", this, (tracker) -> tracker.table().users().size())
			.description("Users any gateway node ever reported")
			.register(meters);
	}

	/** The live nodes where each of the users has sockets; offline users are left out. */
	public Map<NodeId, Set<UserId>> nodesOf(Collection<UserId> users) {
		Instant now = this.clock.instant();
		Map<NodeId, Set<UserId>> byNode = new HashMap<>();
		for (UserId user : users) {
			for (NodeId node : table().nodesOf(user, now)) {
				byNode.computeIfAbsent(node, (key) -> new HashSet<>()).add(user);
			}
		}
		return byNode;
	}

	@Override
	protected void applied(Envelope<PresenceRecord> record) {
		if (record.payload() instanceof SessionsChanged changed) {
			synchronized (this) {
				if (baselined()) {
					evaluate(changed.userId(), this.clock.instant());
				}
			}
		}
	}

	/**
	 * Announces offline users whose delay ran out, and users of nodes that died or came
	 * back.
	 */
	@Scheduled(fixedDelayString = "${ferry.delivery.presence-sweep-interval}")
	void sweep() {
		try {
			synchronized (this) {
				if (baselined()) {
					Instant now = this.clock.instant();
					table().users().forEach((user) -> evaluate(user, now));
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Presence sweep failed", ex);
		}
	}

	/**
	 * Whether announcements may start, once presence and partners are read up to where
	 * they were at start: what was online then is taken as known.
	 */
	private boolean baselined() {
		if (!this.baselined && isCaughtUp() && this.partners.isComplete()) {
			Instant now = this.clock.instant();
			table().users()
				.stream()
				.filter((user) -> table().isOnline(user, now))
				.forEach((user) -> this.announced.put(user, true));
			this.baselined = true;
		}
		return this.baselined;
	}

	private void evaluate(UserId user, Instant now) {
		boolean wasOnline = this.announced.getOrDefault(user, false);
		if (table().isOnline(user, now)) {
			this.offlineSince.remove(user);
			if (!wasOnline) {
				this.announced.put(user, true);
				announce(user, true, now);
			}
			return;
		}
		if (!wasOnline) {
			return;
		}
		Instant since = this.offlineSince.computeIfAbsent(user, (key) -> now);
		boolean nodeDied = table().hasReportedSessions(user);
		if (nodeDied || !now.isBefore(since.plus(this.settings.offlineDelay()))) {
			this.offlineSince.remove(user);
			this.announced.remove(user);
			announce(user, false, now);
		}
	}

	private void announce(UserId user, boolean online, Instant now) {
		Instant lastSeenAt = table().lastSeenAt(user);
		Map<NodeId, Set<UserId>> contacts = new HashMap<>();
		table().liveNodes(now).forEach((node) -> contacts.put(node, new HashSet<>()));
		contacts.putAll(nodesOf(this.partners.of(user)));
		String pushId = UUID
			.nameUUIDFromBytes(
					("user-status-changed:" + user + ":" + online + ":" + lastSeenAt).getBytes(StandardCharsets.UTF_8))
			.toString();
		this.publisher.publish(pushId, new UserStatusChangedFrame(user, online, lastSeenAt), contacts)
			.forEach((send) -> send.exceptionally((failure) -> {
				// Contacts that miss it see the right state in GET /users.
				logger.warn("Presence change of {} not published", user, failure);
				return null;
			}));
	}

	private int onlineCount() {
		Instant now = this.clock.instant();
		return (int) table().users().stream().filter((user) -> table().isOnline(user, now)).count();
	}

}
