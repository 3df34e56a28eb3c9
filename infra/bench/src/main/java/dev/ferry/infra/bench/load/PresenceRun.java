package dev.ferry.infra.bench.load;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ferry.contracts.id.UserId;
import dev.ferry.infra.bench.load.Population.BenchUser;

/**
 * Presence at scale: {@code --users} people in the database (10,000), {@code --sockets}
 * of them (2,000) each with five conversation partners, one socket each. Counts the
 * {@code user-status-changed} frames that opening all the sockets causes, then those that
 * one more user's socket causes when ten sockets watch that user; and times
 * {@code GET /users} (partners first) for callers among them.
 * <p>
 * Partners form a ring: user {@code i} shares a conversation with {@code i±1},
 * {@code i±2} and {@code i+n/2}, so each has exactly five. The conversations are made by
 * real sends, so the pipeline announces them as it does any other.
 */
final class PresenceRun {

	private static final int PARTNERS = 5;

	private static final int WATCHERS = 10;

	private static final int THREADS = 16;

	private static final Duration QUIET = Duration.ofSeconds(5);

	private static final int USERS_CALLERS = 200;

	private static final int USERS_ROUNDS = 10;

	/** Rounds asked first and not counted: the gateway compiles the paths they take. */
	private static final int USERS_WARMUP_ROUNDS = 2;

	private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

	private PresenceRun() {
	}

