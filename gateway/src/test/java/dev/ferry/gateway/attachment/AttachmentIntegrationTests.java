package dev.ferry.gateway.attachment;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.command.SendMessage;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.InboundCommandDeserializer;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.gateway.GatewayIntegrationTest;
import dev.ferry.gateway.Seed;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.FerryInfrastructure.S3Outage;
import dev.ferry.infra.test.TopicTail;
import dev.ferry.infra.test.client.Browser;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.ferry.infra.test.client.Browser.json;
import static dev.ferry.schema.jooq.Tables.CONVERSATIONS;
import static dev.ferry.schema.jooq.Tables.MESSAGES;
import static dev.ferry.schema.jooq.Tables.MESSAGE_ATTACHMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Uploads, downloads and purges against the in-process S3 server (s3proxy), the real
 * broker and PostgreSQL: what a client gets, what the bucket holds, what the table says.
 * Attaching is the persistence worker's (its own tests, and the end-to-end ones, cover
 * it): here an upload is attached as it would attach it.
 */
class AttachmentIntegrationTests extends GatewayIntegrationTest {

	@Autowired
	private S3Client s3;

	@Autowired
	private AttachmentJanitor janitor;

	@Autowired
	private MeterRegistry meters;

	private FerryInfrastructure infrastructure;

	private Seed seed;

	private UserId alice;

	private UserId bob;

	private UserId carol;

	private Browser aliceBrowser;

	private TopicTail<Envelope<InboundCommand>> inbound;

	@BeforeEach
	void seed(FerryInfrastructure infrastructure) {
		this.infrastructure = infrastructure;
		this.seed = new Seed(infrastructure.dataSource());
		this.alice = this.seed.user("Alice");
		this.bob = this.seed.user("Bob");
		this.carol = this.seed.user("Carol");
		this.aliceBrowser = loggedIn(this.alice);
		this.inbound = TopicTail.of(infrastructure, Topics.INBOUND.name(), new InboundCommandDeserializer());
	}

	@AfterEach
	void close() {
		this.inbound.close();
	}

