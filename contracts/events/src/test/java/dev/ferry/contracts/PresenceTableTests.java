package dev.ferry.contracts;

import java.time.Duration;
import java.time.Instant;

import dev.ferry.contracts.id.NodeId;
import dev.ferry.contracts.presence.NodeHeartbeat;
import dev.ferry.contracts.presence.PresenceTable;
import dev.ferry.contracts.presence.SessionsChanged;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PresenceTableTests {

	private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

	private static final NodeId NODE_1 = new NodeId("gateway-1");

	private static final NodeId NODE_2 = new NodeId("gateway-2");

	private final PresenceTable table = new PresenceTable();

	@Test
	void aUserWithASocketOnALiveNodeIsOnlineThere() {
		this.table.apply(new NodeHeartbeat(NODE_1, T0, Duration.ofSeconds(15), 0));
		this.table.apply(new SessionsChanged(Samples.BOB, NODE_1, 2, T0));

		assertThat(this.table.isOnline(Samples.BOB, T0.plusSeconds(5))).isTrue();
		assertThat(this.table.nodesOf(Samples.BOB, T0.plusSeconds(5))).containsExactly(NODE_1);
		assertThat(this.table.isOnline(Samples.ALICE, T0)).isFalse();
	}

	@Test
	void closingTheLastSocketMakesTheUserOfflineWithTheirLastSeenTime() {
		this.table.apply(new NodeHeartbeat(NODE_1, T0, Duration.ofSeconds(15), 0));
		this.table.apply(new SessionsChanged(Samples.BOB, NODE_1, 1, T0));
		this.table.apply(new SessionsChanged(Samples.BOB, NODE_1, 0, T0.plusSeconds(3)));

		assertThat(this.table.isOnline(Samples.BOB, T0.plusSeconds(4))).isFalse();
		assertThat(this.table.lastSeenAt(Samples.BOB)).isEqualTo(T0.plusSeconds(3));
	}

	@Test
	void aNodeThatStopsHeartbeatingTakesItsUsersOffline() {
		this.table.apply(new NodeHeartbeat(NODE_1, T0, Duration.ofSeconds(15), 0));
		this.table.apply(new NodeHeartbeat(NODE_2, T0.plusSeconds(20), Duration.ofSeconds(15), 0));
		this.table.apply(new SessionsChanged(Samples.BOB, NODE_1, 1, T0));
		this.table.apply(new SessionsChanged(Samples.BOB, NODE_2, 1, T0.plusSeconds(20)));

		assertThat(this.table.nodesOf(Samples.BOB, T0.plusSeconds(25))).containsExactly(NODE_2);
		assertThat(this.table.isOnline(Samples.BOB, T0.plusSeconds(40))).isFalse();
	}

}
