package dev.ferry.gateway.node;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import dev.ferry.contracts.id.NodeId;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.gateway.system.GatewaySettings;
import dev.ferry.gateway.system.ShutdownStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This gateway's claim on its node id and on a partition of {@code chat.delivery.v1},
 * taken when it starts and held while it heartbeats. A gateway whose node id a live node
 * already holds does not start; a partition is assigned, the lowest one free, so two
 * nodes never share one while another is free. A node that dies without giving its claim
 * up (kill -9) holds it for three heartbeat intervals.
 */
@Component
public class NodeLease implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(NodeLease.class);

	/** Longest a stopping gateway waits for its claim to be given up. */
	private static final Duration RELEASE_WAIT = Duration.ofSeconds(1);

	/** How long a claim waits before trying again. */
	private static final Duration CLAIM_PAUSE = Duration.ofMillis(500);

	private final GatewayNodes nodes;

	private final NodeId node;

	private final Duration lease;

	private final UUID instance = UUID.randomUUID();

	private final int deliveryPartition;

	private volatile boolean held = true;

	NodeLease(GatewayNodes nodes, GatewaySettings settings) {
		this.nodes = nodes;
		this.node = settings.nodeId();
		this.lease = settings.nodeTtl();
		this.deliveryPartition = claim();
		logger.info("Node {} holds partition {} of {}", this.node, this.deliveryPartition, Topics.DELIVERY.name());
	}

	/**
	 * Claims the id and a partition. A lease that is held may belong to a gateway that
	 * died without giving it up, so the claim keeps trying for one lease period: a live
	 * holder renews it meanwhile, a dead one's runs out.
	 */
	private int claim() {
		int partitions = Topics.DELIVERY.partitions();
		// From the first refusal, not from the start: on a busy machine the first query
		// alone can take longer than a lease.
		Long deadline = null;
		while (true) {
			Optional<Integer> partition = this.nodes.claim(this.node, this.instance, partitions, this.lease);
			if (partition.isPresent()) {
				return partition.get();
			}
			if (deadline == null) {
				deadline = System.nanoTime() + this.lease.plus(CLAIM_PAUSE).toNanos();
			}
			else if (System.nanoTime() > deadline) {
				if (this.nodes.isHeld(this.node)) {
					throw new NodeIdTakenException("Another live gateway has node id '" + this.node
							+ "'. Give each gateway its own ferry.gateway.node-id (FERRY_GATEWAY_NODE_ID).");
				}
				throw new NodeIdTakenException("Every one of the " + partitions + " partitions of "
						+ Topics.DELIVERY.name()
						+ " belongs to a live gateway: no more gateways can run until the topic has more partitions.");
			}
			try {
				Thread.sleep(CLAIM_PAUSE.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while claiming node id " + this.node, ex);
			}
		}
	}

	/** The partition of {@code chat.delivery.v1} that routed pushes for this node use. */
	public int deliveryPartition() {
		return this.deliveryPartition;
	}

	@Scheduled(fixedDelayString = "${ferry.gateway.heartbeat-interval}")
	void renew() {
		try {
			boolean renewed = this.nodes.renew(this.node, this.instance, this.deliveryPartition, this.lease);
			if (!renewed && this.held) {
				logger.error(
						"Node {} lost its lease: another gateway took its id or partition {} while the database "
								+ "was away. Pushes for this node may reach the other one; restart one of them.",
						this.node, this.deliveryPartition);
			}
			this.held = renewed;
		}
		catch (RuntimeException ex) {
			// The database is away: the lease runs on; the next renewal tries again.
			logger.warn("Node {} could not renew its lease", this.node, ex);
		}
	}

	/**
	 * Gives the claim up for the next gateway, waiting a second at most: a stopping
	 * gateway does not wait for an absent database (the claim then runs out by itself).
	 */
	@Override
	public void destroy() {
		ShutdownStep.run("ferry-release-" + this.node, RELEASE_WAIT, () -> {
			try {
				this.nodes.release(this.node, this.instance);
			}
			catch (RuntimeException ex) {
				logger.warn("Node {} could not release its lease; it runs out in {} s", this.node,
						this.lease.toSeconds(), ex);
			}
		});
	}

}
