package dev.ferry.infra.bench.load;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ferry.infra.bench.load.Population.BenchUser;

/**
 * Opens idle sockets up to a target and samples what the gateway holds for them: heap
 * after a full collection (through {@code jcmd}) and resident memory (from
 * {@code /proc}). The sockets are held by {@link IdleSocketHolder} processes, as many as
 * their open-files limit requires, and offer {@code permessage-deflate} as browsers do.
 * Stops at the first socket the machine or the gateway refuses, and says why.
 */
final class ConnectionsRun {

	/** A row of {@code GC.class_histogram}: number, instances, bytes, class. */
	private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

	private static final int BATCH = 500;

	private ConnectionsRun() {
	}

	static void run(LoadOptions options, ChatLoad.Target target, String runId) throws Exception {
		int userCount = Math.max(1, (options.sockets() + options.socketsPerUser() - 1) / options.socketsPerUser());
		List<BenchUser> users = Population.create(target.database(), runId, userCount);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		List<String> cookies = new ArrayList<>();
		for (BenchUser user : users) {
			cookies.add(Login.cookies(http, target.url(), user.email(), Population.PASSWORD));
		}
		Path cookieFile = Files.createTempFile("ferry-bench-cookies", ".txt");
		Files.write(cookieFile, cookies);
		ProcessHandle gateway = (target.stack() != null) ? target.stack().processes().get("gateway").get(0) : null;
		int perProcess = socketsPerHolder();
		List<Holder> holders = new ArrayList<>();
		List<Map<String, Object>> samples = new ArrayList<>();
		samples.add(sample(0, gateway, holders));
		Map<String, long[]> before = (gateway != null) ? histogram(gateway) : Map.of();
		int sampleEvery = Math.max(BATCH, options.sockets() / 10 / BATCH * BATCH);
		String stoppedBecause = "Target reached.";
		String perSocket = null;
		try {
			while (total(holders, Holder::open) < options.sockets()) {
				if (holders.isEmpty() || holders.get(holders.size() - 1).open >= perProcess) {
					holders.add(Holder.start(target, cookieFile));
				}
				Holder holder = holders.get(holders.size() - 1);
				int reached = total(holders, Holder::open);
				String failure = holder
					.open(Math.min(BATCH, Math.min(options.sockets() - reached, perProcess - holder.open)), reached);
				reached = total(holders, Holder::open);
				if (failure != null) {
					stoppedBecause = "Stopped at " + reached + " sockets: " + failure;
					break;
				}
				if (reached % sampleEvery == 0 || reached == options.sockets()) {
					samples.add(sample(reached, gateway, holders));
					System.out.printf("%,d idle sockets open (%d load-generator processes, deflate accepted on %,d)%n",
							reached, holders.size(), total(holders, Holder::deflateAccepted));
				}
			}
			samples.add(sample(total(holders, Holder::open), gateway, holders));
			if (gateway != null && total(holders, Holder::open) > 0) {
				perSocket = perSocket(before, histogram(gateway), total(holders, Holder::open));
			}
			int closedByGateway = total(holders, Holder::closed);
			if (closedByGateway > 0) {
				stoppedBecause += " The gateway closed " + closedByGateway + " of them.";
			}
		}
		finally {
			holders.forEach(Holder::stop);
			Files.deleteIfExists(cookieFile);
		}
		Map<String, Object> figures = figures(options, samples, total(holders, Holder::open), stoppedBecause);
		figures.put("deflateAccepted", total(holders, Holder::deflateAccepted));
		figures.put("loadGeneratorProcesses", holders.size());
		System.out.println(figures);
		ReportFiles.write(options.output(), "connections-" + runId, figures, HtmlReport.connections(figures));
		if (perSocket != null) {
			Path file = options.output().resolve("connections-" + runId + "-per-socket.txt");
			Files.writeString(file, perSocket);
			System.out.println("What one idle socket holds, by class: " + file.toAbsolutePath());
		}
	}

	/** A count summed over the holder processes. */
	private static int total(List<Holder> holders, ToIntFunction<Holder> count) {
		return holders.stream().mapToInt(count).sum();
	}

