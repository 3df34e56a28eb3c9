package dev.ferry.gateway.conversation;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import dev.ferry.contracts.group.GroupChange;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.infra.test.client.Browser;
import dev.ferry.gateway.GatewayIntegrationTest;
import dev.ferry.gateway.Seed;
import dev.ferry.infra.test.FerryInfrastructure;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.ferry.infra.test.client.Browser.json;
import static dev.ferry.schema.jooq.Tables.MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /users}, {@code /conversations} and {@code /messages} against seeded
 * history.
 */
class ReadsIntegrationTests extends GatewayIntegrationTest {

	private UserId alice;

	private UserId bob;

	private UserId carol;

	private ConversationId withBob;

	private ConversationId withCarol;

	private final List<MessageId> bobMessages = new ArrayList<>();

	private Browser browser;

	/**
	 * Alice and Bob exchanged five messages (Bob read up to 4); Carol sent two, unread.
	 */
	@BeforeEach
	void seed(FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		this.alice = seed.user("Alice " + UUID.randomUUID());
		this.bob = seed.user("Bob " + UUID.randomUUID());
		this.carol = seed.user("Carol " + UUID.randomUUID());
		OffsetDateTime now = OffsetDateTime.now();
		this.withBob = seed.conversation(this.alice, this.bob, 6, now.minusMinutes(5));
		this.withCarol = seed.conversation(this.alice, this.carol, 2, now);
		for (long seq = 1; seq <= 5; seq++) {
			this.bobMessages.add(seed.message(this.withBob, this.alice, this.bob, seq, (seq <= 4) ? 6 : 5,
					(seq <= 4) ? "READ" : "SENT", false, false));
		}
		seed.readUpTo(this.withBob, this.bob, 4, 6);
		seed.message(this.withCarol, this.carol, this.alice, 1, 1, "SENT", false, false);
		seed.message(this.withCarol, this.carol, this.alice, 2, 2, "SENT", false, false);
		this.browser = new Browser(this.port);
		assertThat(this.browser.login(Seed.emailOf(this.alice), "test123").statusCode()).isEqualTo(200);
	}

	@Test
	void usersListsEveryoneButTheCallerWithPresence() {
		JsonNode users = json(this.browser.get("/users"));

		List<String> ids = users.valueStream().map((user) -> user.path("id").asString()).toList();
		assertThat(ids).contains(this.bob.toString(), this.carol.toString()).doesNotContain(this.alice.toString());
		JsonNode bob = users.valueStream()
			.filter((user) -> user.path("id").asString().equals(this.bob.toString()))
			.findFirst()
			.orElseThrow();
		assertThat(bob.propertyNames()).containsExactlyInAnyOrder("id", "email", "name", "role", "online",
				"lastSeenAt");
		assertThat(bob.path("email").asString()).isEqualTo(Seed.emailOf(this.bob));
		assertThat(bob.path("online").asBoolean()).isFalse();
		assertThat(bob.path("lastSeenAt").isNull()).isTrue();
	}

	@Test
	void usersPutConversationPartnersFirstMostRecentFirstThenOthersByName(FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		String tag = UUID.randomUUID().toString();
		UserId zed = seed.user("Zed " + tag);
		UserId ann = seed.user("Ann " + tag);
		UserId gone = seed.user("Gone " + tag);
		seed.dsl().execute("update users set disabled = true where id = ?", gone.value());

		JsonNode first = json(this.browser.get("/users?limit=2"));
		JsonNode tagged = json(this.browser.get("/users?q=" + tag.toUpperCase()));

		assertThat(first.valueStream().map((user) -> user.path("id").asString())).containsExactly(this.carol.toString(),
				this.bob.toString());
		assertThat(tagged.valueStream().map((user) -> user.path("id").asString())).containsExactly(ann.toString(),
				zed.toString());
		assertThat(json(this.browser.get("/users?q=" + Seed.emailOf(zed).toUpperCase())).valueStream()
			.map((user) -> user.path("id").asString())).containsExactly(zed.toString());
		assertThat(answer(this.browser.get("/users?limit=0"))).isEqualTo("400 invalid_field");
	}

