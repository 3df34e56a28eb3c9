package dev.ferry.infra.e2e;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.infra.test.client.Browser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One chat user of the fault ledger, behaving as PROTOCOL.md asks of a client: sends with
 * a tempId and sends it again, with the same tempId, until a {@code message-ack} comes;
 * reconnects to whichever gateway answers when its socket drops, and resumes with
 * {@code sync} from the highest seq up to which it has seen everything; syncs too when a
 * live push skips a seq. It keeps what it sent and, by id, what it received. It chats
 * with one partner, or in a group with its other members.
 */
final class LedgerClient implements WebSocket.Listener {

	private static final JsonMapper JSON = JsonMapper.shared();

	/** A send unanswered this long is sent again. */
	private static final Duration RESEND_AFTER = Duration.ofSeconds(5);

	/** One message this user sent, and what came of it. */
	static final class Send {

		final String tempId;

		final String window;

		volatile String firstAnswer;

		volatile boolean acked;

		volatile long lastAttempt;

		/** Written while the client had no socket: it waited for one. */
		volatile boolean heldOffline;

		/** An attempt got no answer at all (the socket dropped, or 5 s passed). */
		volatile boolean unanswered;

		final AtomicInteger attempts = new AtomicInteger();

		Send(String tempId, String window) {
			this.tempId = tempId;
			this.window = window;
		}

	}

	final UserId user;

	/** Who receives what it sends: its partner, or the group's other members. */
	final List<UserId> others;

	final String name;

	private final ConversationId conversation;

	private final boolean group;

	private final List<Browser> browsers;

	private final int home;

	final Map<String, Send> sends = new ConcurrentHashMap<>();

	/** Message ids received from the others, by the sender's tempId. */
	final Map<String, Set<String>> received = new ConcurrentHashMap<>();

	/** Seqs of this conversation seen, pushed or replayed. */
	private final Set<Long> seen = ConcurrentHashMap.newKeySet();

	private final AtomicInteger sent = new AtomicInteger();

	final AtomicInteger reconnects = new AtomicInteger();

	private final StringBuilder partial = new StringBuilder();

	private volatile WebSocket socket;

	private volatile boolean open;

	private volatile boolean syncing;

	private volatile long nextConnectAttempt;

	LedgerClient(String name, UserId user, UserId partner, List<Browser> browsers, int home) {
		this(name, user, List.of(partner), ConversationId.direct(user, partner), false, browsers, home);
	}

	/** A member of a group, with its other members. */
	LedgerClient(String name, UserId user, List<UserId> others, ConversationId group, List<Browser> browsers,
			int home) {
		this(name, user, others, group, true, browsers, home);
	}

	private LedgerClient(String name, UserId user, List<UserId> others, ConversationId conversation, boolean group,
			List<Browser> browsers, int home) {
		this.name = name;
		this.user = user;
		this.others = List.copyOf(others);
		this.conversation = conversation;
		this.group = group;
		this.browsers = browsers;
		this.home = home;
	}

	/** Sends a new message, or keeps it for when the socket is back. */
	void sendNew(String window) {
		Send send = new Send(this.name + "-" + this.sent.incrementAndGet(), window);
		send.heldOffline = !this.open;
		this.sends.put(send.tempId, send);
		attempt(send);
	}

	/**
	 * What a client does on its timer: reconnect if the socket dropped, send again what
	 * got no ack in time.
	 */
	void tick() {
		if (!this.open) {
			connect();
			return;
		}
		long now = System.nanoTime();
		for (Send send : this.sends.values()) {
			if (!send.acked && now - send.lastAttempt > RESEND_AFTER.toNanos()) {
				attempt(send);
			}
		}
	}

	private void attempt(Send send) {
		if (!this.open) {
			return;
		}
		if (send.attempts.get() > 0 && send.firstAnswer == null) {
			send.unanswered = true;
		}
		send.lastAttempt = System.nanoTime();
		send.attempts.incrementAndGet();
		write(Map.of("type", "send-message", "tempId", send.tempId, this.group ? "conversationId" : "receiverId",
				this.group ? this.conversation.toString() : this.others.get(0).toString(), "content",
				"ledger " + send.tempId));
	}

