package dev.ferry.gateway.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.ferry.contracts.id.NodeId;
import dev.ferry.gateway.GatewayIntegrationTest;
import dev.ferry.gateway.system.GatewaySettings;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NodeLeaseIntegrationTests extends GatewayIntegrationTest {

	@Autowired
	private GatewayNodes nodes;

	@Autowired
	private GatewaySettings settings;

	@Autowired
	private NodeLease running;

	@Test
	void aSecondGatewayWithTheNodeIdOfALiveOneDoesNotStart() {
		// A short heartbeat: it waits one of its own lease periods for the holder to die.
		GatewaySettings sameId = settingsOf(this.settings.nodeId().value(), Duration.ofMillis(100));
		assertThatExceptionOfType(NodeIdTakenException.class).isThrownBy(() -> new NodeLease(this.nodes, sameId))
			.withMessage("Another live gateway has node id '" + this.settings.nodeId()
					+ "'. Give each gateway its own ferry.gateway.node-id (FERRY_GATEWAY_NODE_ID).");
	}

	@Test
	void aGatewayTakesOverTheIdOfOneThatDiedWithoutGivingItUp() {
		GatewaySettings shortLived = settingsOf("gateway-lease-crashed", Duration.ofMillis(200));
		NodeLease crashed = new NodeLease(this.nodes, shortLived);
		// Started again at once, before the dead one's lease ran out.
		NodeLease restarted = new NodeLease(this.nodes, shortLived);
		assertThat(restarted.deliveryPartition()).isEqualTo(crashed.deliveryPartition());
		restarted.destroy();
	}

	@Test
	void eachNodeGetsAPartitionNoLiveNodeHoldsAndGivesItUpWhenItStops() {
		NodeLease second = new NodeLease(this.nodes, settingsOf("gateway-lease-2"));
		NodeLease third = new NodeLease(this.nodes, settingsOf("gateway-lease-3"));
		assertThat(List.of(second.deliveryPartition(), third.deliveryPartition())).doesNotHaveDuplicates()
			.doesNotContain(this.running.deliveryPartition());

		int freed = second.deliveryPartition();
		second.destroy();
		NodeLease fourth = new NodeLease(this.nodes, settingsOf("gateway-lease-4"));
		assertThat(fourth.deliveryPartition()).isEqualTo(freed);
		third.destroy();
		fourth.destroy();
	}

	@Test
	void gatewaysStartingAtOnceEachGetTheirOwnPartition() throws Exception {
		int starting = 8;
		ExecutorService starts = Executors.newFixedThreadPool(starting);
		try {
			CountDownLatch together = new CountDownLatch(1);
			List<Future<NodeLease>> leases = new ArrayList<>();
			for (int i = 0; i < starting; i++) {
				// A short lease: a claim that lost a race and waited would run out of
				// time.
				GatewaySettings own = settingsOf("gateway-together-" + i, Duration.ofMillis(500));
				leases.add(starts.submit(() -> {
					together.await();
					return new NodeLease(this.nodes, own);
				}));
			}
			together.countDown();
			List<Integer> partitions = new ArrayList<>();
			for (Future<NodeLease> lease : leases) {
				partitions.add(lease.get(30, TimeUnit.SECONDS).deliveryPartition());
			}
			assertThat(partitions).hasSize(starting)
				.doesNotHaveDuplicates()
				.doesNotContain(this.running.deliveryPartition());
			for (Future<NodeLease> lease : leases) {
				lease.get().destroy();
			}
		}
		finally {
			starts.shutdownNow();
		}
	}

	private GatewaySettings settingsOf(String node) {
		return settingsOf(node, this.settings.heartbeatInterval());
	}

	private GatewaySettings settingsOf(String node, Duration heartbeatInterval) {
		GatewaySettings s = this.settings;
		return new GatewaySettings(new NodeId(node), heartbeatInterval, s.publishTimeout(), s.maxBodyBytes(),
				s.socket(), s.login(), s.session());
	}

}
