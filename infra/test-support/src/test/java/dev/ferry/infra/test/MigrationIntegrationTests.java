package dev.ferry.infra.test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.ferry.infra.embedded.SchemaMigrator;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.ferry.schema.jooq.Tables.CONVERSATIONS;
import static dev.ferry.schema.jooq.Tables.CONVERSATION_MEMBERS;
import static dev.ferry.schema.jooq.Tables.MESSAGES;
import static dev.ferry.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The migrations applied to real PostgreSQL give the tables the generated jOOQ classes
 * describe, and the constraints that keep messages unique and ordered hold.
 */
@FerryIntegrationTest
class MigrationIntegrationTests {

	private final DSLContext dsl;

	private final FerryInfrastructure infrastructure;

	private final UUID alice = UUID.randomUUID();

	private final UUID bob = UUID.randomUUID();

	private final UUID conversation = UUID.randomUUID();

	MigrationIntegrationTests(FerryInfrastructure infrastructure) {
		this.infrastructure = infrastructure;
		this.dsl = DSL.using(infrastructure.dataSource(), SQLDialect.POSTGRES);
	}

	@BeforeEach
	void seed() {
		this.infrastructure.truncateTables();
		user(this.alice, "alice@example.com");
		user(this.bob, "bob@example.com");
		this.dsl.insertInto(CONVERSATIONS)
			.set(CONVERSATIONS.ID, this.conversation)
			.set(CONVERSATIONS.KIND, "DIRECT")
			.execute();
		for (UUID member : new UUID[] { this.alice, this.bob }) {
			this.dsl.insertInto(CONVERSATION_MEMBERS)
				.set(CONVERSATION_MEMBERS.CONVERSATION_ID, this.conversation)
				.set(CONVERSATION_MEMBERS.USER_ID, member)
				.execute();
		}
	}

	@Test
	void migratingAgainChangesNothing() {
		int applied = SchemaMigrator.migrate(this.infrastructure.jdbcUrl(), this.infrastructure.jdbcUsername(),
				this.infrastructure.jdbcPassword());

		assertThat(applied).isZero();
		assertThat(this.dsl.fetchCount(DSL.table("flyway_schema_history"), DSL.field("success").isTrue()))
			.isEqualTo(20);
	}

	@Test
	void storesAndReadsAMessageThroughTheGeneratedClasses() {
		UUID id = message(1, "t-1");

		var row = this.dsl.selectFrom(MESSAGES).where(MESSAGES.ID.eq(id)).fetchSingle();

		assertThat(row.getContent()).isEqualTo("hello 👋");
		assertThat(row.getSeq()).isEqualTo(1);
		assertThat(row.getStatus()).isEqualTo("SENT");
		assertThat(row.getHasAttachments()).isFalse();
	}

	@Test
	void aSenderCannotReuseAClientMessageId() {
		message(1, "t-1");

		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> message(2, "t-1"))
			.withMessageContaining("messages_sender_client_msg_uk");
	}

	@Test
	void twoMessagesCannotShareAConversationSeq() {
		message(1, "t-1");

		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> message(1, "t-2"))
			.withMessageContaining("messages_conversation_seq_uk");
	}

	@Test
	void aReadMarkCannotPassTheDeliveredMark() {
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.dsl.update(CONVERSATION_MEMBERS)
				.set(CONVERSATION_MEMBERS.READ_UP_TO_SEQ, 5L)
				.where(CONVERSATION_MEMBERS.USER_ID.eq(this.bob))
				.execute())
			.withMessageContaining("conversation_members_read_implies_delivered_ck");
	}

	@Test
	void emailsAreUniqueAndLowerCase() {
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> user(UUID.randomUUID(), "alice@example.com"))
			.withMessageContaining("users_email_uk");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> user(UUID.randomUUID(), "Carol@example.com"))
			.withMessageContaining("users_email_lower_ck");
	}

	@Test
	void historyAndResumeReadsUseIndexes() {
		List<String> indexes = this.dsl.fetch("select indexname from pg_indexes where tablename = 'messages'")
			.getValues(0, String.class);

		assertThat(indexes).contains("messages_conversation_seq_uk", "messages_conversation_change_ix",
				"messages_sender_client_msg_uk");
	}

	/**
	 * Migrations V8, V9, V10 and V13: each service's role may do what its code does, and
	 * nothing else.
	 */
	@Test
	void eachServiceRoleHasOnlyTheRightsItsServiceNeeds() {
		assertThat(privileges("ferry_gateway")).containsExactlyInAnyOrder("conversation_members SELECT",
				"conversations SELECT", "gateway_nodes DELETE", "gateway_nodes INSERT", "gateway_nodes SELECT",
				"gateway_nodes UPDATE", "group_changes SELECT", "message_attachments DELETE",
				"message_attachments INSERT", "message_attachments SELECT", "message_attachments UPDATE",
				"messages SELECT", "spring_session DELETE", "spring_session INSERT", "spring_session SELECT",
				"spring_session UPDATE", "spring_session_attributes DELETE", "spring_session_attributes INSERT",
				"spring_session_attributes SELECT", "spring_session_attributes UPDATE", "users INSERT", "users SELECT",
				"users UPDATE");
		assertThat(privileges("ferry_persistence")).containsExactlyInAnyOrder("conversation_members INSERT",
				"conversation_members SELECT", "conversation_members UPDATE", "conversations INSERT",
				"conversations SELECT", "conversations UPDATE", "group_changes INSERT", "group_changes SELECT",
				"message_attachments SELECT", "message_attachments UPDATE", "messages INSERT", "messages SELECT",
				"messages UPDATE", "processed_commands INSERT", "processed_commands SELECT", "users SELECT");
	}

	private List<String> privileges(String role) {
		return this.dsl
			.fetch("select c.relname || ' ' || p.privilege from pg_class c"
					+ " cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) as p(privilege)"
					+ " where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace"
					+ " and has_table_privilege(?, c.oid, p.privilege) order by 1", role)
			.getValues(0, String.class);
	}

	private void user(UUID id, String email) {
		this.dsl.insertInto(USERS)
			.set(USERS.ID, id)
			.set(USERS.EMAIL, email)
			.set(USERS.NAME, email)
			.set(USERS.PASSWORD_HASH, "{bcrypt}x")
			.set(USERS.ROLE, "OWNER")
			.execute();
	}

	private UUID message(long seq, String clientMsgId) {
		UUID id = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now();
		this.dsl.insertInto(MESSAGES)
			.set(MESSAGES.ID, id)
			.set(MESSAGES.CONVERSATION_ID, this.conversation)
			.set(MESSAGES.SEQ, seq)
			.set(MESSAGES.LAST_CHANGE_SEQ, seq)
			.set(MESSAGES.SENDER_ID, this.alice)
			.set(MESSAGES.RECEIVER_ID, this.bob)
			.set(MESSAGES.CLIENT_MSG_ID, clientMsgId)
			.set(MESSAGES.CONTENT, "hello 👋")
			.set(MESSAGES.STATUS, "SENT")
			.set(MESSAGES.CREATED_AT, now)
			.set(MESSAGES.UPDATED_AT, now)
			.execute();
		return id;
	}

}
