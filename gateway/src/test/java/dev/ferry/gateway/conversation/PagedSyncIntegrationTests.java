package dev.ferry.gateway.conversation;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.GatewayIntegrationTest;
import dev.ferry.gateway.Seed;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.client.SocketClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code sync} replays at most 500 message frames (the default of
 * {@code ferry.gateway.socket.sync-replay-frames}); the client continues while
 * {@code sync-complete} says {@code more}, and the parts together miss nothing.
 */
class PagedSyncIntegrationTests extends GatewayIntegrationTest {

	private Seed seed;

	private UserId alice;

	@BeforeEach
	void seed(FerryInfrastructure infrastructure) {
		this.seed = new Seed(infrastructure.dataSource());
		this.alice = this.seed.user("Alice");
	}

	/**
	 * 1,200 messages from Alice to Dana; Dana read 1-100 at seq 1201, so those come last
	 * in the order of changes, after the parts' ends.
	 */
	@Test
	void aLongResumeComesInPartsOfAtMost500FramesThatTogetherMissNothing() {
		UserId dana = this.seed.user("Dana");
		ConversationId conversation = this.seed.conversation(this.alice, dana, 1201, OffsetDateTime.now());
		this.seed.messages(conversation, this.alice, dana, 1, 1200);
		this.seed.readByOneReceipt(conversation, dana, 100, 1201);
		SocketClient socket = loggedIn(this.alice).openSocket(null);

		List<JsonNode> first = syncPart(socket, conversation, 0);
		List<JsonNode> second = syncPart(socket, conversation, 600);
		List<JsonNode> third = syncPart(socket, conversation, 1100);

		assertThat(summary(first)).containsExactly("500 message-created, seq 101-600", "sync-complete more true");
		assertThat(summary(second)).containsExactly("500 message-created, seq 601-1100", "sync-complete more true");
		assertThat(summary(third.subList(0, 100))).containsExactly("100 message-created, seq 1101-1200");
		assertThat(summary(third.subList(100, third.size()))).containsExactly("100 message-created, seq 1201-1201",
				"1 message-status-updated, seq 1201-1201", "sync-complete more false");
		assertThat(third.subList(100, 200)).extracting((frame) -> frame.path("message").path("seq").asLong())
			.containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
		JsonNode read = third.get(200);
		assertThat(read.path("status").asString() + " up to " + read.path("upToSeq").asLong())
			.isEqualTo("READ up to 100");
		Set<Long> created = new HashSet<>();
		for (List<JsonNode> part : List.of(first, second, third)) {
			part.stream()
				.filter((frame) -> frame.path("type").asString().equals("message-created"))
				.forEach((frame) -> created.add(frame.path("message").path("seq").asLong()));
		}
		assertThat(created).hasSize(1200);
	}

	/**
	 * Dana read all 1,200 of Alice's messages with one receipt (seq 1201), after Alice's
	 * position: every part stops at 500 frames, inside that group, and the next sync from
	 * the highest seq received goes on where the last part ended.
	 */
	@Test
	void aResumeCutsInsideAGroupThatSharesOneChangeSeqAndTheNextPartGoesOnFromThere() {
		UserId dana = this.seed.user("Dana");
		ConversationId conversation = this.seed.conversation(this.alice, dana, 1201, OffsetDateTime.now());
		this.seed.messages(conversation, this.alice, dana, 1, 1200);
		this.seed.readByOneReceipt(conversation, dana, 1200, 1201);
		SocketClient socket = loggedIn(this.alice).openSocket(null);

		List<JsonNode> first = syncPart(socket, conversation, 0);
		List<JsonNode> second = syncPart(socket, conversation, 1201);
		List<JsonNode> third = syncPart(socket, conversation, 1201);

		assertThat(summary(first)).containsExactly("500 message-created, seq 1201-1201", "sync-complete more true");
		assertThat(summary(second)).containsExactly("500 message-created, seq 1201-1201", "sync-complete more true");
		assertThat(summary(third)).containsExactly("200 message-created, seq 1201-1201",
				"1 message-status-updated, seq 1201-1201", "sync-complete more false");
		List<Long> created = new ArrayList<>();
		for (List<JsonNode> part : List.of(first, second, third)) {
			part.stream()
				.filter((frame) -> frame.path("type").asString().equals("message-created"))
				.forEach((frame) -> created.add(frame.path("message").path("seq").asLong()));
		}
		assertThat(created).containsExactlyElementsOf(LongStream.rangeClosed(1, 1200).boxed().toList());
	}

