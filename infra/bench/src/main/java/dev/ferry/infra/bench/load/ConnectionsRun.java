package dev.ferry.infra.bench.load;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ferry.infra.bench.load.Population.BenchUser;

/**
 * Opens idle sockets up to a target and samples what the gateway holds for them: heap
 * after a full collection (through {@code jcmd}) and resident memory (from
 * {@code /proc}). Stops at the first socket the machine or the gateway refuses, and says
 * why.
 */
final class ConnectionsRun {

	private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

	private static final int BATCH = 500;

	private ConnectionsRun() {
	}

	static void run(LoadOptions options, ChatLoad.Target target, String runId) throws Exception {
		int userCount = Math.max(1, (options.sockets() + options.socketsPerUser() - 1) / options.socketsPerUser());
		List<BenchUser> users = Population.create(target.jdbcUrl(), runId, userCount);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		List<String> cookies = new ArrayList<>();
		for (BenchUser user : users) {
			cookies.add(Login.cookies(http, target.url(), user.email(), Population.PASSWORD));
		}
		ProcessHandle gateway = (target.stack() != null) ? target.stack().processes().get("gateway").get(0) : null;
		Ledger ignored = new Ledger();
		List<BenchClient> sockets = new ArrayList<>();
		List<Map<String, Object>> samples = new ArrayList<>();
		samples.add(sample(0, gateway));
		int sampleEvery = Math.max(BATCH, options.sockets() / 10 / BATCH * BATCH);
		String stoppedBecause = "Target reached.";
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			while (sockets.size() < options.sockets()) {
				int batch = Math.min(BATCH, options.sockets() - sockets.size());
				List<Future<BenchClient>> opening = new ArrayList<>();
				for (int i = 0; i < batch; i++) {
					int index = sockets.size() + i;
					BenchUser user = users.get(index % users.size());
					String cookie = cookies.get(index % users.size());
					opening.add(pool.submit(() -> {
						BenchClient client = new BenchClient(user.id(), ignored, 0);
						http.newWebSocketBuilder()
							.header("Cookie", cookie)
							.buildAsync(target.socketUri(index), client)
							.get(30, TimeUnit.SECONDS);
						return client;
					}));
				}
				String failure = collect(opening, sockets);
				if (failure != null) {
					stoppedBecause = "Stopped at " + sockets.size() + " sockets: " + failure;
					break;
				}
				if (sockets.size() % sampleEvery == 0 || sockets.size() == options.sockets()) {
					samples.add(sample(sockets.size(), gateway));
					System.out.printf("%,d idle sockets open%n", sockets.size());
				}
			}
			samples.add(sample(sockets.size(), gateway));
		}
		finally {
			pool.shutdownNow();
		}
		Map<String, Object> figures = figures(options, samples, sockets.size(), stoppedBecause);
		System.out.println(figures);
		ReportFiles.write(options.output(), "connections-" + runId, figures, HtmlReport.connections(figures));
		sockets.forEach(BenchClient::close);
	}

	private static String collect(List<Future<BenchClient>> opening, List<BenchClient> sockets) {
		String failure = null;
		for (Future<BenchClient> socket : opening) {
			try {
				sockets.add(socket.get());
			}
			catch (Exception ex) {
				Throwable cause = ex;
				while (cause.getCause() != null) {
					cause = cause.getCause();
				}
				failure = cause.getClass().getSimpleName() + ": " + cause.getMessage();
			}
		}
		return failure;
	}

	private static Map<String, Object> figures(LoadOptions options, List<Map<String, Object>> samples, int reached,
			String stoppedBecause) throws IOException {
		Map<String, Object> first = samples.get(0);
		Map<String, Object> last = samples.get(samples.size() - 1);
		Map<String, Object> perThousand = new LinkedHashMap<>();
		if (reached > 0) {
			for (String key : List.of("gatewayHeapAfterGcMiB", "gatewayRssMiB", "loadGeneratorRssMiB")) {
				double grown = ((Number) last.get(key)).doubleValue() - ((Number) first.get(key)).doubleValue();
				perThousand.put(key, grown / reached * 1000);
			}
			perThousand.put("gateway heap for 100,000 sockets (MiB, projected)",
					((Number) first.get("gatewayHeapAfterGcMiB")).doubleValue()
							+ (double) perThousand.get("gatewayHeapAfterGcMiB") * 100);
		}
		Map<String, Object> limits = new LinkedHashMap<>();
		limits.put("open files per process (hard limit)", hardOpenFilesLimit());
		limits.put("ephemeral ports per local address",
				Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().replace('\t', '-'));
		limits.put("gateway heap limit", (options.url() == null) ? "-Xmx2g" : "as configured");
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("date", Instant.now().toString());
		figures.put("options", ReportFiles.ordered("sockets", options.sockets(), "socketsPerUser",
				options.socketsPerUser(), "target", (options.url() != null) ? options.url() : "embedded stack"));
		figures.put("reached", reached);
		figures.put("stoppedBecause", stoppedBecause);
		figures.put("perThousandSockets", perThousand);
		figures.put("limits", limits);
		figures.put("samples", samples);
		return figures;
	}

	private static Map<String, Object> sample(int sockets, ProcessHandle gateway) {
		Map<String, Object> sample = new LinkedHashMap<>();
		sample.put("sockets", sockets);
		sample.put("gatewayHeapAfterGcMiB", (gateway != null) ? heapAfterGc(gateway) : 0.0);
		sample.put("gatewayRssMiB", (gateway != null) ? rss(gateway.pid()) : 0.0);
		sample.put("loadGeneratorRssMiB", rss(ProcessHandle.current().pid()));
		return sample;
	}

	/** Heap in use after a full collection, as {@code jcmd GC.heap_info} tells it. */
	private static double heapAfterGc(ProcessHandle process) {
		jcmd(process, "GC.run");
		Matcher used = HEAP_USED.matcher(jcmd(process, "GC.heap_info"));
		return used.find() ? Long.parseLong(used.group(1)) / 1024.0 : 0;
	}

	private static String jcmd(ProcessHandle process, String command) {
		try {
			Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
					Long.toString(process.pid()), command)
				.redirectErrorStream(true)
				.start();
			String output = new String(jcmd.getInputStream().readAllBytes());
			jcmd.waitFor(60, TimeUnit.SECONDS);
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("jcmd failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static double rss(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
				}
			}
		}
		catch (IOException ex) {
			// Not on Linux, or the process is gone.
		}
		return 0;
	}

	private static String hardOpenFilesLimit() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
			if (line.startsWith("Max open files")) {
				return line.trim().split("\\s+")[4];
			}
		}
		return "unknown";
	}

}