	@Test
	void conversationsComeMostRecentFirstWithUnreadAndLastMessage() {
		JsonNode conversations = json(this.browser.get("/conversations"));

		assertThat(conversations).hasSize(2);
		JsonNode first = conversations.get(0);
		assertThat(first.path("id").asString()).isEqualTo(this.withCarol.toString());
		assertThat(first.path("peer").path("id").asString()).isEqualTo(this.carol.toString());
		assertThat(first.path("lastSeq").asLong()).isEqualTo(2);
		assertThat(first.path("unread").asLong()).isEqualTo(2);
		assertThat(first.path("lastMessage").path("content").asString()).isEqualTo("content 2");
		JsonNode second = conversations.get(1);
		assertThat(second.path("unread").asLong()).isZero();
		assertThat(second.path("lastMessage").path("id").asString()).isEqualTo(this.bobMessages.get(4).toString());
	}

	/**
	 * Bob was in Alice's group from its creation until his removal at seq 5. What changed
	 * after that never reaches him: the message edited at 6 is gone from his history, his
	 * changes and his list, the group's later name and messages too, and he gets no
	 * receipt counts, which moved since.
	 */
	@Test
	void aRemovedMemberReadsNothingThatChangedAfterTheRemoval(FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		// 1 created "Crew", 2-4 messages, 5 Bob removed, 6 message 3 edited, 7 renamed,
		// 8 a message.
		ConversationId group = seed.group("Deck crew", "SINCE_JOIN", this.alice, 8);
		seed.member(group, this.bob, "MEMBER", 1, 5L);
		seed.member(group, this.carol, "MEMBER", 1, null);
		seed.groupChange(group, 1, this.alice, GroupChange.CREATED, "Crew");
		seed.groupChange(group, 5, this.alice, GroupChange.MEMBER_REMOVED, "Crew");
		seed.groupChange(group, 7, this.alice, GroupChange.RENAMED, "Deck crew");
		MessageId first = seed.message(group, this.alice, null, 2, 2, "SENT", false, false);
		MessageId second = seed.message(group, this.carol, null, 3, 6, "SENT", true, false);
		MessageId third = seed.message(group, this.alice, null, 4, 4, "SENT", false, false);
		seed.message(group, this.carol, null, 8, 8, "SENT", false, false);
		Browser bob = new Browser(this.port);
		assertThat(bob.login(Seed.emailOf(this.bob), "test123").statusCode()).isEqualTo(200);

		JsonNode history = json(bob.get("/messages?conversationId=" + group));
		JsonNode changes = json(bob.get("/messages?conversationId=" + group + "&afterSeq=0"));
		JsonNode listed = json(bob.get("/conversations")).valueStream()
			.filter((conversation) -> conversation.path("id").asString().equals(group.toString()))
			.findFirst()
			.orElseThrow();

		assertThat(history.path("messages").valueStream().map((message) -> message.path("id").asString()))
			.containsExactly(third.toString(), first.toString());
		assertThat(history.path("receipts").isNull()).isTrue();
		assertThat(changes.path("messages").valueStream().map((message) -> message.path("id").asString()))
			.containsExactly(first.toString(), third.toString());
		assertThat(changes.path("lastSeq").asLong()).isEqualTo(5);
		assertThat(changes.path("receipts").isNull()).isTrue();
		assertThat(listed.path("title").asString()).isEqualTo("Crew");
		assertThat(listed.path("lastSeq").asLong()).isEqualTo(5);
		assertThat(listed.path("unread").asLong()).isEqualTo(2);
		assertThat(listed.path("lastMessage").path("id").asString()).isEqualTo(third.toString());
		// Carol, still in it, reads it all as it is now.
		assertThat(json(loggedIn(this.carol).get("/conversations")).valueStream()
			.filter((conversation) -> conversation.path("id").asString().equals(group.toString()))
			.map((conversation) -> conversation.path("title").asString())).containsExactly("Deck crew");
		assertThat(json(loggedIn(this.carol).get("/messages?conversationId=" + group)).path("messages")
			.valueStream()
			.map((message) -> message.path("id").asString())).hasSize(4).contains(second.toString());
	}

