package dev.ferry.infra.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.infra.bench.load.Population.BenchUser;

/**
 * The reads whose cost could grow with a group's size and history, timed as its members
 * ask them: a group of the largest of {@code --group-sizes} members (1,000) holding
 * {@code --group-messages} messages (20,000), written straight into the database, whose
 * members' receipt marks are spread over its history. Ten members who read nothing yet
 * (every other member's message unread) ask in turn for their conversation list, the
 * group's newest page of history and its first page of changes (200 messages each, with
 * every message's receipt counts).
 */
final class GroupReadsRun {

	private static final int CALLERS = 10;

	private static final int SENDERS = 10;

	private static final int PAGE = 200;

	private static final int ROUNDS = 30;

	/** Rounds asked first and not counted: the gateway compiles the paths they take. */
	private static final int WARMUP_ROUNDS = 5;

	private GroupReadsRun() {
	}

	static void run(LoadOptions options, ChatLoad.Target target, String runId) throws Exception {
		int size = options.groupSizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
		int messages = options.groupMessages();
		if (size < CALLERS + SENDERS + 1) {
			throw new IllegalArgumentException("--group-sizes needs a group of at least " + (CALLERS + SENDERS + 1));
		}
		List<BenchUser> members = Population.create(target.database(), runId, size);
		ConversationId group = ConversationId.newGroup();
		System.out.printf("Writing a group of %d members with %d messages…%n", size, messages);
		seed(target.database(), group, members, messages);

		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		List<String> callers = new ArrayList<>();
		for (BenchUser caller : members.subList(1, 1 + CALLERS)) {
			callers.add(Login.cookies(http, target.url(), caller.email(), Population.PASSWORD));
		}
		Map<String, String> reads = new LinkedHashMap<>();
		reads.put("GET /conversations", "/conversations");
		reads.put("GET /messages (history, " + PAGE + ")", "/messages?conversationId=" + group + "&limit=" + PAGE);
		reads.put("GET /messages?afterSeq=0 (" + PAGE + ")",
				"/messages?conversationId=" + group + "&afterSeq=0&limit=" + PAGE);
		Map<String, List<Double>> latencies = new LinkedHashMap<>();
		reads.keySet().forEach((read) -> latencies.put(read, new ArrayList<>()));
		for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
			for (String caller : callers) {
				for (Map.Entry<String, String> read : reads.entrySet()) {
					double millis = timedGet(http, target.url() + read.getValue(), caller);
					if (round >= 0) {
						latencies.get(read.getKey()).add(millis);
					}
				}
			}
		}

		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("options", ReportFiles.ordered("members", size, "messages", messages, "callers", CALLERS,
				"unreadOfEachCaller", messages, "requestsPerRead", ROUNDS * CALLERS));
		Map<String, Object> latency = new LinkedHashMap<>();
		latencies.forEach((read, values) -> latency.put(read, Percentiles.of(values)));
		figures.put("latencyMs", latency);
		System.out.println(figures);
		ReportFiles.write(options.output(), "group-reads-" + runId, figures, HtmlReport.groupReads(figures));
	}

	/**
	 * The group, its members (the first its owner; every member joined at its creation,
	 * seq 1) and its messages (seqs 2 on, from {@value #SENDERS} members in turn). Member
	 * {@code i}'s marks reach {@code i/size} of the history (read half as far), except
	 * the callers', which are at 0.
	 */
	private static void seed(BenchDatabase database, ConversationId group, List<BenchUser> members, int messages)
			throws SQLException {
		UUID[] ids = members.stream().map((member) -> member.id().value()).toArray(UUID[]::new);
		long lastSeq = messages + 1L;
		try (Connection connection = database.connect()) {
			try (PreparedStatement insert = connection.prepareStatement(
					"insert into conversations (id, kind, title, history, last_seq, created_at, last_activity_at)"
							+ " values (?, 'GROUP', 'Bench group', 'SINCE_JOIN', ?, now(), now())")) {
				insert.setObject(1, group.value());
				insert.setLong(2, lastSeq);
				insert.executeUpdate();
			}
			try (PreparedStatement insert = connection
				.prepareStatement("insert into conversation_members (conversation_id, user_id, role, joined_at_seq,"
						+ " delivered_up_to_seq, read_up_to_seq)"
						+ " select ?, m.id, case when m.i = 1 then 'OWNER' else 'MEMBER' end, 1, d.upto, d.upto / 2"
						+ " from unnest(?::uuid[]) with ordinality as m (id, i)"
						+ " cross join lateral (select case when m.i between 2 and ? then 0"
						+ " else ? * (m.i - 1) / ? end as upto) d")) {
				insert.setObject(1, group.value());
				insert.setArray(2, connection.createArrayOf("uuid", ids));
				insert.setInt(3, 1 + CALLERS);
				insert.setLong(4, lastSeq);
				insert.setLong(5, members.size());
				insert.executeUpdate();
			}
			try (PreparedStatement insert = connection.prepareStatement(
					"insert into messages (id, conversation_id, seq, last_change_seq, sender_id, client_msg_id, content,"
							+ " status, created_at, updated_at)"
							+ " select gen_random_uuid(), ?, s, s, (?::uuid[])[? + s % ?], 'g-' || gen_random_uuid(),"
							+ " 'group message ' || s, 'SENT', now(), now() from generate_series(2, ?) s")) {
				insert.setObject(1, group.value());
				insert.setArray(2, connection.createArrayOf("uuid", ids));
				insert.setInt(3, 2 + CALLERS);
				insert.setInt(4, SENDERS);
				insert.setLong(5, lastSeq);
				insert.executeUpdate();
			}
			try (PreparedStatement analyse = connection.prepareStatement("analyze")) {
				analyse.execute();
			}
		}
	}

	/**
	 * One read, in milliseconds; a read refused by the rate limit is asked again later.
	 */
	private static double timedGet(HttpClient http, String url, String cookies) throws Exception {
		while (true) {
			long started = System.nanoTime();
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookies).build(),
					HttpResponse.BodyHandlers.ofString());
			double millis = (System.nanoTime() - started) / 1e6;
			if (response.statusCode() == 200) {
				return millis;
			}
			if (response.statusCode() != 429) {
				throw new IllegalStateException(url + " answered " + response.statusCode() + " " + response.body());
			}
			Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
		}
	}

}
