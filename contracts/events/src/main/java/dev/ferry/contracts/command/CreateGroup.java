package dev.ferry.contracts.command;

import java.util.Arrays;
import java.util.List;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.event.MessageRejected;
import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;

/**
 * Start a group, its creator its owner and the others its members.
 *
 * @param conversationId the group's id, a time-ordered UUID the gateway proposes
 * @param actorId the creator
 * @param title the title
 * @param memberIds the other members, without the creator
 * @param history which messages a member reads
 */
public record CreateGroup(ConversationId conversationId, UserId actorId, String title, List<UserId> memberIds,
		HistoryVisibility history) implements InboundCommand {

	public CreateGroup {
		memberIds = List.copyOf(memberIds);
	}

	@Override
	public List<String> clientTexts() {
		return Arrays.asList(this.title);
	}

	@Override
	public MessageRejected rejected(ErrorCode code, String reason) {
		return new MessageRejected(this.conversationId, this.actorId, null, null, code.code(), reason);
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.createGroup(this);
	}

}