	/**
	 * The protocol's worst case under 64 KiB: one conversation id under 600 spellings
	 * plus 600 ids of conversations that are not the caller's.
	 */
	@Test
	void aSyncListingOneConversationUnder600SpellingsAnd600ForeignIdsReplaysItOnceWithinBounds() {
		UserId erin = this.seed.user("Erin");
		ConversationId conversation = ConversationId.direct(this.alice, erin);
		while (letters(conversation) < 10) {
			erin = this.seed.user("Erin");
			conversation = ConversationId.direct(this.alice, erin);
		}
		this.seed.conversation(this.alice, erin, 5000, OffsetDateTime.now());
		this.seed.messages(conversation, this.alice, erin, 1, 5000);
		StringBuilder positions = new StringBuilder();
		List<String> spellings = spellings(conversation.toString(), 600);
		for (int index = 0; index < spellings.size(); index++) {
			positions.append(",\"").append(spellings.get(index)).append("\":").append(600 - index);
			positions.append(",\"").append(UUID.randomUUID()).append("\":0");
		}
		String frame = "{\"type\":\"sync\",\"positions\":{" + positions.substring(1) + "}}";
		assertThat(frame.length()).isLessThan(64 * 1024);
		SocketClient socket = loggedIn(this.alice).openSocket(null);
		long heapBefore = heapAfterGc();

		long sent = System.nanoTime();
		socket.send(frame);
		await().atMost(Duration.ofSeconds(2))
			.until(() -> socket.received().stream().anyMatch(PagedSyncIntegrationTests::isSyncComplete));
		Duration took = Duration.ofNanos(System.nanoTime() - sent);
		long heapAfter = heapAfterGc();

		assertThat(took).isLessThan(Duration.ofSeconds(2));
		assertThat(summary(socket.received())).containsExactly("500 message-created, seq 2-501",
				"sync-complete more true");
		assertThat(heapAfter - heapBefore).isLessThan(50L * 1024 * 1024);
	}

	private static List<JsonNode> syncPart(SocketClient socket, ConversationId conversation, long position) {
		int before = socket.received().size();
		socket.send("{\"type\":\"sync\",\"positions\":{\"" + conversation + "\":" + position + "}}");
		await()
			.until(() -> socket.received().stream().skip(before).anyMatch(PagedSyncIntegrationTests::isSyncComplete));
		return socket.received().subList(before, socket.received().size());
	}

	/**
	 * Runs of frames of one type whose seqs step by 1 (or all repeat one seq) as "count
	 * type, seq first-last"; sync-complete with the more flag of its only conversation.
	 */
	private static List<String> summary(List<JsonNode> frames) {
		List<String> runs = new ArrayList<>();
		List<JsonNode> run = new ArrayList<>();
		for (JsonNode frame : frames) {
			if (!run.isEmpty() && !continues(run, frame)) {
				runs.add(describe(run));
				run.clear();
			}
			run.add(frame);
		}
		runs.add(describe(run));
		return runs;
	}

	private static boolean continues(List<JsonNode> run, JsonNode frame) {
		JsonNode last = run.get(run.size() - 1);
		long step = frame.path("seq").asLong() - last.path("seq").asLong();
		long runStep = (run.size() > 1) ? last.path("seq").asLong() - run.get(run.size() - 2).path("seq").asLong()
				: step;
		return type(frame).equals(type(last)) && !type(frame).equals("sync-complete") && (step == 0 || step == 1)
				&& step == runStep;
	}

	private static String describe(List<JsonNode> run) {
		JsonNode first = run.get(0);
		if (type(first).equals("sync-complete")) {
			return "sync-complete more " + first.path("conversations").get(0).path("more").asBoolean();
		}
		return run.size() + " " + type(first) + ", seq " + first.path("seq").asLong() + "-"
				+ run.get(run.size() - 1).path("seq").asLong();
	}

	private static String type(JsonNode frame) {
		return frame.path("type").asString();
	}

	private static boolean isSyncComplete(JsonNode frame) {
		return type(frame).equals("sync-complete");
	}

	private static long letters(ConversationId conversation) {
		return conversation.toString().chars().filter(Character::isLetter).count();
	}

	/** Distinct spellings of one UUID, by the case of its letters. */
	private static List<String> spellings(String id, int count) {
		List<Integer> letters = new ArrayList<>();
		for (int index = 0; index < id.length(); index++) {
			if (Character.isLetter(id.charAt(index))) {
				letters.add(index);
			}
		}
		List<String> spellings = new ArrayList<>();
		for (int mask = 0; spellings.size() < count; mask++) {
			char[] spelling = id.toCharArray();
			for (int bit = 0; bit < letters.size(); bit++) {
				if ((mask & (1 << bit)) != 0) {
					spelling[letters.get(bit)] = Character.toUpperCase(spelling[letters.get(bit)]);
				}
			}
			spellings.add(new String(spelling));
		}
		return spellings;
	}

	private static long heapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

}
