package dev.ferry.contracts.json;

import dev.ferry.contracts.command.InboundCommand;

/**
 * Deserializer of {@code chat.inbound.v1} values, configurable by class name.
 */
public class InboundCommandDeserializer extends EnvelopeDeserializer<InboundCommand> {

	public InboundCommandDeserializer() {
		super(InboundCommand.class);
	}

}
