package dev.ferry.persistence.write;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.group.GroupRole;
import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.persistence.write.NamedSql.ArrayValue;
import dev.ferry.schema.AttachmentRows;
import dev.ferry.schema.GroupChangeRows;
import org.jooq.DSLContext;

import org.springframework.stereotype.Repository;

/**
 * Everything one poll writes, in one statement: one round trip, atomic by itself (no
 * transaction around it), each kind of change a data-modifying CTE over arrays. The
 * statement ends by checking that nothing it relies on changed since the poll's read (see
 * {@code ferry_require}, migration V14): a conversation created or its sequence moved by
 * another writer (a consumer that lost its partition and still writes), an upload purged.
 * Then it fails whole, with SQLSTATE 40001, and the poll is applied again from a fresh
 * read.
 * <p>
 * The sub-statements of one statement all see the rows as they were before it: so a
 * receipt never raises a message this poll inserts or edits (the batch wrote their status
 * into those rows already), two changes never touch one row, and new conversations are
 * inserted with their final sequence and their members with their final marks.
 */
@Repository
class PollWrites {

	private static final NamedSql WRITE = new NamedSql(
			"""
					with
					new_conversations as (
					    insert into conversations (id, kind, title, history, last_seq, created_at, last_activity_at)
					    select id, kind, title, history, last_seq, :now, :now
					    from unnest(:conversation_ids, :conversation_kinds, :conversation_titles, :conversation_histories,
					        :conversation_last_seqs) as c (id, kind, title, history, last_seq)
					    on conflict do nothing
					    returning 1),
					new_members as (
					    insert into conversation_members (conversation_id, user_id, delivered_up_to_seq, read_up_to_seq,
					        delivered_changed_seq, read_changed_seq, role, joined_at_seq, left_at_seq)
					    select * from unnest(:member_conversations, :member_users, :member_delivered_up_to, :member_read_up_to,
					        :member_delivered_changed, :member_read_changed, :member_roles, :member_joined_at, :member_left_at)
					    on conflict do nothing
					    returning 1),
					-- Members a group gained, lost or gave another role; one added again starts a new
					-- time in the group on the row of their earlier one. Their marks, if the poll moved
					-- them, are written here too (marks only move up: 0 leaves them), not by "marked":
					-- two sub-statements must not touch one row.
					group_members as (
					    insert into conversation_members (conversation_id, user_id, role, joined_at_seq, left_at_seq,
					        delivered_up_to_seq, read_up_to_seq, delivered_changed_seq, read_changed_seq)
					    select * from unnest(:group_conversations, :group_users, :group_roles, :group_joined_at, :group_left_at,
					        :group_delivered_up_to, :group_read_up_to, :group_delivered_changed, :group_read_changed)
					    on conflict (conversation_id, user_id) do update
					    set role = excluded.role, joined_at_seq = excluded.joined_at_seq, left_at_seq = excluded.left_at_seq,
					        delivered_up_to_seq = greatest(conversation_members.delivered_up_to_seq, excluded.delivered_up_to_seq),
					        read_up_to_seq = greatest(conversation_members.read_up_to_seq, excluded.read_up_to_seq),
					        delivered_changed_seq = greatest(conversation_members.delivered_changed_seq,
					            excluded.delivered_changed_seq),
					        read_changed_seq = greatest(conversation_members.read_changed_seq, excluded.read_changed_seq)
					    returning 1),
					new_messages as (
					    insert into messages (id, conversation_id, seq, last_change_seq, sender_id, receiver_id, client_msg_id,
					        content, status, has_attachments, created_at, updated_at, edited_at, deleted_at)
					    select * from unnest(:message_ids, :message_conversations, :message_seqs, :message_change_seqs,
					        :message_senders, :message_receivers, :message_temp_ids, :message_contents, :message_statuses,
					        :message_with_attachments, :message_created_at::timestamptz[], :message_updated_at::timestamptz[],
					        :message_edited_at::timestamptz[], :message_deleted_at::timestamptz[])
					    returning 1),
					attached as (
					    update message_attachments a
					    set state = c.state, message_id = c.message_id, ordinal = c.ordinal, expires_at = null,
					        orphaned_at = c.orphaned_at
					    from unnest(:claim_ids, :claim_messages, :claim_ordinals::smallint[], :claim_states,
					        :claim_orphaned_at::timestamptz[]) as c (id, message_id, ordinal, state, orphaned_at)
					    where a.id = c.id and a.state = 'PENDING' and a.expires_at > :now
					    returning 1),
					orphaned as (
					    update message_attachments
					    set state = 'ORPHANED', orphaned_at = :now
					    where message_id = any(:orphaned_messages) and state = 'ATTACHED'
					    returning 1),
					changed_messages as (
					    update messages m
					    set content = c.content, status = c.status, edited_at = c.edited_at, deleted_at = c.deleted_at,
					        updated_at = greatest(m.updated_at, c.updated_at),
					        last_change_seq = greatest(m.last_change_seq, c.last_change_seq)
					    from unnest(:changed_ids, :changed_contents, :changed_statuses, :changed_edited_at::timestamptz[],
					        :changed_deleted_at::timestamptz[], :changed_updated_at::timestamptz[], :changed_change_seqs)
					        as c (id, content, status, edited_at, deleted_at, updated_at, last_change_seq)
					    where m.id = c.id
					    returning 1),
					receipts as (
					    select * from unnest(:receipt_conversations, :receipt_senders, :receipt_from, :receipt_up_to,
					        :receipt_statuses, :receipt_seqs) as r (conversation_id, sender_id, from_seq, up_to, status, seq)),
					-- Applied one after another, receipts leave each message at the highest status one of
					-- them reached, changed at the seq of the first that reached it: that receipt alone
					-- raises it here. Each receipt reads only the messages after the reader's previous
					-- mark (those before it have its status already), through the conversation's seq
					-- index: the lateral subquery, kept whole by offset 0, is run per receipt, so the
					-- planner cannot scan the table once for all receipts and join, which it chose
					-- while its statistics were older than the rows (4.8 s for 183 receipts).
					raised as (
					    update messages m
					    set status = x.status, last_change_seq = greatest(m.last_change_seq, x.seq),
					        updated_at = greatest(m.updated_at, :now)
					    from (
					        select covered.id, r.status, r.seq
					        from receipts r
					        cross join lateral (
					            select t.id, t.seq from messages t
					            where t.conversation_id = r.conversation_id and t.seq > r.from_seq and t.seq <= r.up_to
					              and t.sender_id = r.sender_id and t.deleted_at is null and t.id <> all(:changed_ids)
					              and (t.status = 'SENT' or (t.status = 'DELIVERED' and r.status = 'READ'))
					            offset 0) covered
					        where not exists (
					            select from receipts better
					            where better.conversation_id = r.conversation_id and better.sender_id = r.sender_id
					              and better.up_to >= covered.seq
					              and ((better.status = 'READ' and r.status = 'DELIVERED')
					                   or (better.status = r.status and better.seq < r.seq)))) x
					    where m.id = x.id
					    returning 1),
					marked as (
					    update conversation_members cm
					    set delivered_up_to_seq = k.delivered_up_to, read_up_to_seq = k.read_up_to,
					        delivered_changed_seq = k.delivered_changed, read_changed_seq = k.read_changed
					    from unnest(:mark_conversations, :mark_users, :mark_delivered_up_to, :mark_read_up_to,
					        :mark_delivered_changed, :mark_read_changed)
					        as k (conversation_id, user_id, delivered_up_to, read_up_to, delivered_changed, read_changed)
					    where cm.conversation_id = k.conversation_id and cm.user_id = k.user_id
					    returning 1),
					moved as (
					    update conversations c
					    set last_seq = s.to_seq, last_activity_at = :now, title = coalesce(s.title, c.title)
					    from unnest(:sequence_conversations, :sequence_from, :sequence_to, :sequence_titles)
					        as s (id, from_seq, to_seq, title)
					    where c.id = s.id and c.last_seq = s.from_seq
					    returning 1),
					applied as (
					    insert into processed_commands (command_id, conversation_id, events)
					    select * from unnest(:applied_ids, :applied_conversations, :applied_events)
					    returning 1),
					group_changed as (
					    insert into group_changes (conversation_id, seq, event)
					    select * from unnest(:change_conversations, :change_seqs, :change_events)
					    returning 1)
					select ferry_require((select count(*) from new_conversations) = :created_count
					        and (select count(*) from moved) = :moved_count
					        and (select count(*) from attached) = :attached_count,
					    'Another writer changed what this poll read: it created a conversation, moved a sequence or took an upload')
					""");

