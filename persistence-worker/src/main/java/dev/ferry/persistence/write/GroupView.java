package dev.ferry.persistence.write;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.ferry.contracts.command.ChangeGroup;
import dev.ferry.contracts.command.CreateGroup;
import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.group.GroupChange;
import dev.ferry.contracts.group.GroupMember;
import dev.ferry.contracts.group.GroupRole;
import dev.ferry.contracts.group.GroupRules;
import dev.ferry.contracts.group.GroupSummary;
import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.group.MemberMarks;
import dev.ferry.contracts.group.ReceiptCounts;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.ChatMessage;

/**
 * One group while a batch is applied: who may change what, and the changes. Nothing here
 * takes a seq or talks to the database; the {@link CommandBatch} does.
 */
final class GroupView {

	private final ConversationId id;

	private String title;

	private final HistoryVisibility history;

	private final Instant createdAt;

	private final Map<UserId, Membership> memberships;

	private final Set<UserId> changed = new HashSet<>();

	private boolean renamed;

	GroupView(ConversationId id, StoredGroup stored) {
		this.id = id;
		this.title = stored.title();
		this.history = stored.history();
		this.createdAt = stored.createdAt();
		this.memberships = new LinkedHashMap<>(stored.memberships());
	}

	/**
	 * Why a group cannot be created, or {@code null} if it can.
	 * @param existingUsers the users the batch found
	 * @param maxMembers the most members a group has, its creator included
	 */
	static ErrorCode createProblem(CreateGroup create, Set<UserId> existingUsers, int maxMembers) {
		if (!GroupRules.isValidTitle(create.title())
				|| create.memberIds().stream().distinct().count() < create.memberIds().size()
				|| create.memberIds().contains(create.actorId())) {
			return ErrorCode.INVALID_FIELD;
		}
		if (create.memberIds().size() + 1 > maxMembers) {
			return ErrorCode.GROUP_FULL;
		}
		if (!existingUsers.contains(create.actorId()) || !existingUsers.containsAll(create.memberIds())) {
			return ErrorCode.UNKNOWN_RECEIVER;
		}
		return null;
	}

	/** A new group, created at {@code seq}: its creator owns it. */
	static GroupView create(CreateGroup create, long seq, Instant now) {
		Map<UserId, Membership> members = new LinkedHashMap<>();
		members.put(create.actorId(), new Membership(GroupRole.OWNER, seq, null));
		create.memberIds().forEach((member) -> members.put(member, new Membership(GroupRole.MEMBER, seq, null)));
		GroupView group = new GroupView(create.conversationId(), new StoredGroup(create.title(),
				(create.history() != null) ? create.history() : HistoryVisibility.SINCE_JOIN, now, members));
		group.changed.addAll(members.keySet());
		return group;
	}

	/** Whether the user is in the group now. */
	boolean isMember(UserId user) {
		Membership membership = this.memberships.get(user);
		return membership != null && membership.active();
	}

	/** Whether the user, in the group now, reads the message at {@code seq}. */
	boolean reads(UserId user, long seq) {
		return isMember(user) && seq > this.history.readsAfter(this.memberships.get(user).joinedAtSeq());
	}

	/**
	 * Whether the user reads the message, now or as a former member: after they joined
	 * (or all, where the group shows its whole history), and, once they left, only a
	 * message from their time that has not changed since.
	 */
	boolean readBy(UserId user, ChatMessage message) {
		Membership membership = this.memberships.get(user);
		if (membership == null || message.seq() <= this.history.readsAfter(membership.joinedAtSeq())) {
			return false;
		}
		return membership.active()
				|| (message.seq() <= membership.leftAtSeq() && message.lastChangeSeq() <= membership.leftAtSeq());
	}

	/**
	 * How many of the members who read the message (its sender excluded) received and
	 * read it, by their marks.
	 */
	ReceiptCounts counts(ChatMessage message, Function<UserId, Marks> marks) {
		List<MemberMarks> members = new ArrayList<>();
		this.memberships.forEach((member, membership) -> {
			if (membership.active()) {
				Marks mark = (marks.apply(member) != null) ? marks.apply(member) : Marks.NONE;
				members.add(
						new MemberMarks(member, membership.joinedAtSeq(), mark.deliveredUpToSeq(), mark.readUpToSeq()));
			}
		});
		return ReceiptCounts.of(message.seq(), message.senderId(), this.history, members);
	}

	/**
	 * Why a change is refused, or {@code null} if it is allowed (it may still change
	 * nothing: see {@link #changes}).
	 */
	ErrorCode problem(ChangeGroup change, Set<UserId> existingUsers, int maxMembers) {
		Membership actor = this.memberships.get(change.actorId());
		if (actor == null || !actor.active()) {
			return ErrorCode.NOT_FOUND;
		}
		if (change.action() == null) {
			return ErrorCode.INVALID_FIELD;
		}
		return switch (change.action()) {
			case RENAME -> !actor.role().administers() ? ErrorCode.FORBIDDEN
					: !GroupRules.isValidTitle(change.title()) ? ErrorCode.INVALID_FIELD : null;
			case ADD_MEMBER -> addProblem(actor, change, existingUsers, maxMembers);
			case REMOVE_MEMBER -> removeProblem(actor, change);
			case CHANGE_ROLE -> roleProblem(actor, change);
		};
	}

