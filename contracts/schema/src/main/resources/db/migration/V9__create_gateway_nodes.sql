-- Which gateway node holds which node id and which partition of chat.delivery.v1. A node
-- claims its row at start and renews the lease with every heartbeat; a row whose lease
-- ran out belongs to a node that died and may be claimed again. The primary key keeps a
-- node id unique among live gateways, the unique partition keeps two nodes from reading
-- the same partition. Lease times are the database's clock, the one clock all nodes share.
create table gateway_nodes (
    node_id            varchar(100) primary key,
    delivery_partition integer     not null unique check (delivery_partition >= 0),
    instance_id        uuid        not null,
    claimed_at         timestamptz not null,
    lease_until        timestamptz not null
);

-- [jooq ignore start]
grant select, insert, update, delete on gateway_nodes to ferry_gateway;
-- [jooq ignore stop]