	static void run(LoadOptions options, ChatLoad.Target target, String runId) throws Exception {
		int active = options.sockets();
		if (active % 2 != 0 || active < 10 || options.users() <= active) {
			throw new IllegalArgumentException("--sockets must be even and at least 10, and --users above it");
		}
		List<BenchUser> people = Population.create(target.database(), runId, options.users());
		BenchUser extra = people.get(active);
		System.out.printf("Created %d users (run %s); logging in %d…%n", people.size(), runId, active + 1);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			List<String> cookies = parallel(pool, people.subList(0, active + 1),
					(user) -> Login.cookies(http, target.url(), user.email(), Population.PASSWORD));
			List<int[]> pairs = ring(active);
			for (int partner = 0; partner < PARTNERS; partner++) {
				pairs.add(new int[] { active, partner * active / PARTNERS });
			}
			String tempIdPrefix = "p" + runId + "-";
			System.out.printf("Starting %d conversations…%n", pairs.size());
			parallel(pool, pairs, (pair) -> {
				send(http, target.url(), cookies.get(pair[0]), people.get(pair[1]).id(),
						tempIdPrefix + pair[0] + "-" + pair[1]);
				return null;
			});
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
			while (Population.messagesWithTempIdPrefix(target.database(), tempIdPrefix) < pairs.size()) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The conversations' first messages were not all stored");
				}
				Thread.sleep(500);
			}
			// The delivery worker reads the conversations the persistence worker
			// announced.
			Thread.sleep(3000);

			System.out.printf("Opening %d sockets…%n", active);
			PresenceCounter counter = new PresenceCounter(extra.id());
			long openStarted = System.nanoTime();
			List<WebSocket> sockets = parallel(pool, range(active),
					(index) -> http.newWebSocketBuilder()
						.header("Cookie", cookies.get(index))
						.buildAsync(target.socketUri(index), counter)
						.get(30, TimeUnit.SECONDS));
			double openSeconds = (System.nanoTime() - openStarted) / 1e9;
			counter.awaitQuiet();
			long framesOpeningAll = counter.frames.get();
			System.out.printf("Opening %d sockets caused %d presence frames%n", active, framesOpeningAll);

			Map<String, Object> lookups = usersLatency(http, target.url(), people, cookies, active);

			Set<Integer> partnersOfExtra = new HashSet<>();
			for (int partner = 0; partner < PARTNERS; partner++) {
				partnersOfExtra.add(partner * active / PARTNERS);
			}
			int watchers = 0;
			for (int index = 1; watchers < WATCHERS; index += 7) {
				if (!partnersOfExtra.contains(index)) {
					sockets.get(index)
						.sendText("{\"type\":\"watch-presence\",\"userIds\":[\"" + extra.id() + "\"]}", true)
						.get(10, TimeUnit.SECONDS);
					watchers++;
				}
			}
			// A watch list is in place once the gateway handled the frame; a ping behind
			// it
			// answers after it.
			counter.pongs.set(0);
			for (WebSocket socket : sockets) {
				socket.sendText("{\"type\":\"ping\"}", true);
			}
			counter.awaitPongs(active);
			counter.frames.set(0);
			counter.aboutExtra.set(0);
			WebSocket extraSocket = http.newWebSocketBuilder()
				.header("Cookie", cookies.get(active))
				.buildAsync(target.socketUri(active), new PresenceCounter(extra.id()))
				.get(30, TimeUnit.SECONDS);
			counter.awaitQuiet();
			long framesOneMore = counter.frames.get();
			long aboutExtra = counter.aboutExtra.get();
			System.out.printf("One more user (%d partners online, %d watchers) caused %d presence frames%n", PARTNERS,
					WATCHERS, framesOneMore);

			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("options", Map.of("usersInDatabase", people.size(), "socketsOpened", active, "partnersEach",
					PARTNERS, "conversations", pairs.size(), "watchersOfTheOneMore", WATCHERS));
			Map<String, Object> presence = new LinkedHashMap<>();
			presence.put("framesOpeningAllSockets", framesOpeningAll);
			presence.put("framesOpeningAllSocketsBroadcastRule", (long) active * (active - 1) / 2);
			presence.put("secondsToOpenAllSockets", Math.round(openSeconds * 10) / 10.0);
			presence.put("framesOneMoreUser", framesOneMore);
			presence.put("framesOneMoreUserAboutThatUser", aboutExtra);
			presence.put("boundOneMoreUser", PARTNERS + WATCHERS);
			presence.put("framesOneMoreUserBroadcastRule", active);
			figures.put("presence", presence);
			figures.put("getUsers", lookups);
			extraSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
			sockets.forEach((socket) -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
			System.out.println(figures);
			ReportFiles.write(options.output(), "presence-" + runId, figures, HtmlReport.presence(figures));
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * {@code GET /users} as {@value #USERS_CALLERS} callers ask it,
	 * {@value #USERS_ROUNDS} times each after {@value #USERS_WARMUP_ROUNDS} rounds not
	 * counted, in turn: latency, and whether each answer began with the caller's partners
	 * (five, or six for those the one more user chats with).
	 */
	private static Map<String, Object> usersLatency(HttpClient http, String url, List<BenchUser> people,
			List<String> cookies, int active) throws Exception {
		List<Double> plain = new ArrayList<>();
		List<Double> searched = new ArrayList<>();
		int partnersFirst = 0;
		int asked = 0;
		for (int round = -USERS_WARMUP_ROUNDS; round < USERS_ROUNDS; round++) {
			boolean counted = round >= 0;
			for (int caller = 0; caller < USERS_CALLERS; caller++) {
				int index = caller * (active / USERS_CALLERS);
				long started = System.nanoTime();
				String body = get(http, url + "/users", cookies.get(index));
				if (counted) {
					plain.add((System.nanoTime() - started) / 1e6);
				}
				Set<String> expected = new HashSet<>();
				for (int partner : partnersOf(index, active)) {
					expected.add(people.get(partner).id().toString());
				}
				if (index % (active / PARTNERS) == 0) {
					// One of the one more user's partners.
					expected.add(people.get(active).id().toString());
				}
				Set<String> first = new HashSet<>();
				Matcher ids = ID.matcher(body);
				while (first.size() < expected.size() && ids.find()) {
					first.add(ids.group(1));
				}
				if (counted) {
					partnersFirst += first.equals(expected) ? 1 : 0;
					asked++;
				}
				started = System.nanoTime();
				get(http,
						url + "/users?q="
								+ URLEncoder.encode("user " + (round + 3) + caller % 10, StandardCharsets.UTF_8),
						cookies.get(index));
				if (counted) {
					searched.add((System.nanoTime() - started) / 1e6);
				}
			}
		}
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("requests", asked);
		figures.put("answersWithThePartnersFirst", partnersFirst);
		figures.put("latencyMs", Percentiles.of(plain));
		figures.put("searchLatencyMs", Percentiles.of(searched));
		return figures;
	}

	/** The five partners of user {@code i} in a ring of {@code n}. */
	static int[] partnersOf(int i, int n) {
		return new int[] { (i + 1) % n, (i + 2) % n, (i + n - 1) % n, (i + n - 2) % n, (i + n / 2) % n };
	}

	/** Each pair of partners once. */
	static List<int[]> ring(int n) {
		List<int[]> pairs = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			pairs.add(new int[] { i, (i + 1) % n });
			pairs.add(new int[] { i, (i + 2) % n });
			if (i < n / 2) {
				pairs.add(new int[] { i, i + n / 2 });
			}
		}
		return pairs;
	}

	private static void send(HttpClient http, String url, String cookies, UserId receiver, String tempId)
			throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/messages/create"))
			.header("Content-Type", "application/json")
			.header("Cookie", cookies)
			.header("X-XSRF-TOKEN", xsrf(cookies))
			.POST(HttpRequest.BodyPublishers.ofString("{\"tempId\":\"" + tempId + "\",\"receiverId\":\"" + receiver
					+ "\",\"content\":\"hello partner\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 202) {
			throw new IllegalStateException(
					"Send " + tempId + " refused: " + response.statusCode() + " " + response.body());
		}
	}

	private static String get(HttpClient http, String url, String cookies) throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookies).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + " " + response.body());
		}
		return response.body();
	}

	private static String xsrf(String cookies) {
		return Arrays.stream(cookies.split("; "))
			.filter((cookie) -> cookie.startsWith("XSRF-TOKEN="))
			.map((cookie) -> cookie.substring("XSRF-TOKEN=".length()))
			.findFirst()
			.orElse("");
	}

	private static List<Integer> range(int count) {
		List<Integer> indexes = new ArrayList<>(count);
		for (int index = 0; index < count; index++) {
			indexes.add(index);
		}
		return indexes;
	}

	private static <T, R> List<R> parallel(ExecutorService pool, List<T> items, Task<T, R> task) throws Exception {
		List<Future<R>> running = new ArrayList<>(items.size());
		for (T item : items) {
			running.add(pool.submit(() -> task.run(item)));
		}
		List<R> results = new ArrayList<>(items.size());
		for (Future<R> result : running) {
			results.add(result.get());
		}
		return results;
	}

	@FunctionalInterface
	private interface Task<T, R> {

		R run(T item) throws Exception;

	}

	/**
	 * Counts the presence frames every socket of the run receives, and those about one
	 * user; the frames are matched as text, not parsed.
	 */
	private static final class PresenceCounter implements WebSocket.Listener {

		final AtomicLong frames = new AtomicLong();

		final AtomicLong aboutExtra = new AtomicLong();

		final AtomicLong pongs = new AtomicLong();

		private final AtomicLong lastFrameAt = new AtomicLong(System.nanoTime());

		private final String extra;

		PresenceCounter(UserId extra) {
			this.extra = "\"userId\":\"" + extra + "\"";
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(Long.MAX_VALUE);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			String frame = data.toString();
			if (frame.contains("\"type\":\"user-status-changed\"")) {
				this.frames.incrementAndGet();
				if (frame.contains(this.extra)) {
					this.aboutExtra.incrementAndGet();
				}
				this.lastFrameAt.set(System.nanoTime());
			}
			else if (frame.contains("\"type\":\"pong\"")) {
				this.pongs.incrementAndGet();
			}
			return null;
		}

		/** Waits until no presence frame arrived for a while. */
		void awaitQuiet() throws InterruptedException {
			this.lastFrameAt.set(System.nanoTime());
			while (System.nanoTime() - this.lastFrameAt.get() < QUIET.toNanos()) {
				Thread.sleep(200);
			}
		}

		void awaitPongs(int count) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (this.pongs.get() < count && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
		}

	}

}
