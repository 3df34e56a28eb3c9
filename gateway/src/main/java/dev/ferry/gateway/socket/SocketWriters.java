package dev.ferry.gateway.socket;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * The threads that start sends to sockets, shared by every {@link SocketOutbox} of this
 * node. A send never blocks them (sends are asynchronous), so a few suffice however many
 * clients stop reading. Closing a socket may wait for its send in flight, up to the send
 * time limit: closers do that, apart, so that a stuck client never holds a writer.
 */
@Component
class SocketWriters implements Executor, AutoCloseable {

	private static final int WRITERS = 8;

	private static final int CLOSERS = 2;

	private final ExecutorService pool = Executors.newFixedThreadPool(WRITERS, threads("ferry-socket-writer-"));

	private final ExecutorService closers = Executors.newFixedThreadPool(CLOSERS, threads("ferry-socket-closer-"));

	@Override
	public void execute(Runnable write) {
		this.pool.execute(write);
	}

	void closeLater(Runnable close) {
		this.closers.execute(close);
	}

	private static ThreadFactory threads(String prefix) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		return threads;
	}

	@Override
	public void close() {
		this.pool.shutdownNow();
		this.closers.shutdownNow();
	}

}