	@Test
	void anUploadIsStoredWithItsSniffedTypeAndSha256AndAnImageGetsItsPreview() throws Exception {
		byte[] image = png(640, 480);

		HttpResponse<String> uploaded = this.aliceBrowser.upload("/attachments?name=chart%20%C3%A9t%C3%A9.png", image,
				"application/octet-stream");
		HttpResponse<String> asForm = this.aliceBrowser.uploadForm("/attachments", "C:\\photos\\chart.png", image,
				"text/plain");

		assertThat(uploaded.statusCode()).isEqualTo(201);
		JsonNode answer = json(uploaded);
		String id = answer.path("id").asString();
		assertThat(answer.path("name").asString()).isEqualTo("chart été.png");
		assertThat(answer.path("size").asLong()).isEqualTo(image.length);
		assertThat(answer.path("contentType").asString()).isEqualTo("image/png");
		assertThat(answer.path("sha256").asString())
			.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image)));
		assertThat(asForm.statusCode()).isEqualTo(201);
		assertThat(json(asForm).path("name").asString()).isEqualTo("chart.png");
		assertThat(json(asForm).path("contentType").asString()).isEqualTo("image/png");
		assertThat(keys()).contains("attachments/" + id + "/original", "attachments/" + id + "/thumbnail");
		var row = this.seed.dsl()
			.selectFrom(MESSAGE_ATTACHMENTS)
			.where(MESSAGE_ATTACHMENTS.ID.eq(UUID.fromString(id)))
			.fetchSingle();
		assertThat(row.getState()).isEqualTo("PENDING");
		assertThat(row.getUploaderId()).isEqualTo(this.alice.value());
		assertThat(row.getMessageId()).isNull();
		assertThat(row.getWidth()).isEqualTo(640);
		assertThat(row.getHeight()).isEqualTo(480);
		assertThat(row.getExpiresAt().toInstant()).isBetween(Instant.now().plus(Duration.ofHours(23)),
				Instant.now().plus(Duration.ofHours(25)));
	}

	@Test
	void aFileOver25MiBIsRefusedWith413AndNothingIsLeftInTheBucket() {
		List<String> before = keys();
		byte[] large = new byte[26 * 1024 * 1024];

		HttpResponse<String> raw = this.aliceBrowser.upload("/attachments?name=big.bin", large,
				"application/octet-stream");
		HttpResponse<String> form = this.aliceBrowser.uploadForm("/attachments", "big.bin", large,
				"application/octet-stream");

		for (HttpResponse<String> refused : List.of(raw, form)) {
			assertThat(refused.statusCode()).isEqualTo(413);
			assertThat(json(refused).path("error").asString()).isEqualTo("attachment_too_large");
		}
		assertThat(keys()).isEqualTo(before);
		assertThat(
				this.seed.dsl().fetchCount(MESSAGE_ATTACHMENTS, MESSAGE_ATTACHMENTS.UPLOADER_ID.eq(this.alice.value())))
			.isZero();
	}

	/**
	 * HTML named as a picture: stored as what it is, and served so that it cannot run,
	 * not even opened on its own.
	 */
	@Test
	void anHtmlFileNamedPngIsServedAsADownloadOfBytesInASandbox() {
		byte[] page = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
			.getBytes(StandardCharsets.UTF_8);
		JsonNode uploaded = json(this.aliceBrowser.upload("/attachments?name=cute-cat.png", page, "image/png"));
		AttachmentId id = AttachmentId.fromString(uploaded.path("id").asString());
		attachToAMessageFromAliceToBob(id);

		HttpResponse<byte[]> served = loggedIn(this.bob).getBytes("/attachments/" + id);

		assertThat(uploaded.path("contentType").asString()).isEqualTo("text/html");
		assertThat(served.statusCode()).isEqualTo(200);
		assertThat(served.body()).isEqualTo(page);
		assertThat(served.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(served.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"cute-cat.png\"; filename*=UTF-8''cute-cat.png");
		assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(served.headers().firstValue("Content-Security-Policy"))
			.hasValue("sandbox; default-src 'none'; style-src 'unsafe-inline'");
		assertThat(keys()).doesNotContain("attachments/" + id + "/thumbnail");
	}

	@Test
	void onlyThePartiesOfItsMessageFetchAFileAndEveryoneElseGetsTheSame404() throws Exception {
		byte[] image = png(64, 48);
		AttachmentId id = AttachmentId.fromString(
				json(this.aliceBrowser.upload("/attachments?name=a.png", image, "image/png")).path("id").asString());
		AttachmentId pending = AttachmentId.fromString(
				json(this.aliceBrowser.upload("/attachments?name=b.png", image, "image/png")).path("id").asString());
		attachToAMessageFromAliceToBob(id);
		Browser bob = loggedIn(this.bob);
		Browser carol = loggedIn(this.carol);

		HttpResponse<byte[]> byBob = bob.getBytes("/attachments/" + id);
		HttpResponse<byte[]> range = bob.getBytes("/attachments/" + id, "Range", "bytes=8-15");
		HttpResponse<byte[]> pastTheEnd = bob.getBytes("/attachments/" + id, "Range", "bytes=100000-");
		HttpResponse<byte[]> preview = bob.getBytes("/attachments/" + id + "/thumbnail");

		assertThat(byBob.statusCode()).isEqualTo(200);
		assertThat(byBob.body()).isEqualTo(image);
		assertThat(byBob.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(byBob.headers().firstValue("Content-Disposition"))
			.hasValue("inline; filename=\"a.png\"; filename*=UTF-8''a.png");
		assertThat(byBob.headers().firstValueAsLong("Content-Length")).hasValue(image.length);
		assertThat(range.statusCode()).isEqualTo(206);
		assertThat(range.body()).isEqualTo(Arrays.copyOfRange(image, 8, 16));
		assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 8-15/" + image.length);
		assertThat(pastTheEnd.statusCode()).isEqualTo(416);
		assertThat(pastTheEnd.headers().firstValue("Content-Range")).hasValue("bytes */" + image.length);
		assertThat(pastTheEnd.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(new String(pastTheEnd.body(), StandardCharsets.UTF_8))
			.isEqualTo("{\"error\":\"range_not_satisfiable\",\"message\":\"The file has " + image.length
					+ " bytes; ask for a range that starts before its end\"}");
		assertThat(preview.statusCode()).isEqualTo(200);
		assertThat(preview.headers().firstValue("Content-Type")).hasValue("image/jpeg");
		assertThat(ImageIO.read(new ByteArrayInputStream(preview.body())).getWidth()).isEqualTo(64);
		assertThat(this.aliceBrowser.getBytes("/attachments/" + id).statusCode()).isEqualTo(200);
		for (HttpResponse<byte[]> refused : List.of(carol.getBytes("/attachments/" + id),
				carol.getBytes("/attachments/" + id + "/thumbnail"),
				this.aliceBrowser.getBytes("/attachments/" + pending),
				bob.getBytes("/attachments/" + AttachmentId.newTimeOrdered()), bob.getBytes("/attachments/nothing"))) {
			assertThat(refused.statusCode()).isEqualTo(404);
			assertThat(new String(refused.body(), StandardCharsets.UTF_8))
				.isEqualTo("{\"error\":\"not_found\",\"message\":\"No such attachment\"}");
		}
	}

	/**
	 * A reader learns an image's size from the message itself, before fetching a pixel,
	 * so that a client can lay out its preview at once; other files have none.
	 */
	@Test
	void aMessageGivesEachImageItsSizeAndOtherFilesNone() throws Exception {
		byte[] image = png(640, 480);
		AttachmentId chart = AttachmentId
			.fromString(json(this.aliceBrowser.upload("/attachments?name=chart.png", image, "image/png")).path("id")
				.asString());
		AttachmentId notes = AttachmentId
			.fromString(json(this.aliceBrowser.upload("/attachments?name=notes.txt", "ahoy".getBytes(), "text/plain"))
				.path("id")
				.asString());
		attachToAMessageFromAliceToBob(chart);
		attachToAMessageFromAliceToBob(notes);

		JsonNode messages = json(loggedIn(this.bob).get("/messages?with=" + this.alice)).path("messages");

		assertThat(messages.valueStream().map((message) -> message.path("attachments").get(0).toString()))
			.containsExactly(
					"{\"id\":\"" + notes + "\",\"name\":\"notes.txt\",\"size\":4,\"contentType\":\"text/plain\","
							+ "\"imageSize\":null}",
					"{\"id\":\"" + chart + "\",\"name\":\"chart.png\",\"size\":" + image.length
							+ ",\"contentType\":\"image/png\",\"imageSize\":{\"width\":640,\"height\":480}}");
	}

	/**
	 * GIF (its first frame) and WebP (through its ImageIO plugin, found on the gateway's
	 * class path) get previews as JPEG and PNG do.
	 */
	@Test
	void gifAndWebpImagesGetTheirPreviewsToo() throws Exception {
		BufferedImage frame = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
		ByteArrayOutputStream gif = new ByteArrayOutputStream();
		ImageIO.write(frame, "gif", gif);
		// A lossless WebP of 1 × 1 pixel.
		byte[] webp = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

		JsonNode gifUpload = json(this.aliceBrowser.upload("/attachments?name=a.gif", gif.toByteArray(), "image/gif"));
		JsonNode webpUpload = json(this.aliceBrowser.upload("/attachments?name=a.webp", webp, "image/webp"));

		assertThat(gifUpload.path("contentType").asString()).isEqualTo("image/gif");
		assertThat(webpUpload.path("contentType").asString()).isEqualTo("image/webp");
		assertThat(keys()).contains("attachments/" + gifUpload.path("id").asString() + "/thumbnail",
				"attachments/" + webpUpload.path("id").asString() + "/thumbnail");
		assertThat(this.seed.dsl()
			.select(MESSAGE_ATTACHMENTS.WIDTH)
			.from(MESSAGE_ATTACHMENTS)
			.where(MESSAGE_ATTACHMENTS.ID.in(UUID.fromString(gifUpload.path("id").asString()),
					UUID.fromString(webpUpload.path("id").asString())))
			.orderBy(MESSAGE_ATTACHMENTS.WIDTH)
			.fetch(MESSAGE_ATTACHMENTS.WIDTH)).containsExactly(1, 400);
	}

	@Test
	void anImageOfMoreThan40MegapixelsIsRefusedBeforeItIsDecoded() throws Exception {
		List<String> before = keys();

		HttpResponse<String> bomb = this.aliceBrowser.upload("/attachments?name=bomb.png", pngClaiming(10_000, 5_000),
				"image/png");

		assertThat(bomb.statusCode()).isEqualTo(422);
		assertThat(json(bomb).path("error").asString()).isEqualTo("image_too_large");
		assertThat(json(bomb).path("message").asString()).contains("10000 × 5000");
		assertThat(keys()).isEqualTo(before);
	}

	@Test
	void aProgramIsRefusedWith415() {
		byte[] elf = new byte[64];
		System.arraycopy(new byte[] { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0 }, 0, elf, 0, 8);
		elf[16] = 2;

		HttpResponse<String> refused = this.aliceBrowser.upload("/attachments?name=notes.txt", elf, "text/plain");

		assertThat(refused.statusCode()).isEqualTo(415);
		assertThat(json(refused).path("error").asString()).isEqualTo("attachment_type_refused");
	}

	@Test
	void aSendAttachesOnlyItsSendersOwnPendingUploadsAndMayThenHaveNoText() {
		String mine = json(this.aliceBrowser.upload("/attachments?name=a.txt", "ahoy".getBytes(), "text/plain"))
			.path("id")
			.asString();
		String carols = json(loggedIn(this.carol).upload("/attachments?name=c.txt", "hi".getBytes(), "text/plain"))
			.path("id")
			.asString();

		HttpResponse<String> withCarols = this.aliceBrowser.write("POST", "/messages/create",
				send("t-c", "[\"" + carols + "\"]"));
		HttpResponse<String> twice = this.aliceBrowser.write("POST", "/messages/create",
				send("t-2", "[\"" + mine + "\",\"" + mine + "\"]"));
		HttpResponse<String> withMine = this.aliceBrowser.write("POST", "/messages/create",
				send("t-m", "[\"" + mine + "\"]"));
		HttpResponse<String> withNothing = this.aliceBrowser.write("POST", "/messages/create", send("t-0", "[]"));

		assertThat(withCarols.statusCode()).isEqualTo(400);
		assertThat(json(withCarols).path("error").asString()).isEqualTo("invalid_field");
		assertThat(twice.statusCode()).isEqualTo(400);
		assertThat(withMine.statusCode()).isEqualTo(202);
		assertThat(json(withNothing).path("error").asString()).isEqualTo("content_empty");
		SendMessage published = (SendMessage) this.inbound
			.awaitRecords((record) -> record.value().payload().actorId().equals(this.alice), 1)
			.get(0)
			.value()
			.payload();
		assertThat(published.tempId()).isEqualTo("t-m");
		assertThat(published.content()).isEmpty();
		assertThat(published.attachmentIds()).containsExactly(AttachmentId.fromString(mine));
	}

	@Test
	void anUploadNeverSentIsPurgedOnceItExpires() {
		String id = json(this.aliceBrowser.upload("/attachments?name=a.txt", "ahoy".getBytes(), "text/plain"))
			.path("id")
			.asString();
		Instant now = Instant.now();

		this.janitor.purge(now.plus(Duration.ofHours(23)));
		assertThat(keys()).contains("attachments/" + id + "/original");

		this.janitor.purge(now.plus(Duration.ofHours(25)));
		assertThat(keys()).doesNotContain("attachments/" + id + "/original");
		assertThat(
				this.seed.dsl().fetchCount(MESSAGE_ATTACHMENTS, MESSAGE_ATTACHMENTS.UPLOADER_ID.eq(this.alice.value())))
			.isZero();
	}

	@Test
	void aDeletedMessagesFilesAreGoneAfterTheGracePeriod() throws Exception {
		byte[] image = png(32, 32);
		AttachmentId id = AttachmentId.fromString(
				json(this.aliceBrowser.upload("/attachments?name=a.png", image, "image/png")).path("id").asString());
		attachToAMessageFromAliceToBob(id);
		Instant deleted = Instant.now();
		this.seed.orphan(id, deleted.atOffset(ZoneOffset.UTC));

		this.janitor.purge(deleted.plus(Duration.ofMinutes(59)));
		assertThat(keys()).contains("attachments/" + id + "/original", "attachments/" + id + "/thumbnail");
		assertThat(this.meters.get("ferry.attachments.orphaned.bytes").gauge().value()).isEqualTo(image.length);
		assertThat(loggedIn(this.bob).getBytes("/attachments/" + id).statusCode()).isEqualTo(404);

		this.janitor.purge(deleted.plus(Duration.ofMinutes(61)));
		assertThat(keys()).doesNotContain("attachments/" + id + "/original", "attachments/" + id + "/thumbnail");
		assertThat(this.meters.get("ferry.attachments.orphaned.bytes").gauge().value()).isZero();
	}

	@Test
	void aUserHasAtMost20UploadsWaitingToBeSentIsToldWhenTheFirstExpiresAndMayWithdrawOne() {
		List<String> waiting = new ArrayList<>();
		for (int upload = 0; upload < 20; upload++) {
			HttpResponse<String> uploaded = this.aliceBrowser.upload("/attachments?name=f" + upload + ".txt",
					"x".getBytes(), "text/plain");
			assertThat(uploaded.statusCode()).isEqualTo(201);
			waiting.add(json(uploaded).path("id").asString());
		}

		HttpResponse<String> refused = this.aliceBrowser.upload("/attachments?name=one-more.txt", "x".getBytes(),
				"text/plain");
		HttpResponse<String> withdrawn = this.aliceBrowser.write("DELETE", "/attachments/" + waiting.get(0), "");
		HttpResponse<String> afterWithdrawing = this.aliceBrowser.upload("/attachments?name=one-more.txt",
				"x".getBytes(), "text/plain");

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(json(refused).path("error").asString()).isEqualTo("upload_quota_exceeded");
		assertThat(refused.headers().firstValueAsLong("Retry-After").getAsLong()).isBetween(86_300L, 86_400L);
		assertThat(withdrawn.statusCode()).isEqualTo(204);
		assertThat(afterWithdrawing.statusCode()).isEqualTo(201);
	}

	@Test
	void anUploaderWithdrawsTheirPendingUploadAndItsObjectsAndRowAreGone() throws Exception {
		String id = json(this.aliceBrowser.upload("/attachments?name=a.png", png(64, 48), "image/png")).path("id")
			.asString();
		assertThat(keys()).contains("attachments/" + id + "/original", "attachments/" + id + "/thumbnail");

		HttpResponse<String> withdrawn = this.aliceBrowser.write("DELETE", "/attachments/" + id, "");
		HttpResponse<String> again = this.aliceBrowser.write("DELETE", "/attachments/" + id, "");

		assertThat(withdrawn.statusCode()).isEqualTo(204);
		assertThat(withdrawn.body()).isEmpty();
		assertThat(keys()).doesNotContain("attachments/" + id + "/original", "attachments/" + id + "/thumbnail");
		assertThat(this.seed.dsl().fetchCount(MESSAGE_ATTACHMENTS, MESSAGE_ATTACHMENTS.ID.eq(UUID.fromString(id))))
			.isZero();
		assertThat(again.statusCode()).isEqualTo(404);
		assertThat(json(again).path("error").asString()).isEqualTo("not_found");
	}

	/**
	 * The bucket does not answer while Alice withdraws: her upload is withdrawn all the
	 * same (it can no longer be sent and no longer counts), and its objects are purged
	 * once the bucket is back.
	 */
	@Test
	void aWithdrawalWhileTheFileStoreFailsStillEndsTheUploadAndItsObjectsArePurgedLater() throws Exception {
		String id = json(this.aliceBrowser.upload("/attachments?name=a.png", png(64, 48), "image/png")).path("id")
			.asString();
		for (int waiting = 0; waiting < 19; waiting++) {
			waitingUpload(this.alice, 1, Instant.now().plus(Duration.ofHours(1)));
		}
		HttpResponse<String> withdrawn;
		try (S3Outage outage = this.infrastructure.stopS3()) {
			withdrawn = this.aliceBrowser.write("DELETE", "/attachments/" + id, "");
		}

		HttpResponse<String> again = this.aliceBrowser.write("DELETE", "/attachments/" + id, "");
		HttpResponse<String> sent = this.aliceBrowser.write("POST", "/messages/create",
				send("t-w", "[\"" + id + "\"]"));
		HttpResponse<String> twentieth = this.aliceBrowser.upload("/attachments?name=b.txt", "x".getBytes(),
				"text/plain");

		assertThat(withdrawn.statusCode()).isEqualTo(204);
		assertThat(again.statusCode()).isEqualTo(404);
		assertThat(sent.statusCode()).isEqualTo(400);
		assertThat(json(sent).path("error").asString()).isEqualTo("invalid_field");
		assertThat(twentieth.statusCode()).isEqualTo(201);
		assertThat(keys()).contains("attachments/" + id + "/original", "attachments/" + id + "/thumbnail");

		this.janitor.purge(Instant.now());

		assertThat(keys()).doesNotContain("attachments/" + id + "/original", "attachments/" + id + "/thumbnail");
		assertThat(this.seed.dsl().fetchCount(MESSAGE_ATTACHMENTS, MESSAGE_ATTACHMENTS.ID.eq(UUID.fromString(id))))
			.isZero();
	}

	/**
	 * Four uploads fail while the bucket does not answer, as many as Alice may have in
	 * flight: once answered they count for nothing, so she uploads again as soon as it is
	 * back, and the janitor purges their rows.
	 */
	@Test
	void uploadsThatFailedForTheFileStoreNoLongerCountOnceAnswered() {
		List<HttpResponse<String>> failed = new ArrayList<>();
		try (S3Outage outage = this.infrastructure.stopS3()) {
			for (int upload = 0; upload < 4; upload++) {
				failed.add(this.aliceBrowser.upload("/attachments?name=f" + upload + ".txt", "ahoy".getBytes(),
						"text/plain"));
			}
		}

		HttpResponse<String> afterwards = this.aliceBrowser.upload("/attachments?name=after.txt", "ahoy".getBytes(),
				"text/plain");

		assertThat(failed).allSatisfy((refused) -> {
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(json(refused).path("error").asString()).isEqualTo("unavailable");
		});
		assertThat(afterwards.statusCode()).isEqualTo(201);
		this.janitor.purge(Instant.now());
		assertThat(this.seed.dsl()
			.select(MESSAGE_ATTACHMENTS.STATE)
			.from(MESSAGE_ATTACHMENTS)
			.where(MESSAGE_ATTACHMENTS.UPLOADER_ID.eq(this.alice.value()))
			.fetch(MESSAGE_ATTACHMENTS.STATE)).containsExactly("PENDING");
	}

	/**
	 * Bob reads eight downloads on a slow link, each holding one of the gateway's
	 * connections to the bucket for as long as he takes: a ninth, file or preview, is
	 * refused while Alice's is not, and one that ends, however it ends, frees its place.
	 */
	@Test
	void aUserHasAtMostEightDownloadsInFlightAndOneThatEndsFreesItsPlace() throws Exception {
		byte[] large = new byte[10 * 1024 * 1024];
		new Random(37).nextBytes(large);
		AttachmentId file = AttachmentId
			.fromString(json(this.aliceBrowser.upload("/attachments?name=large.bin", large, "application/octet-stream"))
				.path("id")
				.asString());
		AttachmentId image = AttachmentId
			.fromString(json(this.aliceBrowser.upload("/attachments?name=a.png", png(64, 48), "image/png")).path("id")
				.asString());
		attachToAMessageFromAliceToBob(file);
		attachToAMessageFromAliceToBob(image);
		Browser bob = loggedIn(this.bob);
		List<StalledDownload> stalled = new ArrayList<>();
		try {
			for (int download = 0; download < 8; download++) {
				stalled.add(StalledDownload.start(this.port, bob, "/attachments/" + file));
			}

			HttpResponse<byte[]> ninth = bob.getBytes("/attachments/" + image);
			HttpResponse<byte[]> preview = bob.getBytes("/attachments/" + image + "/thumbnail");
			HttpResponse<byte[]> byAlice = this.aliceBrowser.getBytes("/attachments/" + image);
			stalled.get(0).close();

			assertThat(stalled).allSatisfy((download) -> assertThat(download.status()).isEqualTo(200));
			for (HttpResponse<byte[]> refused : List.of(ninth, preview)) {
				assertThat(refused.statusCode()).isEqualTo(429);
				assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
				assertThat(new String(refused.body(), StandardCharsets.UTF_8)).isEqualTo(
						"{\"error\":\"rate_limited\",\"message\":\"At most 8 downloads at once; wait for one to end\"}");
			}
			assertThat(byAlice.statusCode()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(bob.getBytes("/attachments/" + image).statusCode()).isEqualTo(200));
		}
		finally {
			for (StalledDownload download : stalled) {
				download.close();
			}
		}
	}

	/**
	 * A form-encoded body is read whole (up to 2 MB) to find its parameters: by the CSRF
	 * check without the header, by the upload's name with it. Neither may read it.
	 */
	@Test
	void aFormEncodedUploadIsRefusedWith415BeforeItsBodyIsReadWithOrWithoutTheCsrfHeader() throws Exception {
		byte[] firstBytes = "name=a.txt&_csrf=x&file=".getBytes(StandardCharsets.UTF_8);
		List<RawUpload.Answer> answers = new ArrayList<>();
		try (RawUpload withCsrf = RawUpload.start(this.port, this.aliceBrowser, "/attachments",
				"application/x-www-form-urlencoded", 2_000_000, firstBytes);
				RawUpload withoutCsrf = RawUpload.startWithoutCsrf(this.port, this.aliceBrowser, "/attachments",
						"application/x-www-form-urlencoded; charset=UTF-8", 2_000_000, firstBytes)) {
			answers.add(withCsrf.answer().get(10, TimeUnit.SECONDS));
			answers.add(withoutCsrf.answer().get(10, TimeUnit.SECONDS));
		}

		assertThat(answers).allSatisfy((refused) -> {
			assertThat(refused.status()).isEqualTo(415);
			assertThat(refused.headers()).containsEntry("connection", "close");
			assertThat(refused.body()).isEqualTo("{\"error\":\"attachment_type_refused\",\"message\":\"An upload is "
					+ "the file itself or a multipart/form-data form, not application/x-www-form-urlencoded\"}");
		});
		assertThat(
				this.seed.dsl().fetchCount(MESSAGE_ATTACHMENTS, MESSAGE_ATTACHMENTS.UPLOADER_ID.eq(this.alice.value())))
			.isZero();
	}

	@Test
	void onlyOnesOwnPendingUploadIsWithdrawnAndOnlyWithTheCsrfHeader() {
		String pending = json(this.aliceBrowser.upload("/attachments?name=a.txt", "ahoy".getBytes(), "text/plain"))
			.path("id")
			.asString();
		AttachmentId attached = AttachmentId.fromString(
				json(this.aliceBrowser.upload("/attachments?name=b.txt", "ahoy".getBytes(), "text/plain")).path("id")
					.asString());
		attachToAMessageFromAliceToBob(attached);

		HttpResponse<String> byCarol = loggedIn(this.carol).write("DELETE", "/attachments/" + pending, "");
		HttpResponse<String> withoutCsrf = this.aliceBrowser.writeWithoutCsrf("DELETE", "/attachments/" + pending, "");
		HttpResponse<String> sent = this.aliceBrowser.write("DELETE", "/attachments/" + attached, "");
		HttpResponse<String> unknown = this.aliceBrowser.write("DELETE",
				"/attachments/" + AttachmentId.newTimeOrdered(), "");
		HttpResponse<String> notAnId = this.aliceBrowser.write("DELETE", "/attachments/nothing", "");

		for (HttpResponse<String> refused : List.of(byCarol, sent, unknown, notAnId)) {
			assertThat(refused.statusCode()).isEqualTo(404);
			assertThat(refused.body()).isEqualTo("{\"error\":\"not_found\",\"message\":\"No such attachment\"}");
		}
		assertThat(withoutCsrf.statusCode()).isEqualTo(403);
		assertThat(json(withoutCsrf).path("error").asString()).isEqualTo("csrf");
		assertThat(
				this.seed.dsl().fetchCount(MESSAGE_ATTACHMENTS, MESSAGE_ATTACHMENTS.UPLOADER_ID.eq(this.alice.value())))
			.isEqualTo(2);
	}

	/**
	 * Uploads started together, their bodies held back: each is counted as it starts, so
	 * those past the allowance are refused before a byte of their body is read.
	 */
	@Test
	void fortyUploadsAtOnceGetExactlyTheFourInFlightAllowedAndTheRestAreRefusedBeforeTheirBodies() throws Exception {
		List<RawUpload> uploads = startAtOnce(40);
		try {
			List<RawUpload.Answer> answers = answersOnceRefused(uploads, 36);

			assertThat(answers).filteredOn((answer) -> answer.status() == 201).hasSize(4);
			assertThat(answers).filteredOn((answer) -> answer.status() == 429).hasSize(36).allSatisfy((answer) -> {
				assertThat(answer.body()).contains("\"error\":\"rate_limited\"");
				assertThat(answer.headers()).containsEntry("retry-after", "5");
			});
			assertThat(this.seed.dsl()
				.fetchCount(MESSAGE_ATTACHMENTS, MESSAGE_ATTACHMENTS.UPLOADER_ID.eq(this.alice.value())
					.and(MESSAGE_ATTACHMENTS.STATE.eq("PENDING"))))
				.isEqualTo(4);
		}
		finally {
			closeAll(uploads);
		}
	}

	@Test
	void uploadsInFlightCountAgainstTheTwentyWaitingSoFortyAtOnceNeverPassIt() throws Exception {
		for (int upload = 0; upload < 17; upload++) {
			assertThat(this.aliceBrowser.upload("/attachments?name=f" + upload + ".txt", "x".getBytes(), "text/plain")
				.statusCode()).isEqualTo(201);
		}
		List<RawUpload> uploads = startAtOnce(40);
		try {
			List<RawUpload.Answer> answers = answersOnceRefused(uploads, 37);

			assertThat(answers).filteredOn((answer) -> answer.status() == 201).hasSize(3);
			assertThat(answers).filteredOn((answer) -> answer.status() == 429)
				.hasSize(37)
				.allSatisfy((answer) -> assertThat(answer.body()).contains("\"error\":\"upload_quota_exceeded\""));
			assertThat(this.seed.dsl()
				.fetchCount(MESSAGE_ATTACHMENTS, MESSAGE_ATTACHMENTS.UPLOADER_ID.eq(this.alice.value())
					.and(MESSAGE_ATTACHMENTS.STATE.eq("PENDING"))))
				.isEqualTo(20);
		}
		finally {
			closeAll(uploads);
		}
	}

	@Test
	void theFilesWaitingToBeSentHaveAQuotaOf200MiBPerUser() {
		long quota = 200L * 1024 * 1024;
		long file = 25L * 1024 * 1024;
		Instant firstExpiry = Instant.now().plus(Duration.ofHours(1));
		for (int waiting = 0; waiting < 7; waiting++) {
			waitingUpload(this.alice, file, firstExpiry.plus(Duration.ofMinutes(waiting)));
		}
		waitingUpload(this.alice, quota - 7 * file - 10, firstExpiry.plus(Duration.ofMinutes(10)));

		HttpResponse<String> upToTheQuota = this.aliceBrowser.upload("/attachments?name=ten.txt",
				"0123456789".getBytes(), "text/plain");
		HttpResponse<String> overIt = this.aliceBrowser.upload("/attachments?name=one.txt", "x".getBytes(),
				"text/plain");

		assertThat(upToTheQuota.statusCode()).isEqualTo(201);
		assertThat(overIt.statusCode()).isEqualTo(429);
		assertThat(json(overIt).path("error").asString()).isEqualTo("upload_quota_exceeded");
		assertThat(overIt.headers().firstValueAsLong("Retry-After").getAsLong()).isBetween(3_500L, 3_600L);
	}

	/**
	 * A client that sends a little and then one byte a second keeps its connection (and
	 * the bucket's) alive for ever unless the gateway asks for a minimum rate.
	 */
	@Test
	void aStalledUploadIsCutAndLeavesNothingInTheBucketOrTheTable() throws Exception {
		List<String> before = keys();
		ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
		try (RawUpload upload = RawUpload.start(this.port, this.aliceBrowser, "/attachments?name=slow.bin",
				"application/octet-stream", 200_000, new byte[70_000])) {
			trickle.scheduleAtFixedRate(() -> upload.send(new byte[1]), 1, 1, TimeUnit.SECONDS);

			RawUpload.Answer cut = upload.answer().get(30, TimeUnit.SECONDS);

			assertThat(cut.status()).isEqualTo(408);
			assertThat(cut.body()).contains("\"error\":\"upload_too_slow\"");
			assertThat(keys()).isEqualTo(before);
			assertThat(this.seed.dsl()
				.fetchCount(MESSAGE_ATTACHMENTS, MESSAGE_ATTACHMENTS.UPLOADER_ID.eq(this.alice.value()))).isZero();
		}
		finally {
			trickle.shutdownNow();
		}
	}

	@Test
	void aMultipartUploadOverTheQuotaIsRefusedBeforeItsBodyIsRead() throws Exception {
		for (int upload = 0; upload < 20; upload++) {
			assertThat(this.aliceBrowser.upload("/attachments?name=f" + upload + ".txt", "x".getBytes(), "text/plain")
				.statusCode()).isEqualTo(201);
		}
		byte[] partHead = ("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
				+ "Content-Type: text/plain\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);

		try (RawUpload form = RawUpload.start(this.port, this.aliceBrowser, "/attachments",
				"multipart/form-data; boundary=b", 100_000, partHead)) {
			RawUpload.Answer refused = form.answer().get(10, TimeUnit.SECONDS);

			assertThat(refused.status()).isEqualTo(429);
			assertThat(refused.body()).contains("\"error\":\"upload_quota_exceeded\"");
		}
	}

	@Test
	void aGroupsMembersFetchItsFilesAndEveryoneElseGetsTheSame404() throws Exception {
		ConversationId group = this.seed.group("Crew", "SINCE_JOIN", this.alice, 2);
		this.seed.member(group, this.bob, "MEMBER", 1, null);
		byte[] image = png(64, 48);
		AttachmentId id = AttachmentId.fromString(
				json(this.aliceBrowser.upload("/attachments?name=a.png", image, "image/png")).path("id").asString());
		this.seed.attach(id, this.seed.message(group, this.alice, null, 2, 2, "SENT", false, false));
		Browser bob = loggedIn(this.bob);
		Browser carol = loggedIn(this.carol);

		HttpResponse<byte[]> byBob = bob.getBytes("/attachments/" + id);
		HttpResponse<byte[]> previewByBob = bob.getBytes("/attachments/" + id + "/thumbnail");

		assertThat(byBob.statusCode()).isEqualTo(200);
		assertThat(byBob.body()).isEqualTo(image);
		assertThat(previewByBob.statusCode()).isEqualTo(200);
		assertThat(this.aliceBrowser.getBytes("/attachments/" + id).statusCode()).isEqualTo(200);
		for (HttpResponse<byte[]> refused : List.of(carol.getBytes("/attachments/" + id),
				carol.getBytes("/attachments/" + id + "/thumbnail"))) {
			assertThat(refused.statusCode()).isEqualTo(404);
			assertThat(new String(refused.body(), StandardCharsets.UTF_8))
				.isEqualTo("{\"error\":\"not_found\",\"message\":\"No such attachment\"}");
		}
	}

	@Test
	void aMemberWhoJoinedAfterAMessageFetchesItsFileOnlyWhereTheGroupShowsItsWholeHistory() {
		ConversationId sinceJoin = this.seed.group("Since join", "SINCE_JOIN", this.alice, 3);
		ConversationId all = this.seed.group("All", "ALL", this.alice, 3);
		AttachmentId inSinceJoin = fileOfAGroupMessage(sinceJoin, 2, 2, false);
		AttachmentId inAll = fileOfAGroupMessage(all, 2, 2, false);
		this.seed.member(sinceJoin, this.carol, "MEMBER", 3, null);
		this.seed.member(all, this.carol, "MEMBER", 3, null);
		Browser carol = loggedIn(this.carol);

		assertThat(carol.getBytes("/attachments/" + inSinceJoin).statusCode()).isEqualTo(404);
		assertThat(carol.getBytes("/attachments/" + inAll).statusCode()).isEqualTo(200);
	}

	/**
	 * Bob was removed at seq 5: he keeps what he could read then, as it was, and nothing
	 * that changed or came after.
	 */
	@Test
	void aRemovedMemberFetchesTheFilesOfTheirTimeUnlessTheirMessageChangedSinceAndNobodyADeletedMessages() {
		ConversationId group = this.seed.group("Crew", "SINCE_JOIN", this.alice, 7);
		this.seed.member(group, this.bob, "MEMBER", 1, 5L);
		AttachmentId unchanged = fileOfAGroupMessage(group, 2, 2, false);
		AttachmentId editedAfterBobLeft = fileOfAGroupMessage(group, 3, 7, false);
		AttachmentId deleted = fileOfAGroupMessage(group, 4, 4, true);
		AttachmentId sentAfterBobLeft = fileOfAGroupMessage(group, 6, 6, false);
		Browser bob = loggedIn(this.bob);

		assertThat(bob.getBytes("/attachments/" + unchanged).statusCode()).isEqualTo(200);
		assertThat(bob.getBytes("/attachments/" + editedAfterBobLeft).statusCode()).isEqualTo(404);
		assertThat(bob.getBytes("/attachments/" + sentAfterBobLeft).statusCode()).isEqualTo(404);
		assertThat(bob.getBytes("/attachments/" + deleted).statusCode()).isEqualTo(404);
		assertThat(this.aliceBrowser.getBytes("/attachments/" + editedAfterBobLeft).statusCode()).isEqualTo(200);
		assertThat(this.aliceBrowser.getBytes("/attachments/" + deleted).statusCode()).isEqualTo(404);
	}

	/** Hand-built headers: as much of a PE file as tells what it is, and no more. */
	@Test
	void windowsProgramsAndOtherExecutablesAreRefusedWith415WhateverTheirNameButScriptsAreText() {
		List<String> before = keys();
		for (byte[] program : List.of(portableExecutable(0x10b, 0x14c), portableExecutable(0x20b, 0x8664), machO(),
				javaClass())) {
			HttpResponse<String> refused = this.aliceBrowser.upload("/attachments?name=report.pdf", program,
					"application/pdf");

			assertThat(refused.statusCode()).isEqualTo(415);
			assertThat(json(refused).path("error").asString()).isEqualTo("attachment_type_refused");
		}
		HttpResponse<String> installer = this.aliceBrowser.upload("/attachments?name=setup.msi", compoundFile(),
				"application/x-msi");
		assertThat(installer.statusCode()).isEqualTo(415);
		assertThat(json(installer).path("message").asString())
			.isEqualTo("Files of type application/x-ms-installer are not accepted");
		HttpResponse<String> script = this.aliceBrowser.upload("/attachments?name=deploy.sh",
				"#!/bin/sh\necho deployed\n".getBytes(), "text/plain");

		List<String> added = new ArrayList<>(keys());
		added.removeAll(before);

		assertThat(script.statusCode()).isEqualTo(201);
		assertThat(json(script).path("contentType").asString()).isEqualTo("application/x-sh");
		assertThat(added).contains("attachments/" + json(script).path("id").asString() + "/original")
			.allMatch((key) -> key.startsWith("attachments/" + json(script).path("id").asString() + "/"));
		assertThat(
				this.seed.dsl().fetchCount(MESSAGE_ATTACHMENTS, MESSAGE_ATTACHMENTS.UPLOADER_ID.eq(this.alice.value())))
			.isEqualTo(1);
	}

	/**
	 * {@code x<U+202E>gpj.exe} shows as {@code xexe.jpg}; CR and LF would split a header
	 * built from the name.
	 */
	@Test
	void controlAndBidirectionalCharactersAreRemovedFromFileNamesRawOrMultipart() {
		byte[] text = "ahoy".getBytes();

		HttpResponse<String> raw = this.aliceBrowser.upload("/attachments?name=x%E2%80%AEgpj.exe", text, "text/plain");
		HttpResponse<String> rawControls = this.aliceBrowser
			.upload("/attachments?name=a%0D%0Ab%09c%C2%85%7Fd%E2%81%A6%E2%80%8F%D8%9C.txt", text, "text/plain");
		HttpResponse<String> form = this.aliceBrowser.uploadForm("/attachments", "x\u202Egpj.exe", text, "text/plain");
		HttpResponse<String> formControls = this.aliceBrowser.uploadForm("/attachments",
				"\u2067\u200Ey\t\u0085z\u2069.txt", text, "text/plain");
		HttpResponse<String> named = this.aliceBrowser.uploadForm("/attachments?name=given.txt", "part.txt", text,
				"text/plain");
		HttpResponse<String> nothingLeft = this.aliceBrowser.upload("/attachments?name=%E2%80%AE%0A%E2%80%8E", text,
				"text/plain");
		HttpResponse<String> nothingVisible = this.aliceBrowser
			.upload("/attachments?name=%E2%80%8B%EF%BB%BF%E2%81%A0%E2%80%A8%E2%A0%80", text, "text/plain");
		String longest = "😀".repeat(251) + ".txt";
		HttpResponse<String> longestName = this.aliceBrowser
			.upload("/attachments?name=" + URLEncoder.encode(longest, StandardCharsets.UTF_8), text, "text/plain");

		assertThat(json(raw).path("name").asString()).isEqualTo("xgpj.exe");
		assertThat(json(rawControls).path("name").asString()).isEqualTo("abcd.txt");
		assertThat(json(form).path("name").asString()).isEqualTo("xgpj.exe");
		assertThat(json(formControls).path("name").asString()).isEqualTo("yz.txt");
		assertThat(json(named).path("name").asString()).isEqualTo("given.txt");
		for (HttpResponse<String> refused : List.of(nothingLeft, nothingVisible)) {
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(json(refused).path("error").asString()).isEqualTo("invalid_field");
		}
		assertThat(json(longestName).path("name").asString()).isEqualTo(longest);
		assertThat(this.seed.dsl()
			.select(MESSAGE_ATTACHMENTS.FILE_NAME)
			.from(MESSAGE_ATTACHMENTS)
			.where(MESSAGE_ATTACHMENTS.UPLOADER_ID.eq(this.alice.value()))
			.fetch(MESSAGE_ATTACHMENTS.FILE_NAME))
			.containsExactlyInAnyOrder("xgpj.exe", "abcd.txt", "xgpj.exe", "yz.txt", "given.txt", longest);
	}

	@Test
	void aDownloadNamesItsFileInUtf8WithAnAsciiFallback() {
		AttachmentId id = AttachmentId
			.fromString(json(this.aliceBrowser.upload("/attachments?name=plan%20%22%C3%A9t%C3%A9%22%3B%20100%25.txt",
					"ahoy".getBytes(), "text/plain"))
				.path("id")
				.asString());
		attachToAMessageFromAliceToBob(id);

		HttpResponse<byte[]> served = loggedIn(this.bob).getBytes("/attachments/" + id);

		assertThat(served.headers().firstValue("Content-Disposition")).hasValue(
				"attachment; filename=\"plan __t__; 100_.txt\"; filename*=UTF-8''plan%20%22%C3%A9t%C3%A9%22%3B%20100%25.txt");
	}

	@Test
	void aFileAndItsPreviewAreRevalidatedByTheirEtagSoADeletedMessagesFileIsGoneOnTheNextView() throws Exception {
		byte[] image = png(64, 48);
		String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
		AttachmentId id = AttachmentId.fromString(
				json(this.aliceBrowser.upload("/attachments?name=a.png", image, "image/png")).path("id").asString());
		MessageId message = attachToAMessageFromAliceToBob(id);
		Browser bob = loggedIn(this.bob);

		HttpResponse<byte[]> file = bob.getBytes("/attachments/" + id);
		HttpResponse<byte[]> preview = bob.getBytes("/attachments/" + id + "/thumbnail");
		HttpResponse<byte[]> fileAgain = bob.getBytes("/attachments/" + id, "If-None-Match", "\"" + sha256 + "\"");
		HttpResponse<byte[]> previewAgain = bob.getBytes("/attachments/" + id + "/thumbnail", "If-None-Match",
				"\"" + sha256 + ".thumbnail\"");

		for (HttpResponse<byte[]> served : List.of(file, preview)) {
			assertThat(served.statusCode()).isEqualTo(200);
			assertThat(served.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
		}
		assertThat(file.headers().firstValue("ETag")).hasValue("\"" + sha256 + "\"");
		assertThat(preview.headers().firstValue("ETag")).hasValue("\"" + sha256 + ".thumbnail\"");
		for (HttpResponse<byte[]> unchanged : List.of(fileAgain, previewAgain)) {
			assertThat(unchanged.statusCode()).isEqualTo(304);
			assertThat(unchanged.body()).isEmpty();
		}
		assertThat(fileAgain.headers().firstValue("ETag")).hasValue("\"" + sha256 + "\"");

		this.seed.dsl()
			.update(MESSAGES)
			.set(MESSAGES.DELETED_AT, OffsetDateTime.now())
			.where(MESSAGES.ID.eq(message.value()))
			.execute();

		assertThat(bob.getBytes("/attachments/" + id, "If-None-Match", "\"" + sha256 + "\"").statusCode())
			.isEqualTo(404);
		assertThat(bob.getBytes("/attachments/" + id + "/thumbnail", "If-None-Match", "\"" + sha256 + ".thumbnail\"")
			.statusCode()).isEqualTo(404);
	}

	private MessageId attachToAMessageFromAliceToBob(AttachmentId upload) {
		ConversationId conversation = ConversationId.direct(this.alice, this.bob);
		if (!this.seed.dsl().fetchExists(CONVERSATIONS, CONVERSATIONS.ID.eq(conversation.value()))) {
			this.seed.conversation(this.alice, this.bob, 0, OffsetDateTime.now());
		}
		long seq = this.seed.dsl().fetchCount(MESSAGES, MESSAGES.CONVERSATION_ID.eq(conversation.value())) + 1;
		MessageId message = this.seed.message(conversation, this.alice, this.bob, seq, seq, "SENT", false, false);
		this.seed.attach(upload, message);
		return message;
	}

	/** A file Alice uploaded, attached to her message at {@code seq} in a group. */
	private AttachmentId fileOfAGroupMessage(ConversationId group, long seq, long lastChangeSeq, boolean deleted) {
		AttachmentId upload = AttachmentId
			.fromString(json(this.aliceBrowser.upload("/attachments?name=f" + seq + ".txt", ("file " + seq).getBytes(),
					"text/plain"))
				.path("id")
				.asString());
		this.seed.attach(upload,
				this.seed.message(group, this.alice, null, seq, lastChangeSeq, "SENT", lastChangeSeq > seq, deleted));
		return upload;
	}

	/**
	 * An upload of the user waiting to be sent, as a row only: its bytes are not needed.
	 */
	private void waitingUpload(UserId uploader, long size, Instant expiresAt) {
		UUID id = AttachmentId.newTimeOrdered().value();
		this.seed.dsl()
			.insertInto(MESSAGE_ATTACHMENTS)
			.set(MESSAGE_ATTACHMENTS.ID, id)
			.set(MESSAGE_ATTACHMENTS.UPLOADER_ID, uploader.value())
			.set(MESSAGE_ATTACHMENTS.FILE_NAME, "big.bin")
			.set(MESSAGE_ATTACHMENTS.CONTENT_TYPE, "application/octet-stream")
			.set(MESSAGE_ATTACHMENTS.SIZE_BYTES, size)
			.set(MESSAGE_ATTACHMENTS.SHA256, "0".repeat(64))
			.set(MESSAGE_ATTACHMENTS.STORAGE_KEY, "attachments/" + id + "/original")
			.set(MESSAGE_ATTACHMENTS.STATE, "PENDING")
			.set(MESSAGE_ATTACHMENTS.EXPIRES_AT, expiresAt.atOffset(ZoneOffset.UTC))
			.execute();
	}

	/**
	 * Alice starts {@code count} uploads of 10 bytes together, each with the first 5
	 * bytes of its body sent.
	 */
	private List<RawUpload> startAtOnce(int count) {
		ExecutorService starts = Executors.newFixedThreadPool(count);
		try {
			List<Future<RawUpload>> started = new ArrayList<>();
			for (int upload = 0; upload < count; upload++) {
				String path = "/attachments?name=f" + upload + ".txt";
				started.add(starts.submit(() -> RawUpload.start(this.port, this.aliceBrowser, path, "text/plain", 10,
						"hello".getBytes())));
			}
			List<RawUpload> uploads = new ArrayList<>();
			for (Future<RawUpload> upload : started) {
				uploads.add(upload.get(10, TimeUnit.SECONDS));
			}
			return uploads;
		}
		catch (InterruptedException | ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			starts.shutdown();
		}
	}

	/**
	 * Waits until {@code refused} of the uploads are answered with their bodies held
	 * back, then sends the rest of every other body, and returns every answer.
	 */
	private static List<RawUpload.Answer> answersOnceRefused(List<RawUpload> uploads, int refused) throws Exception {
		await().atMost(Duration.ofSeconds(8))
			.until(() -> uploads.stream().filter((upload) -> upload.answer().isDone()).count() >= refused);
		uploads.stream()
			.filter((upload) -> !upload.answer().isDone())
			.forEach((upload) -> upload.send("world".getBytes()));
		List<RawUpload.Answer> answers = new ArrayList<>();
		for (RawUpload upload : uploads) {
			answers.add(upload.answer().get(20, TimeUnit.SECONDS));
		}
		return answers;
	}

	private static void closeAll(List<RawUpload> uploads) throws IOException {
		for (RawUpload upload : uploads) {
			upload.close();
		}
	}

	/**
	 * The headers of a Windows program: the DOS stub pointing at a PE header for the
	 * machine, whose optional header starts with the magic ({@code 0x10b} PE32,
	 * {@code 0x20b} PE32+).
	 */
	private static byte[] portableExecutable(int magic, int machine) {
		ByteBuffer program = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
		program.put(0, (byte) 'M').put(1, (byte) 'Z').putInt(0x3c, 0x80);
		program.put(0x80, (byte) 'P').put(0x81, (byte) 'E').putShort(0x84, (short) machine);
		program.putShort(0x94, (short) ((magic == 0x10b) ? 0xe0 : 0xf0)).putShort(0x96, (short) 0x22);
		program.putShort(0x98, (short) magic);
		return program.array();
	}

	/**
	 * The header of an OLE2 compound file, the container of Windows Installer packages
	 * (and of older Office documents: Tika tells them apart by the name).
	 */
	private static byte[] compoundFile() {
		ByteBuffer file = ByteBuffer.allocate(1536).order(ByteOrder.LITTLE_ENDIAN);
		file.putLong(0, 0xe11ab1a1e011cfd0L).putShort(0x18, (short) 0x3e).putShort(0x1a, (short) 3);
		file.putShort(0x1c, (short) 0xfffe).putShort(0x1e, (short) 9).putShort(0x20, (short) 6);
		return file.array();
	}

	/** The header of a 64-bit Mach-O executable (macOS). */
	private static byte[] machO() {
		ByteBuffer program = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
		program.putInt(0, 0xfeedfacf).putInt(4, 0x01000007).putInt(12, 2);
		return program.array();
	}

	/** The header of a Java class file (version 61, Java 17). */
	private static byte[] javaClass() {
		ByteBuffer program = ByteBuffer.allocate(64);
		program.putInt(0, 0xcafebabe).putShort(6, (short) 61);
		return program.array();
	}

	private String send(String tempId, String attachmentIds) {
		return "{\"tempId\":\"" + tempId + "\",\"receiverId\":\"" + this.bob + "\",\"content\":\"\",\"attachmentIds\":"
				+ attachmentIds + "}";
	}

	private List<String> keys() {
		return this.s3.listObjectsV2((list) -> list.bucket(FerryInfrastructure.BUCKET))
			.contents()
			.stream()
			.map(S3Object::key)
			.toList();
	}

	private static byte[] png(int width, int height) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		var graphics = image.createGraphics();
		graphics.setColor(Color.ORANGE);
		graphics.fillRect(0, 0, width / 2, height);
		graphics.dispose();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImageIO.write(image, "png", bytes);
		return bytes.toByteArray();
	}

	/**
	 * A small PNG whose header claims the given size, as a decompression bomb does: it
	 * would decode to width × height pixels.
	 */
	private static byte[] pngClaiming(int width, int height) throws IOException {
		byte[] png = png(8, 8);
		// The IHDR chunk: length (4), "IHDR" (4), width (4), height (4), 5 more bytes,
		// CRC.
		ByteBuffer header = ByteBuffer.wrap(png);
		header.putInt(16, width).putInt(20, height);
		CRC32 crc = new CRC32();
		crc.update(png, 12, 17);
		header.putInt(29, (int) crc.getValue());
		return png;
	}

}