	private final DSLContext dsl;

	PollWrites(DSLContext dsl) {
		this.dsl = dsl;
	}

	/**
	 * Writes what the batch changed.
	 * @param newConversations the direct conversations the batch starts, with their
	 * members
	 */
	void write(CommandBatch batch, Map<ConversationId, Set<UserId>> newConversations, Instant now) {
		Map<String, Object> values = new HashMap<>();
		values.put("now", now.atOffset(ZoneOffset.UTC));

		Map<ConversationId, GroupView> newGroups = new LinkedHashMap<>();
		batch.newGroups().forEach((group) -> newGroups.put(group.id(), group));
		List<ConversationId> created = new ArrayList<>(newConversations.keySet());
		created.addAll(newGroups.keySet());
		Map<ConversationId, SequenceChange> sequences = batch.changedSequences();
		values.put("conversation_ids", uuids(created, ConversationId::value));
		values.put("conversation_kinds", texts(created, (id) -> newGroups.containsKey(id) ? "GROUP" : "DIRECT"));
		values.put("conversation_titles",
				texts(created, (id) -> newGroups.containsKey(id) ? newGroups.get(id).title() : null));
		// A direct conversation's setting means nothing; the column's default keeps it.
		values.put("conversation_histories", texts(created, (id) -> newGroups.containsKey(id)
				? newGroups.get(id).history().name() : HistoryVisibility.SINCE_JOIN.name()));
		values.put("conversation_last_seqs",
				longs(created, (id) -> sequences.containsKey(id) ? sequences.get(id).to() : 0L));
		values.put("created_count", (long) created.size());

		Map<Member, Marks> changedMarks = batch.changedMarks();
		Map<Member, Membership> memberships = new LinkedHashMap<>();
		newConversations.forEach((id, users) -> users
			.forEach((user) -> memberships.put(new Member(id, user), new Membership(GroupRole.MEMBER, 0, null))));
		newGroups.values()
			.forEach((group) -> group.changedMemberships()
				.forEach((user, membership) -> memberships.put(new Member(group.id(), user), membership)));
		List<Member> newMembers = List.copyOf(memberships.keySet());
		Function<Member, Marks> finalMarks = (member) -> changedMarks.getOrDefault(member, Marks.NONE);
		values.put("member_conversations", uuids(newMembers, (member) -> member.conversationId().value()));
		values.put("member_users", uuids(newMembers, (member) -> member.userId().value()));
		values.put("member_delivered_up_to",
				longs(newMembers, (member) -> finalMarks.apply(member).deliveredUpToSeq()));
		values.put("member_read_up_to", longs(newMembers, (member) -> finalMarks.apply(member).readUpToSeq()));
		values.put("member_delivered_changed",
				longs(newMembers, (member) -> finalMarks.apply(member).deliveredChangedSeq()));
		values.put("member_read_changed", longs(newMembers, (member) -> finalMarks.apply(member).readChangedSeq()));
		values.put("member_roles", texts(newMembers, (member) -> memberships.get(member).role().name()));
		values.put("member_joined_at", longs(newMembers, (member) -> memberships.get(member).joinedAtSeq()));
		values.put("member_left_at", longs(newMembers, (member) -> memberships.get(member).leftAtSeq()));

		List<GroupView> changedGroups = batch.changedGroups();
		List<Map.Entry<Member, Membership>> groupMembers = changedGroups.stream()
			.flatMap((group) -> group.changedMemberships()
				.entrySet()
				.stream()
				.map((row) -> Map.entry(new Member(group.id(), row.getKey()), row.getValue())))
			.toList();
		values.put("group_conversations", uuids(groupMembers, (row) -> row.getKey().conversationId().value()));
		values.put("group_users", uuids(groupMembers, (row) -> row.getKey().userId().value()));
		values.put("group_roles", texts(groupMembers, (row) -> row.getValue().role().name()));
		values.put("group_joined_at", longs(groupMembers, (row) -> row.getValue().joinedAtSeq()));
		values.put("group_left_at", longs(groupMembers, (row) -> row.getValue().leftAtSeq()));
		Function<Map.Entry<Member, Membership>, Marks> groupMarks = (row) -> changedMarks.getOrDefault(row.getKey(),
				Marks.NONE);
		values.put("group_delivered_up_to", longs(groupMembers, (row) -> groupMarks.apply(row).deliveredUpToSeq()));
		values.put("group_read_up_to", longs(groupMembers, (row) -> groupMarks.apply(row).readUpToSeq()));
		values.put("group_delivered_changed",
				longs(groupMembers, (row) -> groupMarks.apply(row).deliveredChangedSeq()));
		values.put("group_read_changed", longs(groupMembers, (row) -> groupMarks.apply(row).readChangedSeq()));
		Set<Member> writtenWithTheirGroup = new HashSet<>();
		groupMembers.forEach((row) -> writtenWithTheirGroup.add(row.getKey()));

		List<ChatMessage> messages = batch.newMessages();
		values.put("message_ids", uuids(messages, (message) -> message.id().value()));
		values.put("message_conversations", uuids(messages, (message) -> message.conversationId().value()));
		values.put("message_seqs", longs(messages, ChatMessage::seq));
		values.put("message_change_seqs", longs(messages, ChatMessage::lastChangeSeq));
		values.put("message_senders", uuids(messages, (message) -> message.senderId().value()));
		values.put("message_receivers",
				uuids(messages, (message) -> (message.receiverId() != null) ? message.receiverId().value() : null));
		values.put("message_temp_ids", texts(messages, ChatMessage::tempId));
		values.put("message_contents", texts(messages, ChatMessage::content));
		values.put("message_statuses", texts(messages, (message) -> message.status().name()));
		values.put("message_with_attachments",
				new ArrayValue("bool", messages.stream().map(ChatMessage::hasAttachments).toArray(Boolean[]::new)));
		values.put("message_created_at", times(messages, ChatMessage::createdAt));
		values.put("message_updated_at", times(messages, ChatMessage::updatedAt));
		values.put("message_edited_at", times(messages, ChatMessage::editedAt));
		values.put("message_deleted_at", times(messages, PollWrites::deletedAt));

		List<Claim> claims = batch.claims();
		Set<?> orphaning = Set.copyOf(batch.orphaning());
		values.put("claim_ids", uuids(claims, (claim) -> claim.attachmentId().value()));
		values.put("claim_messages", uuids(claims, (claim) -> claim.messageId().value()));
		values.put("claim_ordinals",
				new ArrayValue("int4", claims.stream().map((claim) -> (int) claim.ordinal()).toArray(Integer[]::new)));
		// A message deleted in the poll that sent it orphans its files at once.
		values.put("claim_states", texts(claims,
				(claim) -> orphaning.contains(claim.messageId()) ? Upload.ORPHANED : AttachmentRows.ATTACHED));
		values.put("claim_orphaned_at", times(claims, (claim) -> orphaning.contains(claim.messageId()) ? now : null));
		values.put("attached_count", (long) claims.size());
		values.put("orphaned_messages", uuids(batch.orphaning(), (id) -> id.value()));

		List<ChatMessage> changed = batch.changedMessages();
		values.put("changed_ids", uuids(changed, (message) -> message.id().value()));
		values.put("changed_contents", texts(changed, ChatMessage::content));
		values.put("changed_statuses", texts(changed, (message) -> message.status().name()));
		values.put("changed_edited_at", times(changed, ChatMessage::editedAt));
		values.put("changed_deleted_at", times(changed, PollWrites::deletedAt));
		values.put("changed_updated_at", times(changed, ChatMessage::updatedAt));
		values.put("changed_change_seqs", longs(changed, ChatMessage::lastChangeSeq));

		List<Receipt> receipts = batch.receipts();
		values.put("receipt_conversations", uuids(receipts, (receipt) -> receipt.conversationId().value()));
		values.put("receipt_senders", uuids(receipts, (receipt) -> receipt.senderId().value()));
		values.put("receipt_from", longs(receipts, Receipt::fromSeq));
		values.put("receipt_up_to", longs(receipts, Receipt::upToSeq));
		values.put("receipt_statuses", texts(receipts, (receipt) -> receipt.status().name()));
		values.put("receipt_seqs", longs(receipts, Receipt::seq));

		List<Map.Entry<Member, Marks>> marks = changedMarks.entrySet()
			.stream()
			.filter((mark) -> !newConversations.containsKey(mark.getKey().conversationId()))
			.filter((mark) -> !writtenWithTheirGroup.contains(mark.getKey()))
			.toList();
		values.put("mark_conversations", uuids(marks, (mark) -> mark.getKey().conversationId().value()));
		values.put("mark_users", uuids(marks, (mark) -> mark.getKey().userId().value()));
		values.put("mark_delivered_up_to", longs(marks, (mark) -> mark.getValue().deliveredUpToSeq()));
		values.put("mark_read_up_to", longs(marks, (mark) -> mark.getValue().readUpToSeq()));
		values.put("mark_delivered_changed", longs(marks, (mark) -> mark.getValue().deliveredChangedSeq()));
		values.put("mark_read_changed", longs(marks, (mark) -> mark.getValue().readChangedSeq()));

		Map<ConversationId, String> renamed = new HashMap<>();
		changedGroups.stream().filter(GroupView::renamed).forEach((group) -> renamed.put(group.id(), group.title()));
		List<Map.Entry<ConversationId, SequenceChange>> moves = sequences.entrySet()
			.stream()
			.filter((move) -> !newConversations.containsKey(move.getKey()) && !newGroups.containsKey(move.getKey()))
			.toList();
		values.put("sequence_conversations", uuids(moves, (move) -> move.getKey().value()));
		values.put("sequence_from", longs(moves, (move) -> move.getValue().from()));
		values.put("sequence_to", longs(moves, (move) -> move.getValue().to()));
		values.put("sequence_titles", texts(moves, (move) -> renamed.get(move.getKey())));
		values.put("moved_count", (long) moves.size());

		List<AppliedCommand> applied = batch.appliedCommands();
		values.put("applied_ids", uuids(applied, AppliedCommand::commandId));
		values.put("applied_conversations", uuids(applied, AppliedCommand::conversationId));
		values.put("applied_events", texts(applied, (command) -> EnvelopeListJson.write(command.events())));

		List<Envelope<ChatEvent>> groupChanges = batch.groupChanges();
		values.put("change_conversations", uuids(groupChanges, (change) -> change.payload().conversationId().value()));
		values.put("change_seqs", longs(groupChanges, (change) -> ((GroupChanged) change.payload()).seq()));
		values.put("change_events", texts(groupChanges, GroupChangeRows::event));

		this.dsl.connection((connection) -> {
			try (PreparedStatement statement = WRITE.prepare(connection, values);
					ResultSet result = statement.executeQuery()) {
				result.next();
			}
		});
	}

	private static Instant deletedAt(ChatMessage message) {
		return message.deleted() ? message.updatedAt() : null;
	}

	private static <T> ArrayValue uuids(List<T> rows, Function<T, UUID> column) {
		return new ArrayValue("uuid", rows.stream().map(column).toArray(UUID[]::new));
	}

	private static <T> ArrayValue longs(List<T> rows, Function<T, Long> column) {
		return new ArrayValue("int8", rows.stream().map(column).toArray(Long[]::new));
	}

	private static <T> ArrayValue texts(List<T> rows, Function<T, String> column) {
		return new ArrayValue("text", rows.stream().map(column).toArray(String[]::new));
	}

	/** Times as ISO-8601 text, cast to {@code timestamptz[]} in the statement. */
	private static <T> ArrayValue times(List<T> rows, Function<T, Instant> column) {
		return new ArrayValue("text",
				rows.stream()
					.map(column)
					.map((time) -> (time != null) ? time.toString() : null)
					.toArray(String[]::new));
	}

}