	/**
	 * Receipt counts come from the members' marks: Bob read up to 3, Carol received up to
	 * 2; Dave, who joined at 3, counts only for later messages. Unread counts stop at a
	 * thousand, whatever the history.
	 */
	@Test
	void aGroupPageCountsReceiptsFromTheMembersMarksAndUnreadStopsAtAThousand(FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		UserId dave = seed.user("Dave " + UUID.randomUUID());
		ConversationId group = seed.group("Crew", "SINCE_JOIN", this.alice, 1502);
		seed.member(group, this.bob, "MEMBER", 1, null);
		seed.member(group, this.carol, "MEMBER", 1, null);
		seed.member(group, dave, "MEMBER", 3, null);
		seed.messages(group, this.alice, null, 2, 1502);
		seed.readUpTo(group, this.bob, 3, 1502);
		seed.dsl()
			.execute(
					"update conversation_members set delivered_up_to_seq = 2 where conversation_id = ? and user_id = ?",
					group.value(), this.carol.value());

		JsonNode page = json(this.browser.get("/messages?conversationId=" + group + "&beforeSeq=5"));
		JsonNode carols = json(loggedIn(this.carol).get("/conversations"));

		JsonNode receipts = page.path("receipts");
		assertThat(page.path("messages").valueStream().map((message) -> message.path("seq").asLong()))
			.containsExactly(4L, 3L, 2L);
		assertThat(List.of(4L, 3L, 2L).stream().map((seq) -> receipts.path(messageAt(page, seq)).toString()))
			.containsExactly("{\"deliveredTo\":0,\"readBy\":0,\"members\":3}",
					"{\"deliveredTo\":1,\"readBy\":1,\"members\":2}", "{\"deliveredTo\":2,\"readBy\":1,\"members\":2}");
		assertThat(carols.valueStream()
			.filter((conversation) -> conversation.path("id").asString().equals(group.toString()))
			.map((conversation) -> conversation.path("unread").asLong())).containsExactly(1000L);
	}

	/**
	 * A group's members come a page at a time in the order they joined, each page naming
	 * the next; every page says how many members there are.
	 */
	@Test
	void aGroupsMembersArePagedInTheOrderTheyJoined(FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		ConversationId group = seed.group("Crew", "SINCE_JOIN", this.alice, 30);
		List<UserId> joined = new ArrayList<>(List.of(this.alice));
		for (int member = 2; member <= 5; member++) {
			UserId user = seed.user("Member " + member);
			seed.member(group, user, "MEMBER", member, null);
			joined.add(user);
		}
		seed.member(group, this.bob, "MEMBER", 2, 3L);

		JsonNode first = json(this.browser.get("/conversations/" + group + "/members?limit=3"));
		JsonNode second = json(this.browser
			.get("/conversations/" + group + "/members?limit=3&after=" + first.path("next").asString()));

		assertThat(first.path("memberCount").asInt()).isEqualTo(5);
		assertThat(second.path("memberCount").asInt()).isEqualTo(5);
		assertThat(first.path("members").valueStream().map((member) -> member.path("userId").asString()))
			.containsExactly(joined.get(0).toString(), joined.get(1).toString(), joined.get(2).toString());
		assertThat(second.path("members").valueStream().map((member) -> member.path("userId").asString()))
			.containsExactly(joined.get(3).toString(), joined.get(4).toString());
		assertThat(second.path("next").isNull()).isTrue();
		assertThat(first.path("members").get(1).path("email").asString()).isEqualTo(Seed.emailOf(joined.get(1)));
		assertThat(answer(this.browser.get("/conversations/" + group + "/members?after=nonsense")))
			.isEqualTo("400 invalid_field");
	}

	private static String messageAt(JsonNode page, long seq) {
		return page.path("messages")
			.valueStream()
			.filter((message) -> message.path("seq").asLong() == seq)
			.map((message) -> message.path("id").asString())
			.findFirst()
			.orElseThrow();
	}

	/**
	 * While Carol's messages keep arriving (each written with its conversation's last seq
	 * in one transaction, as the persistence worker writes them), every answer is one
	 * snapshot: its last message is never newer than its {@code lastSeq}. A client that
	 * reads right after a push was told a {@code lastSeq} below what it had been pushed.
	 */
	@Test
	void conversationsAreOneSnapshotWhileMessagesArrive(FerryInfrastructure infrastructure) throws Exception {
		List<String> torn = whileCarolWrites(infrastructure, () -> json(this.browser.get("/conversations"))
			.valueStream()
			.filter((conversation) -> conversation.path("lastMessage").path("lastChangeSeq").asLong() > conversation
				.path("lastSeq")
				.asLong())
			.map((conversation) -> "lastSeq " + conversation.path("lastSeq").asLong() + ", last message changed at "
					+ conversation.path("lastMessage").path("lastChangeSeq").asLong())
			.toList());

		assertThat(torn).isEmpty();
	}

	/**
	 * A client resuming with {@code afterSeq} while Carol writes: its new position,
	 * {@code lastSeq}, is never below a change the page returned, or it would fetch that
	 * change again and take the conversation for older than it is.
	 */
	@Test
	void afterSeqPagesAreOneSnapshotWhileMessagesArrive(FerryInfrastructure infrastructure) throws Exception {
		long[] position = { 2 };
		List<String> torn = whileCarolWrites(infrastructure, () -> {
			JsonNode page = json(
					this.browser.get("/messages?with=" + this.carol + "&afterSeq=" + position[0] + "&limit=200"));
			long newest = page.path("messages")
				.valueStream()
				.mapToLong((message) -> message.path("lastChangeSeq").asLong())
				.max()
				.orElse(position[0]);
			position[0] = page.path("lastSeq").asLong();
			return (newest > position[0]) ? List.of("lastSeq " + position[0] + ", a change at " + newest) : List.of();
		});

		assertThat(torn).isEmpty();
	}

