package dev.ferry.gateway.socket;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.ferry.contracts.id.UserId;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One socket's outgoing frames, against a client endpoint that completes each send only
 * when the test says so: no container, no network.
 */
class SocketOutboxTests {

	private final SocketWriters writers = new SocketWriters();

	private final Client client = new Client();

	@AfterEach
	void stopWriters() {
		this.writers.close();
	}

	@Test
	void framesAreSentInOrderOneAtATime() {
		SocketOutbox outbox = outbox(1_000, Duration.ofSeconds(10));
		outbox.offer(new TextMessage("one"));
		outbox.offer(new TextMessage("two"));
		outbox.offer(new TextMessage("three"));

		await().until(() -> this.client.started().size() == 1);
		assertThat(this.client.started()).containsExactly("one");
		assertThat(outbox.queuedBytes()).isEqualTo(8);

		this.client.complete(0);
		await().until(() -> this.client.started().size() == 2);
		this.client.complete(1);
		await().until(() -> this.client.started().size() == 3);
		assertThat(this.client.started()).containsExactly("one", "two", "three");
		assertThat(outbox.queuedBytes()).isZero();
	}

	@Test
	void aClientThatStopsReadingIsClosedOnceItsQueueOutgrowsTheBufferAndNoSendCompletes() {
		SocketOutbox outbox = outbox(10, Duration.ofMillis(50));
		outbox.offer(new TextMessage("first"));
		await().until(() -> this.client.started().size() == 1);

		await().atMost(Duration.ofSeconds(5)).until(() -> {
			outbox.offer(new TextMessage("more than ten bytes"));
			return this.client.closedWith() != null;
		});
		assertThat(this.client.closedWith().getCloseCode().getCode()).isEqualTo(4500);
		assertThat(this.client.started()).containsExactly("first");

		outbox.offer(new TextMessage("after the close"));
		assertThat(this.client.started()).containsExactly("first");
	}

	@Test
	void aSlowClientThatKeepsReadingIsNotClosedThoughItsQueueIsLong() {
		SocketOutbox outbox = outbox(10, Duration.ofSeconds(10));
		for (int frame = 0; frame < 5; frame++) {
			outbox.offer(new TextMessage("frame " + frame));
		}
		for (int sent = 0; sent < 5; sent++) {
			int index = sent;
			await().until(() -> this.client.started().size() == index + 1);
			this.client.complete(index);
		}

		assertThat(this.client.started()).containsExactly("frame 0", "frame 1", "frame 2", "frame 3", "frame 4");
		assertThat(this.client.closedWith()).isNull();
	}

	@Test
	void aFailedSendClosesTheSocketAsNotReliable() {
		SocketOutbox outbox = outbox(1_000, Duration.ofSeconds(10));
		outbox.offer(new TextMessage("one"));
		outbox.offer(new TextMessage("two"));
		await().until(() -> this.client.started().size() == 1);

		this.client.fail(0);

		await().until(() -> this.client.closedWith() != null);
		assertThat(this.client.closedWith().getCloseCode().getCode()).isEqualTo(4500);
		assertThat(this.client.started()).containsExactly("one");
	}

	private SocketOutbox outbox(long maxQueuedBytes, Duration stallLimit) {
		StandardWebSocketSession session = new StandardWebSocketSession(new HttpHeaders(), Map.of(), null, null);
		session.initializeNativeSession(this.client.session());
		return new SocketOutbox(session, new UserId(UUID.randomUUID()), this.writers, maxQueuedBytes, stallLimit);
	}

	/**
	 * The client's end: records each send it is asked to start and completes it when the
	 * test says so, as a client that reads slowly would.
	 */
	private static final class Client {

		private final List<String> started = new CopyOnWriteArrayList<>();

		private final List<SendHandler> completions = new CopyOnWriteArrayList<>();

		private volatile CloseReason closedWith;

		List<String> started() {
			return this.started;
		}

		CloseReason closedWith() {
			return this.closedWith;
		}

		void complete(int send) {
			this.completions.get(send).onResult(new SendResult());
		}

		void fail(int send) {
			this.completions.get(send).onResult(new SendResult(new java.io.IOException("Connection reset")));
		}

		Session session() {
			RemoteEndpoint.Async remote = proxy(RemoteEndpoint.Async.class, (method, args) -> {
				if (method.equals("sendText")) {
					this.started.add((String) args[0]);
					this.completions.add((SendHandler) args[1]);
				}
				return null;
			});
			return proxy(Session.class, (method, args) -> switch (method) {
				case "getAsyncRemote" -> remote;
				case "getId" -> "s-1";
				case "isOpen" -> this.closedWith == null;
				case "close" -> {
					this.closedWith = (CloseReason) args[0];
					yield null;
				}
				default -> null;
			});
		}

		private static <T> T proxy(Class<T> type, Answer answer) {
			return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
					(proxy, method, args) -> answer.to(method.getName(), args)));
		}

		private interface Answer {

			Object to(String method, Object[] args) throws Exception;

		}

	}

}
