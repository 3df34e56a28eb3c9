package dev.ferry.infra.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import dev.ferry.contracts.topic.Topics;
import dev.ferry.infra.bench.load.Population.BenchUser;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Groups at scale: for each size, a group whose members each have a socket, every other
 * one on the second gateway node; messages from random members at each rate in turn, each
 * timed from the send to every other member's socket; Kafka's records per message counted
 * from the topics' offsets.
 */
final class GroupsRun {

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

	private static final long P99_LIMIT_MICROS = 500_000;

	private GroupsRun() {
	}

	static void run(LoadOptions options, ChatLoad.Target target, String secondUrl, String runId) throws Exception {
		int members = options.groupSizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
		List<BenchUser> users = Population.create(target.database(), runId, members);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		GroupDeliveries deliveries = new GroupDeliveries();
		List<String> urls = List.of(target.url(), secondUrl);
		List<String> cookies = new ArrayList<>();
		List<GroupSocket> sockets = open(http, users, urls, deliveries, cookies);
		System.out.printf("%d members' sockets open on two gateway nodes%n", sockets.size());
		List<Map<String, Object>> steps = new ArrayList<>();
		try (Admin offsets = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafkaBootstrap()))) {
			for (int size : options.groupSizes()) {
				String group = createGroup(http, target.url(), cookies.get(0), users.subList(1, size));
				waitFor(() -> deliveries.groupChanges(group) >= size, Duration.ofSeconds(60),
						"every member told of group " + group);
				for (int rate : options.groupRates()) {
					Map<String, Object> step = step(options, target, deliveries, sockets.subList(0, size), group, rate,
							runId, offsets);
					steps.add(step);
					System.out.println(step);
					if ((long) step.get("p99Micros") > P99_LIMIT_MICROS || (long) step.get("lost") > 0) {
						break;
					}
				}
			}
		}
		finally {
			sockets.forEach(GroupSocket::close);
		}
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("mode", "groups");
		figures.put("steps", steps);
		ReportFiles.write(options.output(), "groups-" + runId, figures, html(steps));
	}

	private static Map<String, Object> step(LoadOptions options, ChatLoad.Target target, GroupDeliveries deliveries,
			List<GroupSocket> members, String group, int rate, String runId, Admin offsets) throws Exception {
		deliveries.expect(members.size() - 1);
		long eventsBefore = endOffsets(offsets, Topics.EVENTS.name());
		long pushesBefore = endOffsets(offsets, Topics.DELIVERY.name());
		ProcessCpu cpu = new ProcessCpu(target.processGroups());
		long warmup = rate * options.warmup().toSeconds();
		long total = warmup + rate * options.duration().toSeconds();
		long start = System.nanoTime();
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (long index = 0; index < total; index++) {
			if (index == warmup) {
				deliveries.measure();
				cpu.start();
			}
			long wait = start + index * 1_000_000_000L / rate - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			String tempId = "g" + runId + "-" + members.size() + "-" + rate + "-" + index;
			deliveries.sending(tempId, System.nanoTime());
			members.get(random.nextInt(members.size())).sendToGroup(tempId, group, "group message " + index);
		}
		Map<String, Double> cores = cpu.coresSinceStart();
		long drainedBy = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
		while (deliveries.missing() > 0 && System.nanoTime() < drainedBy) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
		}
		long events = endOffsets(offsets, Topics.EVENTS.name()) - eventsBefore;
		long pushes = endOffsets(offsets, Topics.DELIVERY.name()) - pushesBefore;
		Map<String, Object> step = new LinkedHashMap<>();
		step.put("members", members.size());
		step.put("rate", rate);
		step.put("deliveriesPerSecond", rate * (members.size() - 1));
		step.put("messages", total);
		Histogram perDelivery = deliveries.perDelivery;
		step.put("p50Micros", perDelivery.getValueAtPercentile(50));
		step.put("p99Micros", perDelivery.getValueAtPercentile(99));
		step.put("maxMicros", perDelivery.getMaxValue());
		step.put("lastMemberP50Micros", deliveries.lastMember.getValueAtPercentile(50));
		step.put("lastMemberP99Micros", deliveries.lastMember.getValueAtPercentile(99));
		step.put("lost", deliveries.missing());
		step.put("errors", deliveries.failures());
		step.put("eventRecordsPerMessage", (double) events / total);
		step.put("pushRecordsPerMessage", (double) pushes / total);
		step.put("cores", cores);
		return step;
	}

	private static List<GroupSocket> open(HttpClient http, List<BenchUser> users, List<String> urls,
			GroupDeliveries deliveries, List<String> cookies) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Future<String>> logins = new ArrayList<>();
			List<Future<GroupSocket>> opening = new ArrayList<>();
			for (int index = 0; index < users.size(); index++) {
				BenchUser user = users.get(index);
				String url = urls.get(index % urls.size());
				logins.add(pool.submit(() -> Login.cookies(http, url, user.email(), Population.PASSWORD)));
			}
			for (int index = 0; index < users.size(); index++) {
				cookies.add(logins.get(index).get());
				String cookie = cookies.get(index);
				URI socketUri = URI.create(urls.get(index % urls.size()).replaceFirst("^http", "ws") + "/ws");
				GroupSocket socket = new GroupSocket(users.get(index).id(), deliveries);
				opening.add(pool.submit(() -> {
					http.newWebSocketBuilder()
						.header("Cookie", cookie)
						.buildAsync(socketUri, socket)
						.get(30, TimeUnit.SECONDS);
					return socket;
				}));
			}
			List<GroupSocket> sockets = new ArrayList<>();
			for (Future<GroupSocket> socket : opening) {
				sockets.add(socket.get());
			}
			return sockets;
		}
		finally {
			pool.shutdown();
		}
	}

	/** Creates the group as its first member, with the others, over REST. */
	private static String createGroup(HttpClient http, String url, String cookies, List<BenchUser> others)
			throws Exception {
		String xsrf = cookies.replaceAll("^.*XSRF-TOKEN=([^;]*).*$", "$1");
		String body = "{\"title\":\"Bench " + (others.size() + 1) + "\",\"memberIds\":["
				+ others.stream().map((user) -> "\"" + user.id() + "\"").collect(Collectors.joining(",")) + "]}";
		HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(url + "/conversations"))
			.header("Content-Type", "application/json")
			.header("Cookie", cookies)
			.header("X-XSRF-TOKEN", xsrf)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (created.statusCode() != 202) {
			throw new IllegalStateException("Group not created: " + created.statusCode() + " " + created.body());
		}
		return FrameFields.text(created.body(), "conversationId");
	}

	/** The sum of a topic's end offsets: how many records it ever took. */
	private static long endOffsets(Admin admin, String topic) throws Exception {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get()
			.get(topic)
			.partitions()
			.forEach((partition) -> latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
		return admin.listOffsets(latest)
			.all()
			.get()
			.values()
			.stream()
			.mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
			.sum();
	}

	private static void waitFor(BooleanSupplier condition, Duration timeout, String what) {
		long until = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > until) {
				throw new IllegalStateException("Timed out waiting for " + what);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
		}
	}

	private static String html(List<Map<String, Object>> steps) {
		StringBuilder rows = new StringBuilder();
		for (Map<String, Object> step : steps) {
			rows.append("<tr>");
			for (String column : List.of("members", "rate", "deliveriesPerSecond", "p50Micros", "p99Micros",
					"lastMemberP99Micros", "lost", "eventRecordsPerMessage", "pushRecordsPerMessage")) {
				rows.append("<td>").append(step.get(column)).append("</td>");
			}
			rows.append("</tr>\n");
		}
		return """
				<!doctype html><meta charset="utf-8"><title>Ferry groups</title>
				<table border="1"><tr><th>members</th><th>msgs/s</th><th>deliveries/s</th><th>p50 µs</th>
				<th>p99 µs</th><th>last member p99 µs</th><th>lost</th><th>event records/msg</th>
				<th>push records/msg</th></tr>
				""" + rows + "</table>\n";
	}

}
