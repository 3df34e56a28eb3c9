package dev.ferry.gateway.node;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import dev.ferry.contracts.id.NodeId;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import static dev.ferry.schema.jooq.Tables.GATEWAY_NODES;

/**
 * The {@code gateway_nodes} table: which live gateway holds which node id and which
 * delivery partition. Lease times are the database's clock.
 */
@Repository
class GatewayNodes {

	private final DSLContext dsl;

	GatewayNodes(DSLContext dsl) {
		this.dsl = dsl;
	}

	/**
	 * Claims the node id with the lowest delivery partition no live node holds, after
	 * clearing the leases that ran out.
	 * @return the partition, or empty when a live node holds the id or no partition is
	 * free
	 */
	@Transactional
	public Optional<Integer> claim(NodeId node, UUID instance, int partitions, Duration lease) {
		// One claim at a time: gateways starting together would otherwise pick the same
		// free partition, and all but one would find nothing and wait for a lease that
		// no dead node holds. Renewals wait for the few milliseconds a claim takes.
		this.dsl.execute("lock table gateway_nodes in share row exclusive mode");
		this.dsl.deleteFrom(GATEWAY_NODES).where(GATEWAY_NODES.LEASE_UNTIL.lt(DSL.currentOffsetDateTime())).execute();
		return this.dsl
			.resultQuery(
					"insert into gateway_nodes (node_id, delivery_partition, instance_id, claimed_at, lease_until)"
							+ " select ?, p, ?, now(), now() + ? * interval '1 millisecond'"
							+ " from generate_series(0, ? - 1) p"
							+ " where p not in (select delivery_partition from gateway_nodes) order by p limit 1"
							+ " on conflict do nothing returning delivery_partition",
					node.value(), instance, lease.toMillis(), partitions)
			.fetchOptional()
			.map((row) -> row.get(0, Integer.class));
	}

	/** Whether a live node holds the id. */
	public boolean isHeld(NodeId node) {
		return this.dsl.fetchExists(GATEWAY_NODES,
				GATEWAY_NODES.NODE_ID.eq(node.value()).and(GATEWAY_NODES.LEASE_UNTIL.ge(DSL.currentOffsetDateTime())));
	}

	/**
	 * Extends this instance's lease, or takes its row back if the lease ran out and
	 * nobody claimed the id or the partition meanwhile (the database was away longer than
	 * the lease).
	 * @return whether this instance holds the lease now
	 */
	@Transactional
	public boolean renew(NodeId node, UUID instance, int partition, Duration lease) {
		int renewed = this.dsl.update(GATEWAY_NODES)
			.set(GATEWAY_NODES.LEASE_UNTIL, leaseEnd(lease))
			.where(GATEWAY_NODES.NODE_ID.eq(node.value()), GATEWAY_NODES.INSTANCE_ID.eq(instance))
			.execute();
		if (renewed == 1) {
			return true;
		}
		Record1<Integer> taken = this.dsl
			.resultQuery(
					"insert into gateway_nodes (node_id, delivery_partition, instance_id, claimed_at, lease_until)"
							+ " values (?, ?, ?, now(), now() + ? * interval '1 millisecond')"
							+ " on conflict do nothing returning delivery_partition",
					node.value(), partition, instance, lease.toMillis())
			.coerce(DSL.field("delivery_partition", Integer.class))
			.fetchOne();
		return taken != null;
	}

	/** Gives the id and the partition up for the next node. */
	public void release(NodeId node, UUID instance) {
		this.dsl.deleteFrom(GATEWAY_NODES)
			.where(GATEWAY_NODES.NODE_ID.eq(node.value()), GATEWAY_NODES.INSTANCE_ID.eq(instance))
			.execute();
	}

	private static Field<OffsetDateTime> leaseEnd(Duration lease) {
		return DSL.field("now() + ? * interval '1 millisecond'", OffsetDateTime.class, lease.toMillis());
	}

}
