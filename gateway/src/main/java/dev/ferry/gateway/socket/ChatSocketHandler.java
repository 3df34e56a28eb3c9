package dev.ferry.gateway.socket;

import java.io.IOException;

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
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.FrameCodec;
import dev.ferry.contracts.message.MessageStatus;
import dev.ferry.gateway.auth.FerryUser;
import dev.ferry.gateway.command.ChatCommands;
import dev.ferry.gateway.command.ChatException;
import dev.ferry.gateway.presence.PresencePublisher;
import dev.ferry.gateway.sync.SyncReplay;
import dev.ferry.gateway.system.GatewaySettings;
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
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * One chat socket: reads client frames, hands commands to {@link ChatCommands}, and
 * answers with {@code message-ack}, {@code pong} or an {@code error} frame. A bad frame
 * never closes the socket.
 */
@Component
class ChatSocketHandler extends TextWebSocketHandler {

	private static final String OUTPUT = "ferry.output";

	private static final String ASSEMBLY = "ferry.assembly";

	private final ChatCommands commands;

	private final SyncReplay syncReplay;

	private final UserRateLimiter rateLimiter;

	private final LocalSessions sessions;

	private final GatewaySettings.Socket limits;

	private final PresencePublisher presence;

	private final FrameCodec frames = new FrameCodec();

	ChatSocketHandler(ChatCommands commands, SyncReplay syncReplay, UserRateLimiter rateLimiter, LocalSessions sessions,
			PresencePublisher presence, GatewaySettings settings) {
		this.commands = commands;
		this.syncReplay = syncReplay;
		this.rateLimiter = rateLimiter;
		this.sessions = sessions;
		this.limits = settings.socket();
		this.presence = presence;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		// Output goes through a bounded buffer: a client that does not read is
		// disconnected.
		WebSocketSession output = new ConcurrentWebSocketSessionDecorator(session,
				(int) this.limits.sendTimeLimit().toMillis(), this.limits.sendBufferBytes(),
				ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
		session.getAttributes().put(OUTPUT, output);
		if (session instanceof NativeWebSocketSession nativeSession
				&& nativeSession.getNativeSession() instanceof jakarta.websocket.Session socket) {
			// A write to a client that stopped reading fails after the limit, instead of
			// holding a push writer for Tomcat's default of 20 s.
			socket.getUserProperties()
				.put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", this.limits.sendTimeLimit().toMillis());
		}
		UserId user = userOf(session);
		this.sessions.add(user, output, (count) -> this.presence.sessionsChanged(user, count));
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		UserId user = userOf(session);
		this.sessions.remove(user, output(session), (left) -> {
			this.presence.sessionsChanged(user, left);
			if (left == 0) {
				this.rateLimiter.forget(user);
			}
		});
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
	protected void handleTextMessage(WebSocketSession session, TextMessage part) throws IOException {
		FrameAssembly assembly = (FrameAssembly) session.getAttributes()
			.computeIfAbsent(ASSEMBLY, (key) -> new FrameAssembly(this.limits.maxFrameBytes()));
		String frame = assembly.add(part.getPayload(), part.isLast());
		if (!part.isLast()) {
			return;
		}
		WebSocketSession output = output(session);
		if (frame == null) {
			send(output, new ErrorFrame("frame_too_large",
					"Frames are at most " + this.limits.maxFrameBytes() + " bytes", null));
			return;
		}
		JsonNode tree;
		try {
			tree = this.frames.readTree(frame);
		}
		catch (JacksonException ex) {
			send(output, new ErrorFrame("invalid_json", "The frame is not JSON", null));
			return;
		}
		String ref = refOf(tree);
		UserId user = userOf(session);
		if (!this.rateLimiter.tryAcquire(user)) {
			send(output, new ErrorFrame("rate_limited", "Too many frames; slow down", ref));
			return;
		}
		try {
			ServerFrame reply = handle(user, this.frames.readClientFrame(tree), output);
			if (reply != null) {
				send(output, reply);
			}
		}
		catch (InvalidTypeIdException ex) {
			send(output, new ErrorFrame("unknown_type", "The frame's type is missing or unknown", ref));
		}
		catch (JacksonException ex) {
			send(output,
					new ErrorFrame("invalid_field", "A field has the wrong form: " + ex.getOriginalMessage(), ref));
		}
		catch (ChatException ex) {
			send(output, new ErrorFrame(ex.code(), ex.getMessage(), ref));
		}
	}

	private ServerFrame handle(UserId user, ClientFrame frame, WebSocketSession output) throws IOException {
		if (frame instanceof SendMessageFrame send) {
			ConversationId conversation = this.commands.send(user, send.tempId(), send.receiverId(), send.content());
			return new MessageAckFrame(send.tempId(), conversation, MessageStatus.PENDING);
		}
		if (frame instanceof UpdateMessageFrame update) {
			this.commands.edit(user, update.id(), update.content());
		}
		else if (frame instanceof DeleteMessageFrame delete) {
			this.commands.delete(user, delete.id());
		}
		else if (frame instanceof UpdateMessageStatusFrame status) {
			this.commands.report(user, status.id(), status.status());
		}
		else if (frame instanceof TypingFrame typing) {
			this.commands.typing(user, typing.conversationId(), typing.receiverId(), typing.typing());
		}
		else if (frame instanceof SyncFrame sync) {
			for (ServerFrame replayed : this.syncReplay.replay(user, sync.positions())) {
				send(output, replayed);
			}
		}
		else if (frame instanceof PingFrame) {
			return new PongFrame();
		}
		return null;
	}

	private void send(WebSocketSession output, ServerFrame frame) throws IOException {
		output.sendMessage(new TextMessage(this.frames.write(frame)));
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

	private static WebSocketSession output(WebSocketSession session) {
		return (WebSocketSession) session.getAttributes().get(OUTPUT);
	}

	private static UserId userOf(WebSocketSession session) {
		FerryUser user = (FerryUser) ((Authentication) session.getPrincipal()).getPrincipal();
		return new UserId(user.id());
	}

}
