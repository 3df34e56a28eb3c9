package dev.ferry.persistence.write;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.persistence.system.PersistenceSettings;

import org.springframework.stereotype.Component;

/**
 * Applies one poll of commands with two statements: one read of every row the commands
 * touch, the commands in record order in memory, one write of every change. The write is
 * atomic by itself and fails whole if another writer changed what the read saw, so no
 * transaction spans the two and a poll costs PostgreSQL two round trips.
 */
@Component
class CommandBatchProcessor {

	private final PollReads reads;

	private final PollWrites writes;

	private final Clock clock;

	private final int maxGroupMembers;

	CommandBatchProcessor(PollReads reads, PollWrites writes, Clock clock, PersistenceSettings settings) {
		this.maxGroupMembers = settings.maxGroupMembers();
		this.reads = reads;
		this.writes = writes;
		this.clock = clock;
	}

	/**
	 * Applies the commands and returns the events to publish, once they are stored.
	 */
	public CommandBatch apply(List<Envelope<InboundCommand>> commands) {
		// PostgreSQL keeps microseconds: an event built now must equal one rebuilt from
		// the row.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		PollReads.Read read = this.reads.load(commands);
		CommandBatch batch = new CommandBatch(now, this.maxGroupMembers, read.loaded());
		commands.forEach(batch::apply);
		this.writes.write(batch, read.newConversations(), now);
		return batch;
	}

}
