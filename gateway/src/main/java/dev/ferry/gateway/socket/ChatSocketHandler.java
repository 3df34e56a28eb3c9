package dev.ferry.gateway.socket;

import java.util.concurrent.CompletableFuture;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.frame.ClientFrame;
import dev.ferry.contracts.frame.DeleteMessageFrame;
import dev.ferry.contracts.frame.ErrorFrame;
import dev.ferry.contracts.frame.MessageAckFrame;
import dev.ferry.contracts.frame.PingFrame;
import dev.ferry.contracts.frame.PongFrame;
import dev.ferry.contracts.frame.SendMessageFrame;
import dev.ferry.contracts.frame.ServerFrame;
import dev.ferry.contracts.frame.SyncFrame;
import dev.ferry.contracts.frame.TypingFrame;
import dev.ferry.contracts.frame.UpdateMessageFrame;
import dev.ferry.contracts.frame.UpdateMessageStatusFrame;
import dev.ferry.contracts.frame.WatchPresenceFrame;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.FrameCodec;
import dev.ferry.contracts.message.MessageRules;
import dev.ferry.contracts.message.MessageStatus;
import dev.ferry.gateway.auth.FerryUser;
import dev.ferry.gateway.conversation.ChatCommands;
import dev.ferry.gateway.system.ChatException;
import dev.ferry.gateway.presence.PresencePublisher;
import dev.ferry.gateway.conversation.SyncReplay;
import dev.ferry.gateway.system.GatewaySettings;
import dev.ferry.gateway.system.InvalidFieldException;
import dev.ferry.gateway.system.UserRateLimiter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidTypeIdException;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * One chat socket: reads client frames, hands commands to {@link ChatCommands}, and
 * answers with {@code message-ack} (once Kafka has the command), {@code pong} or an
 * {@code error} frame. A bad frame never closes the socket. Nothing here waits: answers
 * go through the socket's {@link SocketOutbox} when they are ready.
 */
@Component
class ChatSocketHandler extends TextWebSocketHandler {

	private static final String OUTBOX = "ferry.outbox";

	private static final String ASSEMBLY = "ferry.assembly";

	private final ChatCommands commands;

	private final SyncReplay syncReplay;

	private final UserRateLimiter rateLimiter;

	private final LocalSessions sessions;

	private final SocketWriters writers;

	private final GatewaySettings.Socket limits;

	private final PresencePublisher presence;

	private final PresenceWatches watches;

	private final SocketCap cap;

	private final FrameObservation observation;

	private final FrameCodec frames = new FrameCodec();

	ChatSocketHandler(ChatCommands commands, SyncReplay syncReplay, UserRateLimiter rateLimiter, LocalSessions sessions,
			SocketWriters writers, PresencePublisher presence, PresenceWatches watches, SocketCap cap,
			FrameObservation observation, GatewaySettings settings) {
		this.observation = observation;
		this.watches = watches;
		this.cap = cap;
		this.commands = commands;
		this.syncReplay = syncReplay;
		this.rateLimiter = rateLimiter;
		this.sessions = sessions;
		this.writers = writers;
		this.limits = settings.socket();
		this.presence = presence;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		if (session instanceof NativeWebSocketSession nativeSession
				&& nativeSession.getNativeSession() instanceof jakarta.websocket.Session socket) {
			// Frames are sent asynchronously; the close frame is sent blocking, and to a
			// client that stopped reading it gives up after the limit, instead of holding
			// a closer for Tomcat's default of 20 s.
			socket.getUserProperties()
				.put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", this.limits.sendTimeLimit().toMillis());
		}
		UserId user = userOf(session);
		SocketOutbox outbox = new SocketOutbox(session, user, this.writers, this.limits.sendBufferBytes(),
				this.limits.sendTimeLimit());
		session.getAttributes().put(OUTBOX, outbox);
		this.sessions.add(outbox, (count) -> this.presence.sessionsChanged(user, count));
		this.cap.opened(user);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		UserId user = userOf(session);
		this.watches.forget(outbox(session));
		this.sessions.remove(outbox(session), (left) -> this.presence.sessionsChanged(user, left));
	}

