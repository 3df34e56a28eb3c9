package dev.ferry.gateway.attachment;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
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

	private Seed seed;

	private UserId alice;

	private UserId bob;

	private UserId carol;

	private Browser aliceBrowser;

	private TopicTail<Envelope<InboundCommand>> inbound;

	@BeforeEach
	void seed(FerryInfrastructure infrastructure) {
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
	void aUserHasAtMost20UploadsWaitingToBeSent() {
		for (int upload = 0; upload < 20; upload++) {
			assertThat(this.aliceBrowser.upload("/attachments?name=f" + upload + ".txt", "x".getBytes(), "text/plain")
				.statusCode()).isEqualTo(201);
		}

		HttpResponse<String> refused = this.aliceBrowser.upload("/attachments?name=one-more.txt", "x".getBytes(),
				"text/plain");

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(json(refused).path("error").asString()).isEqualTo("rate_limited");
	}

	private void attachToAMessageFromAliceToBob(AttachmentId upload) {
		ConversationId conversation = ConversationId.direct(this.alice, this.bob);
		if (!this.seed.dsl().fetchExists(CONVERSATIONS, CONVERSATIONS.ID.eq(conversation.value()))) {
			this.seed.conversation(this.alice, this.bob, 0, OffsetDateTime.now());
		}
		long seq = this.seed.dsl().fetchCount(MESSAGES, MESSAGES.CONVERSATION_ID.eq(conversation.value())) + 1;
		MessageId message = this.seed.message(conversation, this.alice, this.bob, seq, seq, "SENT", false, false);
		this.seed.attach(upload, message);
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
