package dev.ferry.contracts.command;

import java.util.Arrays;
import java.util.List;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.event.MessageRejected;
import dev.ferry.contracts.group.GroupAction;
import dev.ferry.contracts.group.GroupRole;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;

/**
 * Change a group: its members, a member's role, or its title.
 *
 * @param conversationId the group
 * @param actorId who asks
 * @param action what is asked
 * @param userId the member added, removed or given a role; {@code null} for a rename
 * @param role the role of a member added or changed; {@code null} otherwise
 * @param title the new title of a rename; {@code null} otherwise
 */
public record ChangeGroup(ConversationId conversationId, UserId actorId, GroupAction action, UserId userId,
		GroupRole role, String title) implements InboundCommand {

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
		return visitor.changeGroup(this);
	}

}
