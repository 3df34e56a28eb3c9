package dev.ferry.infra.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.ferry.infra.bench.load.Population.BenchUser;
import org.HdrHistogram.Histogram;

/**
 * Chat load as users make it: U users with a socket each send to random others at an
 * aggregate rate for a while after a warm-up; receivers report DELIVERED and, for a
 * share, READ. One instance keeps its users and sockets for several steps (a ramp).
 */
final class ChatLoad implements AutoCloseable {

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

	private final LoadOptions options;

	private final Target target;

	private final String runId;

	private final List<BenchClient> clients;

	private final List<List<BenchClient>> contacts;

	private ChatLoad(LoadOptions options, Target target, String runId, List<BenchClient> clients) {
		this.options = options;
		this.target = target;
		this.runId = runId;
		this.clients = clients;
		this.contacts = contacts(clients, options.contacts());
	}

	/** Creates the users, logs each in and opens a socket for each. */
	static ChatLoad connect(LoadOptions options, Target target, String runId) throws Exception {
		List<BenchUser> users = Population.create(target.database(), runId, options.users());
		System.out.printf("Created %d users (run %s); logging in and opening sockets…%n", users.size(), runId);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		Ledger ledger = new Ledger();
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Future<BenchClient>> opening = new ArrayList<>();
			for (int index = 0; index < users.size(); index++) {
				BenchUser user = users.get(index);
				URI socketUri = target.socketUri(index);
				opening.add(pool.submit(() -> {
					BenchClient client = new BenchClient(user.id(), ledger, options.readShare());
					http.newWebSocketBuilder()
						.header("Cookie", Login.cookies(http, target.url(), user.email(), Population.PASSWORD))
						.buildAsync(socketUri, client)
						.get(30, TimeUnit.SECONDS);
					return client;
				}));
			}
			List<BenchClient> clients = new ArrayList<>();
			for (Future<BenchClient> client : opening) {
				clients.add(client.get());
			}
			System.out.printf("%d sockets open%n", clients.size());
			return new ChatLoad(options, target, runId, clients);
		}
		finally {
			pool.shutdown();
		}
	}

	/**
	 * Sends at {@code rate} for the warm-up and the measured time, waits for what is
	 * outstanding, and reports.
	 */
	LoadReport step(String stepId, int rate, Duration warmup, Duration duration) throws Exception {
		Ledger ledger = new Ledger();
		this.clients.forEach((client) -> client.recordInto(ledger));
		try (HopTaps taps = this.options.hops() ? HopTaps.start(this.target.kafkaBootstrap(), ledger)
				: HopTaps.none()) {
			ProcessCpu cpu = new ProcessCpu(this.target.processGroups());
			PostgresStatements statements = PostgresStatements.of(this.target.database());
			ThreadCpu threads = new ThreadCpu(
					(this.target.stack() != null) ? this.target.stack().handle() : ProcessHandle.current());
			String tempIdPrefix = "b" + this.runId + "-" + stepId + "-";
			long measuredFrom = send(ledger, () -> {
				cpu.start();
				threads.start();
				statements.start();
			}, tempIdPrefix, rate, warmup, duration);
			Map<String, Double> cores = cpu.coresSinceStart();
			Map<String, Double> stackThreads = threads.coresSinceStart();
			Map<String, Object> persistenceStatements = statements.perPoll();
			drain(ledger);
			return LoadReport.of(this.options, new LoadReport.Step(rate, warmup, duration), ledger, cores, stackThreads,
					persistenceStatements, Population.messagesWithTempIdPrefix(this.target.database(), tempIdPrefix),
					Duration.ofNanos(System.nanoTime() - measuredFrom));
		}
	}

	/** Sends at the rate for warm-up plus measured time; returns when measuring began. */
	private long send(Ledger ledger, Runnable measuring, String tempIdPrefix, int rate, Duration warmup,
			Duration duration) {
		long warmupMessages = rate * warmup.toSeconds();
		long total = warmupMessages + rate * duration.toSeconds();
		long start = System.nanoTime();
		long measuredFrom = start + warmup.toNanos();
		long nextProgress = start + TimeUnit.SECONDS.toNanos(5);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (long index = 0; index < total; index++) {
			long due = start + index * 1_000_000_000L / rate;
			if (index == warmupMessages) {
				measuring.run();
				System.out.println("Warm-up done; measuring…");
			}
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			int senderIndex = random.nextInt(this.clients.size());
			BenchClient sender = this.clients.get(senderIndex);
			List<BenchClient> peers = this.contacts.get(senderIndex);
			BenchClient receiver = peers.get(random.nextInt(peers.size()));
			String tempId = tempIdPrefix + index;
			ledger.sent(tempId, sender.user(), receiver.user(), due, index >= warmupMessages);
			sender.sendMessage(tempId, receiver.user(), "Bench message " + index + " from a load generator");
			if (System.nanoTime() > nextProgress) {
				progress(ledger, start, index + 1);
				nextProgress += TimeUnit.SECONDS.toNanos(5);
			}
		}
		return measuredFrom;
	}

	/**
	 * Whom each user writes to: a few others picked once, as people keep writing to the
	 * same friends (every message to a stranger would open a new conversation).
	 */
	private static List<List<BenchClient>> contacts(List<BenchClient> clients, int wanted) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int count = Math.min(wanted, clients.size() - 1);
		List<List<BenchClient>> contacts = new ArrayList<>();
		for (int index = 0; index < clients.size(); index++) {
			Set<Integer> picked = new LinkedHashSet<>();
			while (picked.size() < count) {
				int other = random.nextInt(clients.size());
				if (other != index) {
					picked.add(other);
				}
			}
			contacts.add(picked.stream().map(clients::get).toList());
		}
		return contacts;
	}

	private static void progress(Ledger ledger, long start, long sent) {
		Histogram recent = new Histogram(Ledger.MAX_MICROS, 2);
		long second = ledger.secondOf(System.nanoTime());
		ledger.endToEndBySecond.forEach((at, histogram) -> {
			if (at >= second - 5) {
				synchronized (histogram) {
					recent.add(histogram);
				}
			}
		});
		long received = ledger.all().stream().filter((message) -> message.receivedNanos != 0).count();
		System.out.printf("[%4.0f s] sent %,d  received %,d  e2e p99 (last 5 s) %s%n",
				(System.nanoTime() - start) / 1e9, sent, received, (recent.getTotalCount() > 0)
						? String.format("%.1f ms", recent.getValueAtPercentile(99) / 1000.0) : "(warming up)");
	}

	/**
	 * Waits until everything acknowledged arrived, as long as messages keep arriving: a
	 * backlog drains however long it takes; only {@link #DRAIN_TIMEOUT} without progress
	 * ends the wait, and what is missing then counts as lost.
	 */
	private static void drain(Ledger ledger) {
		long outstanding = outstanding(ledger);
		long lastProgress = System.nanoTime();
		long nextProgress = lastProgress + TimeUnit.SECONDS.toNanos(10);
		while (outstanding > 0 && System.nanoTime() - lastProgress < DRAIN_TIMEOUT.toNanos()) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
			long now = outstanding(ledger);
			if (now < outstanding) {
				lastProgress = System.nanoTime();
			}
			outstanding = now;
			if (System.nanoTime() > nextProgress) {
				System.out.printf("  draining: %,d messages not received yet%n", outstanding);
				nextProgress += TimeUnit.SECONDS.toNanos(10);
			}
		}
		// Receipts and hop taps trail the last message a little.
		LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
	}

	private static long outstanding(Ledger ledger) {
		return ledger.all().stream().filter((message) -> message.receivedNanos == 0).count();
	}

	@Override
	public void close() {
		this.clients.forEach(BenchClient::close);
	}

	/**
	 * Where the load goes: the gateway's URL, its database and Kafka, and the processes
	 * whose CPU is measured.
	 */
	record Target(String url, BenchDatabase database, String kafkaBootstrap, StackProcess stack, int addresses) {

		/**
		 * Sockets spread over 127.0.0.1…127.0.0.N when the gateway is local: each address
		 * has its own range of ephemeral ports.
		 */
		URI socketUri(int index) {
			String base = this.url.replaceFirst("^http", "ws");
			if (this.addresses > 1 && base.contains("://localhost:")) {
				base = base.replace("://localhost:", "://127.0.0." + (1 + index % this.addresses) + ":");
			}
			return URI.create(base + "/ws");
		}

		Map<String, List<ProcessHandle>> processGroups() {
			Map<String, List<ProcessHandle>> groups = new LinkedHashMap<>();
			if (this.stack != null) {
				groups.put(this.stack.separateProcesses() ? "kafka (stack JVM)" : "stack JVM (Kafka + services)",
						List.of(this.stack.handle()));
				groups.putAll(this.stack.processes());
			}
			groups.put("load generator", List.of(ProcessHandle.current()));
			return groups;
		}

	}

}
