package dev.ferry.gateway.node;

import java.time.Duration;
import java.util.List;

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

	private GatewaySettings settingsOf(String node) {
		return settingsOf(node, this.settings.heartbeatInterval());
	}

	private GatewaySettings settingsOf(String node, Duration heartbeatInterval) {
		GatewaySettings s = this.settings;
		return new GatewaySettings(new NodeId(node), heartbeatInterval, s.publishTimeout(), s.maxBodyBytes(),
				s.socket(), s.login(), s.session());
	}

}
