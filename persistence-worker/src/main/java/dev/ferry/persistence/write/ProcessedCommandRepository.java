package dev.ferry.persistence.write;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.json.EnvelopeCodec;
import dev.ferry.contracts.json.FerryJson;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Repository;

import static dev.ferry.schema.jooq.Tables.PROCESSED_COMMANDS;

/**
 * The log of applied commands and the events each produced, written in the same
 * transaction as the change itself.
 */
@Repository
class ProcessedCommandRepository {

	private final DSLContext dsl;

	ProcessedCommandRepository(DSLContext dsl) {
		this.dsl = dsl;
	}

	/** The events of the commands among {@code commandIds} that were already applied. */
	Map<UUID, List<Envelope<ChatEvent>>> find(Collection<UUID> commandIds) {
		Map<UUID, List<Envelope<ChatEvent>>> found = new HashMap<>();
		if (commandIds.isEmpty()) {
			return found;
		}
		this.dsl.select(PROCESSED_COMMANDS.COMMAND_ID, PROCESSED_COMMANDS.EVENTS)
			.from(PROCESSED_COMMANDS)
			.where(PROCESSED_COMMANDS.COMMAND_ID.eq(DSL.any(commandIds.toArray(UUID[]::new))))
			.fetch()
			.forEach((row) -> found.put(row.value1(), EnvelopeListJson.read(row.value2())));
		return found;
	}

	void record(List<AppliedCommand> commands) {
		if (commands.isEmpty()) {
			return;
		}
		// Three arrays, one statement shape whatever the number of commands.
		this.dsl
			.insertInto(PROCESSED_COMMANDS, PROCESSED_COMMANDS.COMMAND_ID, PROCESSED_COMMANDS.CONVERSATION_ID,
					PROCESSED_COMMANDS.EVENTS)
			.select(DSL
				.select(DSL.field(DSL.name("applied", "command_id"), UUID.class),
						DSL.field(DSL.name("applied", "conversation_id"), UUID.class),
						DSL.field(DSL.name("applied", "events"), String.class))
				.from(DSL.table("unnest({0}, {1}, {2})",
						DSL.val(commands.stream().map(AppliedCommand::commandId).toArray(UUID[]::new)),
						DSL.val(commands.stream().map(AppliedCommand::conversationId).toArray(UUID[]::new)),
						DSL.val(commands.stream()
							.map((command) -> EnvelopeListJson.write(command.events()))
							.toArray(String[]::new)))
					.as("applied", "command_id", "conversation_id", "events")))
			.execute();
	}

	/**
	 * A command applied in this transaction.
	 *
	 * @param commandId the command's event id
	 * @param conversationId its conversation
	 * @param events what it produced (possibly nothing)
	 */
	record AppliedCommand(UUID commandId, UUID conversationId, List<Envelope<ChatEvent>> events) {
	}

	/** Events as stored: a JSON array of envelopes. */
	static final class EnvelopeListJson {

		private EnvelopeListJson() {
		}

		private static final EnvelopeCodec<ChatEvent> CODEC = EnvelopeCodec.of(ChatEvent.class);

		static String write(List<Envelope<ChatEvent>> events) {
			return FerryJson.mapper().writeValueAsString(events);
		}

		static List<Envelope<ChatEvent>> read(String json) {
			return FerryJson.mapper().readTree(json).valueStream().map(CODEC::read).toList();
		}

	}

}