	/**
	 * Reads 50 times (within the burst of the per-user rate limit) while Carol's messages
	 * keep arriving, each written with its conversation's last seq in one transaction, as
	 * the persistence worker writes them; what the reads found wrong.
	 */
	private List<String> whileCarolWrites(FerryInfrastructure infrastructure, Supplier<List<String>> read)
			throws InterruptedException {
		Seed seed = new Seed(infrastructure.dataSource());
		AtomicBoolean writing = new AtomicBoolean(true);
		Thread carol = new Thread(() -> {
			for (long seq = 3; writing.get(); seq++) {
				long next = seq;
				seed.dsl().transaction((transaction) -> {
					DSL.using(transaction)
						.execute("insert into messages (id, conversation_id, seq, last_change_seq, sender_id,"
								+ " receiver_id, client_msg_id, content, status, created_at, updated_at)"
								+ " values (gen_random_uuid(), ?, ?, ?, ?, ?, 't-' || gen_random_uuid(), 'more',"
								+ " 'SENT', now(), now())", this.withCarol.value(), next, next, this.carol.value(),
								this.alice.value());
					DSL.using(transaction)
						.execute("update conversations set last_seq = ?, last_activity_at = now() where id = ?", next,
								this.withCarol.value());
				});
			}
		});
		carol.start();
		List<String> wrong = new ArrayList<>();
		try {
			for (int index = 0; index < 50; index++) {
				wrong.addAll(read.get());
			}
		}
		finally {
			writing.set(false);
			carol.join();
		}
		return wrong;
	}

	@Test
	void historyPagesNewestFirstWithHasMore() {
		JsonNode newest = json(this.browser.get("/messages?with=" + this.bob + "&limit=2"));
		JsonNode older = json(this.browser.get("/messages?with=" + this.bob + "&beforeSeq=4&limit=10"));
		JsonNode capped = json(this.browser.get("/messages?with=" + this.bob + "&limit=1000"));

		assertThat(newest.path("conversationId").asString()).isEqualTo(this.withBob.toString());
		assertThat(seqs(newest)).containsExactly(5L, 4L);
		assertThat(newest.path("hasMore").asBoolean()).isTrue();
		assertThat(seqs(older)).containsExactly(3L, 2L, 1L);
		assertThat(older.path("hasMore").asBoolean()).isFalse();
		assertThat(seqs(capped)).hasSize(5);
	}

	@Test
	void afterSeqGivesTheChangesInOrderTheLastSeqAndThePeersMarks() {
		JsonNode resume = json(this.browser.get("/messages?with=" + this.bob + "&afterSeq=4"));

		assertThat(resume.path("messages").valueStream().map((message) -> message.path("lastChangeSeq").asLong()))
			.containsExactly(5L, 6L, 6L, 6L, 6L);
		assertThat(resume.path("hasMore").asBoolean()).isFalse();
		assertThat(resume.path("lastSeq").asLong()).isEqualTo(6);
		assertThat(resume.path("marks").path("deliveredUpToSeq").asLong()).isEqualTo(4);
		assertThat(resume.path("marks").path("readUpToSeq").asLong()).isEqualTo(4);
	}

	/**
	 * Message 5 changed at seq 5; messages 1-4 share seq 6 (Bob's receipt). A page that
	 * ends inside that group gives the seq before it as the position and the last message
	 * returned as {@code afterId}; a client that does not send {@code afterId} back is
	 * given the group's start again, never its end.
	 */
	@Test
	void afterSeqPagesEndInsideAGroupThatSharesOneChangeSeqAndGoOnWithAfterId() {
		JsonNode first = json(this.browser.get("/messages?with=" + this.bob + "&afterSeq=0&limit=1"));
		JsonNode cut = json(this.browser.get("/messages?with=" + this.bob + "&afterSeq=0&limit=2"));
		JsonNode next = json(this.browser
			.get("/messages?with=" + this.bob + "&afterSeq=5&afterId=" + this.bobMessages.get(0) + "&limit=2"));
		JsonNode last = json(this.browser
			.get("/messages?with=" + this.bob + "&afterSeq=5&afterId=" + this.bobMessages.get(2) + "&limit=2"));
		JsonNode withoutAfterId = json(this.browser.get("/messages?with=" + this.bob + "&afterSeq=5&limit=1"));

		assertThat(page(first)).isEqualTo("seqs [5] hasMore true lastSeq 5 afterId null");
		assertThat(page(cut)).isEqualTo("seqs [5, 1] hasMore true lastSeq 5 afterId " + this.bobMessages.get(0));
		assertThat(page(next)).isEqualTo("seqs [2, 3] hasMore true lastSeq 5 afterId " + this.bobMessages.get(2));
		assertThat(page(last)).isEqualTo("seqs [4] hasMore false lastSeq 6 afterId null");
		assertThat(page(withoutAfterId))
			.isEqualTo("seqs [1] hasMore true lastSeq 5 afterId " + this.bobMessages.get(0));
	}