	/**
	 * As many sockets as one holder process can keep within its open-files limit, less
	 * what the JVM itself holds open.
	 */
	private static int socketsPerHolder() throws IOException {
		String limit = hardOpenFilesLimit();
		return limit.equals("unlimited") ? 100_000 : Integer.parseInt(limit) - 1_000;
	}

	/** A process of {@link IdleSocketHolder} and what it last said. */
	private static final class Holder {

		private final Process process;

		private final BufferedWriter commands;

		private final BufferedReader answers;

		private int open;

		private int deflateAccepted;

		private int closed;

		private Holder(Process process) {
			this.process = process;
			this.commands = new BufferedWriter(
					new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
			this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		}

		static Holder start(ChatLoad.Target target, Path cookieFile) throws IOException {
			List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
					"-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), IdleSocketHolder.class.getName(),
					target.url(), cookieFile.toString(), Integer.toString(target.addresses()));
			return new Holder(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
		}

		/**
		 * Opens sockets and takes in the counts the process answers with.
		 * @return why it stopped opening, or {@code null} if every socket opened
		 */
		String open(int count, int first) throws IOException {
			this.commands.write("open " + count + " " + first + "\n");
			this.commands.flush();
			String answer = this.answers.readLine();
			if (answer == null) {
				return "the load-generator process ended";
			}
			String[] words = answer.split(" ", 3);
			this.open = Integer.parseInt(words[1]);
			if (words[0].equals("failed")) {
				return words[2];
			}
			String[] counts = words[2].split(" ");
			this.deflateAccepted = Integer.parseInt(counts[0]);
			this.closed = Integer.parseInt(counts[1]);
			return null;
		}

		int open() {
			return this.open;
		}

		int deflateAccepted() {
			return this.deflateAccepted;
		}

		int closed() {
			return this.closed;
		}

		long pid() {
			return this.process.pid();
		}

		void stop() {
			this.process.destroy();
		}

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

	private static Map<String, Object> sample(int sockets, ProcessHandle gateway, List<Holder> holders) {
		Map<String, Object> sample = new LinkedHashMap<>();
		sample.put("sockets", sockets);
		sample.put("gatewayHeapAfterGcMiB", (gateway != null) ? Jcmd.heapAfterGcMiB(gateway) : 0.0);
		sample.put("gatewayRssMiB", (gateway != null) ? rss(gateway.pid()) : 0.0);
		sample.put("loadGeneratorRssMiB", holders.stream().mapToDouble((holder) -> rss(holder.pid())).sum());
		return sample;
	}

	/** Instances and bytes by class, live objects only (the histogram collects first). */
	private static Map<String, long[]> histogram(ProcessHandle gateway) {
		Map<String, long[]> classes = new HashMap<>();
		for (String line : Jcmd.run(gateway, "GC.class_histogram").split("\n")) {
			Matcher row = HISTOGRAM_ROW.matcher(line);
			if (row.find()) {
				classes.put(row.group(3), new long[] { Long.parseLong(row.group(1)), Long.parseLong(row.group(2)) });
			}
		}
		return classes;
	}

	/**
	 * What the sockets added to the heap, class by class, per socket: where to look for
	 * what is left.
	 */
	private static String perSocket(Map<String, long[]> before, Map<String, long[]> after, int sockets) {
		StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%12s %12s  %s%n", "instances/socket",
				"bytes/socket", "class (growth from 0 to " + sockets + " sockets, largest first)"));
		after.entrySet().stream().map((entry) -> {
			long[] was = before.getOrDefault(entry.getKey(), new long[2]);
			return Map.entry(entry.getKey(), new double[] { (entry.getValue()[0] - was[0]) / (double) sockets,
					(entry.getValue()[1] - was[1]) / (double) sockets });
		})
			.filter((entry) -> entry.getValue()[1] >= 8)
			.sorted((a, b) -> Double.compare(b.getValue()[1], a.getValue()[1]))
			.forEach((entry) -> table.append(String.format(Locale.ROOT, "%16.2f %12.1f  %s%n", entry.getValue()[0],
					entry.getValue()[1], entry.getKey())));
		return table.toString();
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