	private ErrorCode addProblem(Membership actor, ChangeGroup change, Set<UserId> existingUsers, int maxMembers) {
		if (change.userId() == null) {
			return ErrorCode.INVALID_FIELD;
		}
		if (!actor.role().administers() || (roleOf(change) != GroupRole.MEMBER && actor.role() != GroupRole.OWNER)) {
			return ErrorCode.FORBIDDEN;
		}
		if (!existingUsers.contains(change.userId())) {
			return ErrorCode.UNKNOWN_RECEIVER;
		}
		if (!isMember(change.userId()) && activeCount() + 1 > maxMembers) {
			return ErrorCode.GROUP_FULL;
		}
		return null;
	}

	private ErrorCode removeProblem(Membership actor, ChangeGroup change) {
		if (change.userId() == null) {
			return ErrorCode.INVALID_FIELD;
		}
		if (!isMember(change.userId())) {
			return ErrorCode.NOT_FOUND;
		}
		GroupRole targetRole = this.memberships.get(change.userId()).role();
		if (change.userId().equals(change.actorId())) {
			// Someone must own the group: its last owner hands it over first.
			return (targetRole == GroupRole.OWNER && ownerCount() == 1) ? ErrorCode.FORBIDDEN : null;
		}
		if (!actor.role().administers() || (targetRole != GroupRole.MEMBER && actor.role() != GroupRole.OWNER)) {
			return ErrorCode.FORBIDDEN;
		}
		return null;
	}

	private ErrorCode roleProblem(Membership actor, ChangeGroup change) {
		if (change.userId() == null || change.role() == null) {
			return ErrorCode.INVALID_FIELD;
		}
		if (actor.role() != GroupRole.OWNER) {
			return ErrorCode.FORBIDDEN;
		}
		if (!isMember(change.userId())) {
			return ErrorCode.NOT_FOUND;
		}
		boolean lastOwnerStepsDown = this.memberships.get(change.userId()).role() == GroupRole.OWNER
				&& change.role() != GroupRole.OWNER && ownerCount() == 1;
		return lastOwnerStepsDown ? ErrorCode.FORBIDDEN : null;
	}

	/**
	 * Whether an allowed change changes anything: adding a member, giving a role a member
	 * has or a title the group has changes nothing, and takes no seq.
	 */
	boolean changes(ChangeGroup change) {
		return switch (change.action()) {
			case RENAME -> !change.title().equals(this.title);
			case ADD_MEMBER -> !isMember(change.userId());
			case REMOVE_MEMBER -> true;
			case CHANGE_ROLE -> this.memberships.get(change.userId()).role() != change.role();
		};
	}

	/**
	 * Applies an allowed change at {@code seq}: its event names the member it concerns,
	 * as the change left them (a member removed or leaving, as they were until then).
	 */
	GroupChanged apply(ChangeGroup change, long seq) {
		UserId user = change.userId();
		Membership before = (user != null) ? this.memberships.get(user) : null;
		GroupChange what = switch (change.action()) {
			case RENAME -> {
				this.title = change.title();
				this.renamed = true;
				yield GroupChange.RENAMED;
			}
			case ADD_MEMBER -> {
				this.memberships.put(user, new Membership(roleOf(change), seq, null));
				yield GroupChange.MEMBER_ADDED;
			}
			case REMOVE_MEMBER -> {
				this.memberships.put(user, new Membership(before.role(), before.joinedAtSeq(), seq));
				yield user.equals(change.actorId()) ? GroupChange.MEMBER_LEFT : GroupChange.MEMBER_REMOVED;
			}
			case CHANGE_ROLE -> {
				this.memberships.put(user, new Membership(change.role(), before.joinedAtSeq(), null));
				yield GroupChange.ROLE_CHANGED;
			}
		};
		List<GroupMember> concerned = List.of();
		if (user != null) {
			this.changed.add(user);
			Membership after = this.memberships.get(user);
			concerned = List.of(new GroupMember(user, after.role(), after.joinedAtSeq()));
		}
		return new GroupChanged(this.id, seq, change.actorId(), what, user, concerned, summary(seq));
	}

	/** The event of this group's creation at {@code seq}, with its every member. */
	GroupChanged created(UserId creator, long seq) {
		List<GroupMember> members = this.memberships.entrySet()
			.stream()
			.map((entry) -> new GroupMember(entry.getKey(), entry.getValue().role(), entry.getValue().joinedAtSeq()))
			.toList();
		return new GroupChanged(this.id, seq, creator, GroupChange.CREATED, null, members, summary(seq));
	}

	/** The group as it is, changed at {@code seq}, without its members. */
	private GroupSummary summary(long seq) {
		return new GroupSummary(this.title, this.history, this.createdAt, seq);
	}

	private static GroupRole roleOf(ChangeGroup add) {
		return (add.role() != null) ? add.role() : GroupRole.MEMBER;
	}

	private long activeCount() {
		return this.memberships.values().stream().filter(Membership::active).count();
	}

	private long ownerCount() {
		return this.memberships.values()
			.stream()
			.filter((membership) -> membership.active() && membership.role() == GroupRole.OWNER)
			.count();
	}

	ConversationId id() {
		return this.id;
	}

	String title() {
		return this.title;
	}

	HistoryVisibility history() {
		return this.history;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	/** Whether a rename changed the title this batch read. */
	boolean renamed() {
		return this.renamed;
	}

	/** The rows this batch changed or made, by user. */
	Map<UserId, Membership> changedMemberships() {
		Map<UserId, Membership> rows = new LinkedHashMap<>();
		this.changed.forEach((user) -> rows.put(user, this.memberships.get(user)));
		return rows;
	}

}