	/** Opens a socket to its own gateway, else to the other one, and resumes. */
	void connect() {
		if (System.nanoTime() < this.nextConnectAttempt) {
			return;
		}
		for (int offset = 0; offset < this.browsers.size(); offset++) {
			int gateway = (this.home + offset) % this.browsers.size();
			try {
				this.socket = this.browsers.get(gateway).openSocket(null, this);
				this.open = true;
				this.reconnects.incrementAndGet();
				sync();
				return;
			}
			catch (RuntimeException ex) {
				// That gateway is down; the other may answer.
			}
		}
		this.nextConnectAttempt = System.nanoTime() + Duration.ofMillis(500).toNanos();
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			handle(JSON.readTree(this.partial.toString()));
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	private void handle(JsonNode frame) {
		switch (frame.path("type").asString()) {
			case "message-ack" -> answered(frame.path("tempId").asString(), "ack");
			case "error" -> {
				String tempId = frame.path("ref").asString();
				Send send = this.sends.get(tempId);
				if (send != null) {
					answered(tempId, frame.path("code").asString());
					// Sent again on the next tick.
					send.lastAttempt = 0;
				}
			}
			case "message-created" -> created(frame);
			// The group's creation took seq 1; a resume replays its latest change.
			case "group-changed" -> this.seen.add(frame.path("seq").asLong());
			case "sync-complete" -> syncCompleted(frame);
			default -> {
			}
		}
	}

	private void answered(String tempId, String answer) {
		Send send = this.sends.get(tempId);
		if (send == null) {
			return;
		}
		if (send.firstAnswer == null) {
			send.firstAnswer = answer;
		}
		if (answer.equals("ack")) {
			send.acked = true;
		}
	}

	private void created(JsonNode frame) {
		JsonNode message = frame.path("message");
		long seq = frame.path("seq").asLong();
		long before = watermark();
		this.seen.add(seq);
		if (this.others.stream().anyMatch((other) -> other.toString().equals(message.path("senderId").asString()))) {
			this.received.computeIfAbsent(message.path("tempId").asString(), (key) -> ConcurrentHashMap.newKeySet())
				.add(message.path("id").asString());
		}
		if (!this.syncing && seq > before + 1) {
			// A live push skipped a seq: something was missed.
			sync();
		}
	}

	private void syncCompleted(JsonNode frame) {
		boolean more = false;
		for (JsonNode conversation : frame.path("conversations")) {
			more |= conversation.path("more").asBoolean();
		}
		this.syncing = false;
		if (more || watermark() < lastSeqOf(frame)) {
			sync();
		}
	}

	private long lastSeqOf(JsonNode frame) {
		for (JsonNode conversation : frame.path("conversations")) {
			if (conversation.path("id").asString().equals(this.conversation.toString())) {
				return conversation.path("lastSeq").asLong();
			}
		}
		return 0;
	}

	private void sync() {
		this.syncing = true;
		write(Map.of("type", "sync", "positions", Map.of(this.conversation.toString(), watermark())));
	}

	/** The highest seq up to which every seq was seen. */
	long watermark() {
		long watermark = 0;
		while (this.seen.contains(watermark + 1)) {
			watermark++;
		}
		return watermark;
	}

	private void write(Object frame) {
		WebSocket current = this.socket;
		if (current == null) {
			return;
		}
		try {
			current.sendText(JSON.writeValueAsString(frame), true).get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			dropped();
		}
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		if (webSocket == this.socket) {
			dropped();
		}
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		if (webSocket == this.socket) {
			dropped();
		}
	}

	private void dropped() {
		this.open = false;
		this.syncing = false;
	}

	boolean isOpen() {
		return this.open;
	}

	/** Whether every send got its ack. */
	boolean allAcked() {
		return this.sends.values().stream().allMatch((send) -> send.acked);
	}

	void close() {
		WebSocket current = this.socket;
		this.socket = null;
		this.open = false;
		if (current != null) {
			current.abort();
		}
	}

}
