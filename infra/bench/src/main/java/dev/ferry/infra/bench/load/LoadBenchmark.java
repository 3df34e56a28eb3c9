package dev.ferry.infra.bench.load;

import java.nio.file.Path;
import java.util.Map;

import dev.ferry.infra.devstack.DatabaseLogin;
import dev.ferry.infra.devstack.JvmOptions;
import dev.ferry.infra.embedded.EmbeddedPostgresServer;

/**
 * The chat load generator's entry point: starts the embedded stack (or uses the one given
 * by URL) and runs the chosen mode: one rate, a ramp, idle connections, presence at
 * scale, uploads, or groups.
 */
public final class LoadBenchmark {

	private LoadBenchmark() {
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
		run(options);
		System.exit(0);
	}

	private static void run(LoadOptions options) throws Exception {
		String runId = Long.toString(System.currentTimeMillis(), 36);
		if (options.mode().equals("compression")) {
			Map<String, Object> figures = FrameCompression.measure();
			figures.forEach((frame, sizes) -> System.out.println(frame + ": " + sizes));
			ReportFiles.write(options.output(), "compression-" + runId, figures, HtmlReport.compression(figures));
			return;
		}
		StackProcess stack = null;
		ChatLoad.Target target;
		int addresses = addressesFor(options);
		if (options.url() == null) {
			System.out.println("Starting the embedded stack…");
			// Connections mode measures the gateway against the 2 GiB heap target, with
			// each user's sockets (tabs) allowed past the usual cap: few users keep the
			// logins short.
			Map<String, String> environment = options.mode().equals("connections")
					? Map.of(JvmOptions.VARIABLE, JvmOptions.withMaxHeap("2g"),
							"FERRY_GATEWAY_SOCKET_MAXSOCKETSPERUSER", Integer.toString(options.socketsPerUser()))
					: Map.of();
			stack = StackProcess.start(Path.of("target", "bench-stack"), environment, options.separateProcesses(),
					options.mode().equals("groups"));
			target = new ChatLoad.Target(stack.url(), new BenchDatabase(stack.jdbcUrl(), stack.credentials().owner()),
					stack.kafkaBootstrap(), stack, addresses);
		}
		else {
			target = new ChatLoad.Target(options.url(),
					new BenchDatabase(options.jdbcUrl(),
							new DatabaseLogin(EmbeddedPostgresServer.SUPERUSER, options.jdbcPassword())),
					options.kafkaBootstrap(), null, addresses);
		}
		try {
			switch (options.mode()) {
				case "ramp" -> RampRun.run(options, target, runId);
				case "connections" -> ConnectionsRun.run(options, target, runId);
				case "presence" -> PresenceRun.run(options, target, runId);
				case "uploads" -> UploadsRun.run(options, target, runId);
				case "groups" -> GroupsRun.run(options, target, requireSecondGateway(stack), runId);
				case "group-reads" -> GroupReadsRun.run(options, target, runId);
				default -> singleRate(options, target, runId);
			}
		}
		finally {
			if (stack != null) {
				stack.close();
			}
		}
	}

	/** The groups mode spreads sockets over two gateway nodes: the embedded stack's. */
	private static String requireSecondGateway(StackProcess stack) {
		if (stack == null) {
			throw new IllegalArgumentException(
					"--mode=groups runs its own stack with two gateway nodes: leave out --url");
		}
		return stack.secondUrl();
	}

	private static void singleRate(LoadOptions options, ChatLoad.Target target, String runId) throws Exception {
		try (ChatLoad load = ChatLoad.connect(options, target, runId)) {
			LoadReport report = load.step("run", options.rate(), options.warmup(), options.duration());
			report.print();
			ReportFiles.write(options.output(), "load-" + runId, report.figures(), HtmlReport.run(report.figures()));
		}
	}

	/**
	 * Each local address has its own ~28,000 ephemeral ports: enough addresses that the
	 * sockets never run out of them.
	 */
	private static int addressesFor(LoadOptions options) {
		int sockets = options.mode().equals("connections") ? options.sockets() : options.users();
		return Math.max(1, (sockets + 19_999) / 20_000);
	}

}