	/**
	 * Frames arrive in parts as the container's small read buffer fills: a socket does
	 * not hold a buffer as large as the biggest frame, and a frame of any size gets
	 * {@code frame_too_large} without closing the socket.
	 */
	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage part) {
		FrameAssembly assembly = (FrameAssembly) session.getAttributes()
			.computeIfAbsent(ASSEMBLY, (key) -> new FrameAssembly(this.limits.maxFrameBytes()));
		String frame = assembly.add(part.getPayload(), part.isLast());
		if (!part.isLast()) {
			return;
		}
		SocketOutbox outbox = outbox(session);
		if (frame == null) {
			error(outbox, ErrorCode.FRAME_TOO_LARGE, "Frames are at most " + this.limits.maxFrameBytes() + " bytes",
					null);
			return;
		}
		ClientFrame clientFrame;
		try {
			clientFrame = this.frames.readClientFrame(frame);
		}
		catch (JacksonException ex) {
			refuseUnreadable(outbox, userOf(session), frame, ex);
			return;
		}
		String ref = clientFrame.ref();
		UserId user = userOf(session);
		if (!this.rateLimiter.tryAcquire(user)) {
			error(outbox, ErrorCode.RATE_LIMITED, "Too many frames; slow down", ref);
			return;
		}
		try {
			this.observation.handle(clientFrame, (handled) -> handled.accept(new FrameHandling(user, ref, outbox)));
		}
		catch (ChatException ex) {
			error(outbox, ex.code(), ex.getMessage(), ref);
		}
	}

	/**
	 * A frame that did not bind: parsed again as a tree only now, to tell JSON that is
	 * not a frame from text that is not JSON, and to find its {@code ref}.
	 */
	private void refuseUnreadable(SocketOutbox outbox, UserId user, String frame, JacksonException failure) {
		JsonNode tree;
		try {
			tree = this.frames.readTree(frame);
		}
		catch (JacksonException ex) {
			error(outbox, ErrorCode.INVALID_JSON, "The frame is not JSON", null);
			return;
		}
		String ref = refOf(tree);
		if (!this.rateLimiter.tryAcquire(user)) {
			error(outbox, ErrorCode.RATE_LIMITED, "Too many frames; slow down", ref);
		}
		else if (failure instanceof InvalidTypeIdException) {
			error(outbox, ErrorCode.UNKNOWN_TYPE, "The frame's type is missing or unknown", ref);
		}
		else {
			error(outbox, ErrorCode.INVALID_FIELD, "A field has the wrong form: " + failure.getOriginalMessage(), ref);
		}
	}

	/**
	 * What one client frame does; a visitor so that a new frame type does not compile
	 * until the socket handles it.
	 */
	private final class FrameHandling implements ClientFrame.Visitor<Void> {

		private final UserId user;

		private final String ref;

		private final SocketOutbox outbox;

		FrameHandling(UserId user, String ref, SocketOutbox outbox) {
			this.user = user;
			this.ref = ref;
			this.outbox = outbox;
		}

		@Override
		public Void send(SendMessageFrame frame) {
			ChatSocketHandler.this.commands
				.send(this.user, frame.tempId(), frame.receiverId(), frame.conversationId(), frame.content(),
						frame.attachmentIds())
				.whenComplete((conversation, failure) -> {
					if (failure == null) {
						ChatSocketHandler.this.send(this.outbox,
								new MessageAckFrame(frame.tempId(), conversation, MessageStatus.PENDING));
					}
					else {
						refuse(this.outbox, failure, this.ref);
					}
				});
			return null;
		}

		@Override
		public Void edit(UpdateMessageFrame frame) {
			return answerFailure(ChatSocketHandler.this.commands.edit(this.user, frame.id(), frame.content()));
		}

		@Override
		public Void delete(DeleteMessageFrame frame) {
			return answerFailure(ChatSocketHandler.this.commands.delete(this.user, frame.id()));
		}

		@Override
		public Void report(UpdateMessageStatusFrame frame) {
			return answerFailure(ChatSocketHandler.this.commands.report(this.user, frame.id(), frame.status()));
		}

		@Override
		public Void typing(TypingFrame frame) {
			ChatSocketHandler.this.commands.typing(this.user, frame.conversationId(), frame.receiverId(),
					frame.typing());
			return null;
		}

		@Override
		public Void sync(SyncFrame frame) {
			ChatSocketHandler.this.syncReplay.replay(this.user, frame.positions(),
					(replayed) -> ChatSocketHandler.this.send(this.outbox, replayed));
			return null;
		}

		@Override
		public Void watchPresence(WatchPresenceFrame frame) {
			try {
				ChatSocketHandler.this.watches.watch(this.outbox, frame.userIds());
			}
			catch (InvalidFieldException ex) {
				ChatSocketHandler.this.error(this.outbox, ErrorCode.INVALID_FIELD, ex.getMessage(), null);
			}
			return null;
		}

		@Override
		public Void ping(PingFrame frame) {
			ChatSocketHandler.this.send(this.outbox, new PongFrame());
			return null;
		}

		/** A command that Kafka did not take is answered; one it took needs no answer. */
		private Void answerFailure(CompletableFuture<Void> command) {
			command.whenComplete((accepted, failure) -> {
				if (failure != null) {
					refuse(this.outbox, failure, this.ref);
				}
			});
			return null;
		}

	}

	private void refuse(SocketOutbox outbox, Throwable failure, String ref) {
		ChatException refused = ChatException.refusalOf(failure);
		error(outbox, refused.code(), refused.getMessage(), ref);
	}

	/**
	 * Answers with an {@code error} frame that can always be sent: its {@code ref} only
	 * when the frame's temp id or id has a valid form (1 to 64 characters that UTF-8 can
	 * encode), else {@code null}, and a message quoting the client's bad text with what
	 * UTF-8 cannot encode replaced. A frame Tomcat cannot encode would fail its write,
	 * and the failed write would close the socket.
	 */
	private void error(SocketOutbox outbox, ErrorCode code, String message, String ref) {
		this.observation.refused(code);
		send(outbox,
				new ErrorFrame(code, MessageRules.storable(message), MessageRules.isValidTempId(ref) ? ref : null));
	}

	private void send(SocketOutbox outbox, ServerFrame frame) {
		outbox.offer(new TextMessage(this.frames.write(frame)));
	}

	private static String refOf(JsonNode tree) {
		for (String field : new String[] { "tempId", "id" }) {
			JsonNode value = tree.path(field);
			if (value.isString()) {
				return value.asString();
			}
		}
		return null;
	}

	private static SocketOutbox outbox(WebSocketSession session) {
		return (SocketOutbox) session.getAttributes().get(OUTBOX);
	}

	private static UserId userOf(WebSocketSession session) {
		FerryUser user = (FerryUser) ((Authentication) session.getPrincipal()).getPrincipal();
		return new UserId(user.id());
	}

}
