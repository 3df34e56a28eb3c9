package dev.ferry.infra.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ferry.infra.bench.load.Population.BenchUser;
import dev.ferry.infra.embedded.EmbeddedS3;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Many large uploads at once through the gateway into the embedded S3 server: what the
 * gateway's heap holds meanwhile (live data, after full collections, against before), and
 * the upload rate against putting the same bytes straight into the same S3 server from
 * this process, as many at once. The gateway runs in a JVM of its own; one user per
 * upload, as a user has at most 20 uploads waiting.
 */
final class UploadsRun {

	private UploadsRun() {
	}

	static void run(LoadOptions options, ChatLoad.Target target, String runId) throws Exception {
		if (target.stack() == null || !options.separateProcesses()) {
			throw new IllegalArgumentException("--mode=uploads measures the embedded stack's own gateway process");
		}
		int count = options.uploads();
		byte[] file = new byte[options.uploadMib() * 1024 * 1024];
		// Random bytes: nothing on the way can make them smaller.
		new Random(7).nextBytes(file);
		ProcessHandle gateway = target.stack().processes().get("gateway").get(0);
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		List<String> logins = new ArrayList<>();
		for (BenchUser user : Population.create(target.database(), runId, count)) {
			logins.add(Login.cookies(http, target.url(), user.email(), Population.PASSWORD));
		}
		ExecutorService uploaders = Executors.newFixedThreadPool(count);
		try {
			System.out.println("Warm-up: " + count + " uploads of " + options.uploadMib() + " MiB");
			uploadAll(uploaders, http, target.url(), logins, file);
			double before = Jcmd.liveHeapMiB(gateway);
			System.out.println("Heap: " + count + " uploads at once, the gateway's live heap sampled meanwhile");
			double most = whileSampling(gateway, () -> uploadAll(uploaders, http, target.url(), logins, file));
			System.out.println("Speed: " + count + " uploads at once, unsampled");
			double gatewaySeconds = uploadAll(uploaders, http, target.url(), logins, file);
			System.out.println("Reference: the same bytes put straight into S3, " + count + " at once");
			double directSeconds = putAll(uploaders, target.stack(), runId, count, file);
			double megabytes = (double) count * file.length / (1024 * 1024);
			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("uploads at once", count);
			figures.put("MiB each", options.uploadMib());
			figures.put("gateway live heap before (MiB)", round(before));
			figures.put("gateway live heap at most while uploading (MiB)", round(most));
			figures.put("gateway heap growth (MiB)", round(most - before));
			figures.put("through the gateway (MiB/s)", round(megabytes / gatewaySeconds));
			figures.put("straight into S3 (MiB/s)", round(megabytes / directSeconds));
			figures.put("gateway / straight", round((megabytes / gatewaySeconds) / (megabytes / directSeconds)));
			figures.forEach((name, value) -> System.out.println("  " + name + ": " + value));
			ReportFiles.write(options.output(), "uploads-" + runId, figures, HtmlReport.uploads(figures));
		}
		finally {
			uploaders.shutdownNow();
		}
	}

	/** Uploads the file once per login, all at once; the seconds until the last is in. */
	private static double uploadAll(ExecutorService uploaders, HttpClient http, String url, List<String> logins,
			byte[] file) throws Exception {
		List<Callable<Void>> uploads = new ArrayList<>();
		for (int index = 0; index < logins.size(); index++) {
			String cookies = logins.get(index);
			String name = "bench-" + index + ".bin";
			uploads.add(() -> {
				HttpResponse<String> answer = http
					.send(HttpRequest.newBuilder(URI.create(url + "/attachments?name=" + name))
						.header("Cookie", cookies)
						.header("X-XSRF-TOKEN", xsrf(cookies))
						.header("Content-Type", "application/octet-stream")
						.POST(HttpRequest.BodyPublishers.ofByteArray(file))
						.build(), HttpResponse.BodyHandlers.ofString());
				if (answer.statusCode() != 201) {
					throw new IllegalStateException("Upload refused: " + answer.statusCode() + " " + answer.body());
				}
				return null;
			});
		}
		return timed(uploaders, uploads);
	}

	/** Puts the file into S3 once per upload, all at once; the seconds it took. */
	private static double putAll(ExecutorService putters, StackProcess stack, String runId, int count, byte[] file)
			throws Exception {
		try (S3Client s3 = EmbeddedS3.client(stack.s3Endpoint(), stack.credentials().s3())) {
			List<Callable<Void>> puts = new ArrayList<>();
			for (int index = 0; index < count; index++) {
				String key = "bench/" + runId + "/" + index;
				puts.add(() -> {
					s3.putObject((put) -> put.bucket(StackProcess.BUCKET).key(key).contentLength((long) file.length),
							RequestBody.fromBytes(file));
					return null;
				});
			}
			return timed(putters, puts);
		}
	}

	private static double timed(ExecutorService pool, List<Callable<Void>> tasks) throws Exception {
		long started = System.nanoTime();
		for (Future<Void> task : pool.invokeAll(tasks)) {
			task.get();
		}
		return (System.nanoTime() - started) / 1e9;
	}

	/** Runs the work while sampling the gateway's live heap; the most it held. */
	private static double whileSampling(ProcessHandle gateway, Callable<Double> work) throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		double[] most = { 0 };
		Thread sampler = new Thread(() -> {
			while (running.get()) {
				most[0] = Math.max(most[0], Jcmd.liveHeapMiB(gateway));
			}
		}, "heap-sampler");
		sampler.start();
		try {
			work.call();
		}
		finally {
			running.set(false);
			sampler.join();
		}
		return most[0];
	}

	private static String xsrf(String cookies) {
		for (String cookie : cookies.split(";\\s*")) {
			if (cookie.startsWith("XSRF-TOKEN=")) {
				return cookie.substring("XSRF-TOKEN=".length());
			}
		}
		return "";
	}

	private static double round(double value) {
		return Double.parseDouble(String.format(Locale.ROOT, "%.1f", value));
	}

}