	/**
	 * One receipt covering 1,000 long messages: no page holds more than its limit, and
	 * following {@code lastSeq} and {@code afterId} returns each message once.
	 */
	@Test
	void afterSeqNeverReturnsMoreThanItsLimitHoweverLargeAGroup(FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		UserId dana = seed.user("Dana " + UUID.randomUUID());
		ConversationId conversation = seed.conversation(this.alice, dana, 1001, OffsetDateTime.now());
		seed.messages(conversation, this.alice, dana, 1, 1000);
		seed.readByOneReceipt(conversation, dana, 1000, 1001);
		seed.dsl()
			.update(MESSAGES)
			.set(MESSAGES.CONTENT, "x".repeat(4000))
			.where(MESSAGES.CONVERSATION_ID.eq(conversation.value()))
			.execute();
		List<Long> received = new ArrayList<>();
		List<Integer> sizes = new ArrayList<>();
		String query = "afterSeq=0";
		JsonNode page;
		do {
			page = json(this.browser.get("/messages?with=" + dana + "&" + query + "&limit=30"));
			sizes.add(page.path("messages").size());
			received.addAll(seqs(page));
			query = "afterSeq=" + page.path("lastSeq").asLong()
					+ (page.path("afterId").isNull() ? "" : "&afterId=" + page.path("afterId").asString());
		}
		while (page.path("hasMore").asBoolean() && sizes.size() < 50);

		assertThat(sizes).hasSize(34).allSatisfy((size) -> assertThat(size).isLessThanOrEqualTo(30));
		assertThat(received).containsExactlyElementsOf(LongStream.rangeClosed(1, 1000).boxed().toList());
		assertThat(page.path("lastSeq").asLong()).isEqualTo(1001);
	}

	@Test
	void badQueriesAreRefusedWithTheirCode() {
		assertThat(answer(this.browser.get("/messages?with=nobody"))).isEqualTo("400 invalid_field");
		assertThat(answer(this.browser.get("/messages?with=" + this.alice))).isEqualTo("400 unknown_receiver");
		assertThat(answer(this.browser.get("/messages?with=" + UUID.randomUUID()))).isEqualTo("400 unknown_receiver");
		assertThat(answer(this.browser.get("/messages?with=" + this.bob + "&beforeSeq=3&afterSeq=1")))
			.isEqualTo("400 invalid_field");
		assertThat(answer(this.browser.get("/messages?with=" + this.bob + "&limit=0"))).isEqualTo("400 invalid_field");
		assertThat(answer(new Browser(this.port).get("/users"))).isEqualTo("401 unauthenticated");
		assertThat(answer(this.browser.get("/messages?with=" + this.bob + "&afterSeq=5&afterId=nothing")))
			.isEqualTo("400 invalid_field");
		assertThat(answer(this.browser.get("/messages?with=" + this.bob + "&afterSeq=5&afterId=" + UUID.randomUUID())))
			.isEqualTo("400 invalid_field");
		assertThat(answer(this.browser.get("/messages?with=" + this.bob + "&afterId=" + this.bobMessages.get(0))))
			.isEqualTo("400 invalid_field");
	}

	private static String page(JsonNode page) {
		return "seqs " + seqs(page) + " hasMore " + page.path("hasMore").asBoolean() + " lastSeq "
				+ page.path("lastSeq").asLong() + " afterId " + page.path("afterId").asString("null");
	}

	private static List<Long> seqs(JsonNode page) {
		return page.path("messages").valueStream().map((message) -> message.path("seq").asLong()).toList();
	}

	private static String answer(HttpResponse<String> response) {
		return response.statusCode() + " " + json(response).path("error").asString();
	}

}
