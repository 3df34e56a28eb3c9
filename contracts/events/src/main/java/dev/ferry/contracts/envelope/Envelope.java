package dev.ferry.contracts.envelope;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The stable wrapper of every Kafka record value.
 *
 * @param eventId identifies the record; consumers use it as the idempotency key
 * @param type the payload's type name, from {@link PayloadType}
 * @param version the payload's schema version; versions only add fields, so a record of a
 * newer version than this code knows is read as the newest it knows, its new fields
 * ignored (a rolling upgrade keeps older consumers working)
 * @param occurredAt when the producer created it
 * @param payload the command, event or signal itself
 * @param <P> the payload family
 */
public record Envelope<P extends Payload>(UUID eventId, String type, int version, Instant occurredAt, P payload) {

	public Envelope {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		PayloadType payloadType = PayloadType.of(Objects.requireNonNull(payload, "payload"));
		if (!payloadType.typeName().equals(type) || version < 1) {
			throw new IllegalArgumentException("Type " + type + " v" + version + " does not describe " + payloadType);
		}
	}

	/** A new record with a random id. */
	public static <P extends Payload> Envelope<P> of(P payload, Instant occurredAt) {
		return of(UUID.randomUUID(), payload, occurredAt);
	}

	/** A record whose id the caller derived, so that re-publishing it is recognisable. */
	public static <P extends Payload> Envelope<P> of(UUID eventId, P payload, Instant occurredAt) {
		PayloadType type = PayloadType.of(payload);
		return new Envelope<>(eventId, type.typeName(), type.version(), occurredAt, payload);
	}

}
