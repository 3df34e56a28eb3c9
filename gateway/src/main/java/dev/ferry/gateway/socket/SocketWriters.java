package dev.ferry.gateway.socket;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * The threads that write to sockets, shared by every {@link SocketOutbox} of this node: a
 * write blocks only while a client's TCP window is full, and then holds up only that
 * socket's outbox.
 */
@Component
class SocketWriters implements Executor, AutoCloseable {

	private static final int WRITERS = 8;

	private final ExecutorService pool = Executors.newFixedThreadPool(WRITERS, threads());

	@Override
	public void execute(Runnable write) {
		this.pool.execute(write);
	}

	private static ThreadFactory threads() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("ferry-socket-writer-");
		threads.setDaemon(true);
		return threads;
	}

	@Override
	public void close() {
		this.pool.shutdownNow();
	}

}
