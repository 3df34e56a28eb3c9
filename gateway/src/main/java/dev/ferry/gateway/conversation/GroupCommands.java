package dev.ferry.gateway.conversation;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import dev.ferry.contracts.command.ChangeGroup;
import dev.ferry.contracts.command.CreateGroup;
import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.group.GroupAction;
import dev.ferry.contracts.group.GroupRole;
import dev.ferry.contracts.group.GroupRules;
import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.system.ChatException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Checks what a client asks of a group and puts it on Kafka. The persistence worker
 * decides who may change the group, in the group's order; a command it refuses comes back
 * to the actor's sockets as {@code message-rejected}. Here only the form is checked, and
 * that the actor is in the group, so that a stranger learns nothing of it.
 */
@Service
class GroupCommands {

	private final ChatReads reads;

	private final CommandPublisher publisher;

	private final GroupLimits limits;

	private final Clock clock;

	GroupCommands(ChatReads reads, CommandPublisher publisher, GroupLimits limits, Clock clock) {
		this.reads = reads;
		this.publisher = publisher;
		this.limits = limits;
		this.clock = clock;
	}

	/** Starts a group; the future completes with its id once Kafka has the command. */
	CompletableFuture<ConversationId> create(UserId actor, String title, List<String> memberIds, String history) {
		requireTitle(title);
		List<UserId> members = (memberIds != null)
				? memberIds.stream().map((id) -> new UserId(ChatCommands.uuid(id, "memberIds"))).toList() : List.of();
		if (new HashSet<>(members).size() < members.size() || members.contains(actor)) {
			throw ChatException.invalidField("memberIds must name each other member once, without the creator");
		}
		this.limits.create(actor);
		ConversationId group = ConversationId.newGroup();
		return publish(new CreateGroup(group, actor, title, members, history(history))).thenApply((sent) -> group);
	}

	CompletableFuture<Void> add(UserId actor, String groupId, String userId, String role) {
		return change(actor, groupId, GroupAction.ADD_MEMBER, user(userId), (role != null) ? role(role) : null, null);
	}

	CompletableFuture<Void> remove(UserId actor, String groupId, String userId) {
		return change(actor, groupId, GroupAction.REMOVE_MEMBER, user(userId), null, null);
	}

	CompletableFuture<Void> changeRole(UserId actor, String groupId, String userId, String role) {
		if (role == null) {
			throw ChatException.invalidField("role is required");
		}
		return change(actor, groupId, GroupAction.CHANGE_ROLE, user(userId), role(role), null);
	}

	CompletableFuture<Void> rename(UserId actor, String groupId, String title) {
		requireTitle(title);
		return change(actor, groupId, GroupAction.RENAME, null, null, title);
	}

	/**
	 * Publishes a change the actor asks of a group they are in. Leaving is never limited:
	 * anyone may always go. An owner's or admin's change takes the group's allowance and
	 * theirs; anyone else's only theirs, since the persistence worker refuses it, so a
	 * member cannot use up the group's allowance and hold its admins back.
	 */
	private CompletableFuture<Void> change(UserId actor, String groupId, GroupAction action, UserId user,
			GroupRole role, String title) {
		ConversationId group = group(groupId);
		GroupRole actorRole = this.reads.roleIn(group, actor).orElseThrow(GroupCommands::noSuchGroup);
		boolean leaving = action == GroupAction.REMOVE_MEMBER && actor.equals(user);
		if (actorRole.administers()) {
			this.limits.change(actor, group);
		}
		else if (!leaving) {
			this.limits.changeRefused(actor);
		}
		return publish(new ChangeGroup(group, actor, action, user, role, title));
	}

	/** The group, if the actor is in it now; else it does not exist for them. */
	ConversationId memberOf(UserId actor, String groupId) {
		ConversationId group = group(groupId);
		this.reads.roleIn(group, actor).orElseThrow(GroupCommands::noSuchGroup);
		return group;
	}

	private static ConversationId group(String groupId) {
		return new ConversationId(ChatCommands.uuid(groupId, "id"));
	}

	private static ChatException noSuchGroup() {
		return new ChatException(ErrorCode.NOT_FOUND, HttpStatus.NOT_FOUND, "No such group");
	}

	private CompletableFuture<Void> publish(InboundCommand command) {
		return this.publisher.publish(Envelope.of(command, this.clock.instant()));
	}

	private static UserId user(String id) {
		return new UserId(ChatCommands.uuid(id, "userId"));
	}

	private static void requireTitle(String title) {
		if (!GroupRules.isValidTitle(title)) {
			throw ChatException.invalidField("title must be 1-" + GroupRules.MAX_TITLE_CODE_POINTS
					+ " code points, not blank, without U+0000 or an unpaired surrogate");
		}
	}

	private static GroupRole role(String role) {
		try {
			return GroupRole.valueOf(role.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw ChatException.invalidField("role must be OWNER, ADMIN or MEMBER");
		}
	}

	private static HistoryVisibility history(String history) {
		if (history == null) {
			return HistoryVisibility.SINCE_JOIN;
		}
		try {
			return HistoryVisibility.valueOf(history.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw ChatException.invalidField("history must be SINCE_JOIN or ALL");
		}
	}

}
