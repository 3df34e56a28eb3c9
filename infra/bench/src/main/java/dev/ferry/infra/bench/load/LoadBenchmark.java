package dev.ferry.infra.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
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
 * share, READ. Reports what was sent, acknowledged, received, lost and duplicated, the
 * latencies users feel, where the time goes per hop, and what each process cost.
 */
public final class LoadBenchmark {

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

	private final LoadOptions options;

	private final String runId = Long.toString(System.currentTimeMillis(), 36);

	private LoadBenchmark(LoadOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		LoadOptions options;
		try {
			options = LoadOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		new LoadBenchmark(options).run();
		System.exit(0);
	}

	private void run() throws Exception {
		StackProcess stack = null;
		String url = this.options.url();
		String jdbcUrl = this.options.jdbcUrl();
		String kafka = this.options.kafkaBootstrap();
		if (url == null) {
			System.out.println("Starting the embedded stack…");
			stack = StackProcess.start(Path.of("target", "bench-stack"));
			url = stack.url();
			jdbcUrl = stack.jdbcUrl();
			kafka = stack.kafkaBootstrap();
		}
		try {
			run(stack, url, jdbcUrl, kafka);
		}
		finally {
			if (stack != null) {
				stack.close();
			}
		}
	}

	private void run(StackProcess stack, String url, String jdbcUrl, String kafka) throws Exception {
		Ledger ledger = new Ledger();
		List<BenchUser> users = Population.create(jdbcUrl, this.runId, this.options.users());
		System.out.printf("Created %d users (run %s); logging in and opening sockets…%n", users.size(), this.runId);
		List<BenchClient> clients = connect(url, users, ledger);
		System.out.printf("%d sockets open%n", clients.size());
		Map<String, Double> cores;
		try (HopTaps taps = HopTaps.start(kafka, ledger)) {
			ProcessCpu cpu = new ProcessCpu(processGroups(stack));
			long measuredFrom = send(clients, ledger, cpu);
			cores = cpu.coresSinceStart();
			drain(ledger);
			LoadReport report = LoadReport.of(this.options, ledger, cores,
					Population.messagesSentBy(jdbcUrl, this.runId), Duration.ofNanos(System.nanoTime() - measuredFrom));
			report.print();
			Path file = report.write(this.options.output(), this.runId);
			System.out.println("JSON report: " + file);
		}
		clients.forEach(BenchClient::close);
	}

	private List<BenchClient> connect(String url, List<BenchUser> users, Ledger ledger) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		URI socketUri = URI.create(url.replaceFirst("^http", "ws") + "/ws");
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Future<BenchClient>> opening = new ArrayList<>();
			for (BenchUser user : users) {
				opening.add(pool.submit(() -> {
					String cookies = Login.cookies(http, url, user.email(), Population.PASSWORD);
					BenchClient client = new BenchClient(user.id(), ledger, this.options.readShare());
					http.newWebSocketBuilder()
						.header("Cookie", cookies)
						.buildAsync(socketUri, client)
						.get(30, TimeUnit.SECONDS);
					return client;
				}));
			}
			List<BenchClient> clients = new ArrayList<>();
			for (Future<BenchClient> client : opening) {
				clients.add(client.get());
			}
			return clients;
		}
		finally {
			pool.shutdown();
		}
	}

	/**
	 * Sends at the rate for warm-up plus measured time; returns when measuring began.
	 */
	private long send(List<BenchClient> clients, Ledger ledger, ProcessCpu cpu) {
		int rate = this.options.rate();
		long warmupMessages = rate * this.options.warmup().toSeconds();
		long total = warmupMessages + rate * this.options.duration().toSeconds();
		long start = System.nanoTime();
		long measuredFrom = start + this.options.warmup().toNanos();
		long nextProgress = start + TimeUnit.SECONDS.toNanos(5);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		List<List<BenchClient>> contacts = contacts(clients, random);
		for (long index = 0; index < total; index++) {
			long due = start + index * 1_000_000_000L / rate;
			if (index == warmupMessages) {
				cpu.start();
				System.out.println("Warm-up done; measuring…");
			}
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			int senderIndex = random.nextInt(clients.size());
			BenchClient sender = clients.get(senderIndex);
			List<BenchClient> peers = contacts.get(senderIndex);
			BenchClient receiver = peers.get(random.nextInt(peers.size()));
			String tempId = "b" + this.runId + "-" + index;
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
	private List<List<BenchClient>> contacts(List<BenchClient> clients, ThreadLocalRandom random) {
		int count = Math.min(this.options.contacts(), clients.size() - 1);
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
		while (outstanding > 0 && System.nanoTime() - lastProgress < DRAIN_TIMEOUT.toNanos()) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
			long now = outstanding(ledger);
			if (now < outstanding) {
				lastProgress = System.nanoTime();
			}
			outstanding = now;
		}
		// Receipts and hop taps trail the last message a little.
		LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
	}

	private static long outstanding(Ledger ledger) {
		return ledger.all().stream().filter((message) -> message.receivedNanos == 0).count();
	}

	private static Map<String, List<ProcessHandle>> processGroups(StackProcess stack) {
		Map<String, List<ProcessHandle>> groups = new LinkedHashMap<>();
		if (stack != null) {
			groups.put("kafka (stack JVM)", List.of(stack.handle()));
			groups.putAll(stack.processes());
		}
		groups.put("load generator", List.of(ProcessHandle.current()));
		return groups;
	}

}
