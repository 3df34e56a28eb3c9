package dev.ferry.infra.bench.load;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.Deflater;

import dev.ferry.contracts.frame.MessageAckFrame;
import dev.ferry.contracts.frame.MessageCreatedFrame;
import dev.ferry.contracts.frame.MessageStatusUpdatedFrame;
import dev.ferry.contracts.frame.ServerFrame;
import dev.ferry.contracts.frame.UserStatusChangedFrame;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.FrameCodec;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.message.MessageStatus;

/**
 * What {@code permessage-deflate} would save on the wire for the frames a chat socket
 * gets, written by the gateway's own codec: each frame's bytes plain, deflated on its own
 * (as with {@code no_context_takeover}, the only way to share compressors between
 * sockets), and deflated with the context of a conversation's previous frames (a
 * compressor kept per socket, as browsers ask by default). No stack is needed.
 */
final class FrameCompression {

	private static final String TEXT = "Hi! Are we still on for the vessel inspection tomorrow morning? The surveyor "
			+ "wants the engine room logs and the ballast water records ready by nine, and the agent says the berth "
			+ "moved to the north quay. Could you confirm the crew list and send the updated ETA when you can? ";

	/** Frames of a conversation each measurement averages over. */
	private static final int SEQUENCE = 200;

	private FrameCompression() {
	}

	static Map<String, Object> measure() {
		Map<String, Object> rows = new LinkedHashMap<>();
		for (int length : new int[] { 20, 100, 500, 2000 }) {
			rows.put("message-created, " + length + " characters", row((seq) -> created(seq, length)));
		}
		rows.put("message-status-updated", row(FrameCompression::statusUpdated));
		rows.put("user-status-changed", row((seq) -> new UserStatusChangedFrame(new UserId(new UUID(7, seq)),
				seq % 2 == 0, Instant.parse("2026-12-02T10:15:30Z").plusSeconds(seq))));
		rows.put("message-ack", row((seq) -> new MessageAckFrame("tmp-" + UUID.randomUUID(),
				new ConversationId(new UUID(1, 1)), MessageStatus.PENDING)));
		return rows;
	}

	private static Map<String, Object> row(java.util.function.LongFunction<ServerFrame> frames) {
		FrameCodec codec = new FrameCodec();
		long plain = 0;
		long alone = 0;
		long withContext = 0;
		Deflater shared = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		for (long seq = 1; seq <= SEQUENCE; seq++) {
			byte[] frame = codec.write(frames.apply(seq)).getBytes(StandardCharsets.UTF_8);
			plain += onTheWire(frame.length);
			Deflater own = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
			alone += onTheWire(deflate(own, frame));
			own.end();
			withContext += onTheWire(deflate(shared, frame));
		}
		shared.end();
		return ReportFiles.ordered("plain bytes", plain / SEQUENCE, "deflated alone", alone / SEQUENCE,
				"deflated with context", withContext / SEQUENCE, "saved alone",
				String.format("%.0f %%", 100.0 * (plain - alone) / plain), "saved with context",
				String.format("%.0f %%", 100.0 * (plain - withContext) / plain));
	}

	/**
	 * The size of a message deflated as RFC 7692 sends it: flushed to a byte boundary,
	 * without the four bytes {@code 00 00 ff ff} that end the flush.
	 */
	private static int deflate(Deflater deflater, byte[] frame) {
		deflater.setInput(frame);
		byte[] out = new byte[frame.length * 2 + 64];
		int size = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
		return size - 4;
	}

	/** A server frame's size with its header (unmasked: 2 bytes, 4 past 125). */
	private static int onTheWire(int payload) {
		return payload + ((payload <= 125) ? 2 : (payload <= 65_535) ? 4 : 10);
	}

	private static ServerFrame created(long seq, int length) {
		ConversationId conversation = new ConversationId(new UUID(1, 1));
		Instant at = Instant.parse("2026-12-02T10:15:30.123456Z").plusMillis(seq * 1_337);
		String content = content(seq, length);
		boolean fromAlice = seq % 3 != 0;
		UserId alice = new UserId(new UUID(2, 2));
		UserId bob = new UserId(new UUID(3, 3));
		ChatMessage message = new ChatMessage(new MessageId(UUID.randomUUID()), conversation, seq, seq,
				fromAlice ? alice : bob, fromAlice ? bob : alice, "tmp-" + UUID.randomUUID(), content,
				MessageStatus.SENT, false, at, at, null, false);
		return new MessageCreatedFrame(conversation, seq, message);
	}

	/**
	 * Words of a chat-like text in a different order for every message: text that repeats
	 * itself would flatter compression.
	 */
	private static String content(long seq, int length) {
		String[] words = TEXT.split(" ");
		Random random = new Random(seq);
		StringBuilder content = new StringBuilder(length + 16);
		while (content.length() < length) {
			content.append(words[random.nextInt(words.length)]).append(' ');
		}
		return content.substring(0, length);
	}

	private static ServerFrame statusUpdated(long seq) {
		return new MessageStatusUpdatedFrame(new ConversationId(new UUID(1, 1)), seq, new MessageId(UUID.randomUUID()),
				(seq % 2 == 0) ? MessageStatus.READ : MessageStatus.DELIVERED, seq - 1);
	}

}
