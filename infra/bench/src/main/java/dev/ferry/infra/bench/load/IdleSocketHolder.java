package dev.ferry.infra.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load-generator process that holds idle sockets for the connections mode: one process
 * can hold only as many as its open-files limit allows, so the run starts several.
 * <p>
 * Each socket opens as Chromium's does: its headers (the login's cookies, the page's
 * Origin, a user agent and the rest), in its order, with its offer of
 * {@code permessage-deflate; client_max_window_bits}. The JDK's WebSocket client cannot
 * offer an extension, hence the handshake by hand. Then the socket only reads, one
 * selector for all, so it never makes the gateway queue frames for it.
 * <p>
 * Protocol on stdin/stdout, a line each: {@code open N FIRST} opens N sockets (socket
 * numbers FIRST…, which pick the cookie and the local address) and answers
 * {@code opened N DEFLATE CLOSED} (sockets open, how many of them had deflate accepted,
 * how many the gateway closed so far) or {@code failed N REASON}.
 */
public final class IdleSocketHolder {

	private static final String DEFLATE_OFFER = "permessage-deflate; client_max_window_bits";

	private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
			+ "Chrome/142.0.0.0 Safari/537.36";

	private static final int OPENERS = 16;

	private final List<String> cookies;

	/** Where the sockets go, spread over local addresses as the load generator's are. */
	private final ChatLoad.Target target;

	private final Selector selector;

	private final Queue<SocketChannel> toWatch = new ConcurrentLinkedQueue<>();

	private final AtomicInteger closed = new AtomicInteger();

	/**
	 * Whether a socket of the current batch failed: the rest of it is not tried, so a
	 * gateway that stopped accepting costs one handshake timeout, not one per socket.
	 */
	private volatile boolean batchFailed;

	private int open;

	private int deflateAccepted;

	private IdleSocketHolder(List<String> cookies, String gateway, int addresses) throws IOException {
		this.cookies = cookies;
		this.target = new ChatLoad.Target(gateway, null, null, null, addresses);
		this.selector = Selector.open();
	}

	/**
	 * @param args the gateway's URL, the file of cookie headers (a line per user), and
	 * how many local addresses to spread over
	 */
	public static void main(String[] args) throws Exception {
		IdleSocketHolder holder = new IdleSocketHolder(Files.readAllLines(Path.of(args[1])), args[0],
				Integer.parseInt(args[2]));
		Thread reader = new Thread(holder::readAll, "idle-socket-reader");
		reader.setDaemon(true);
		reader.start();
		ExecutorService openers = Executors.newFixedThreadPool(OPENERS);
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		for (String line = commands.readLine(); line != null; line = commands.readLine()) {
			String[] words = line.trim().split(" ");
			if (words[0].equals("open")) {
				System.out.println(holder.open(openers, Integer.parseInt(words[1]), Integer.parseInt(words[2])));
				System.out.flush();
			}
		}
		System.exit(0);
	}

	private String open(ExecutorService openers, int count, int first) throws InterruptedException {
		this.batchFailed = false;
		List<Future<Boolean>> opening = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int number = first + i;
			opening.add(openers.submit(() -> handshake(number)));
		}
		String failure = null;
		for (Future<Boolean> socket : opening) {
			try {
				if (socket.get()) {
					this.deflateAccepted++;
				}
				this.open++;
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof SkippedException) {
					continue;
				}
				Throwable cause = ex;
				while (cause.getCause() != null) {
					cause = cause.getCause();
				}
				failure = cause.getClass().getSimpleName() + ": " + cause.getMessage();
			}
		}
		this.selector.wakeup();
		return (failure != null) ? "failed " + this.open + " " + failure
				: "opened " + this.open + " " + this.deflateAccepted + " " + this.closed.get();
	}

	/**
	 * Opens socket number {@code number}; returns whether the gateway accepted deflate.
	 */
	private boolean handshake(int number) throws IOException {
		if (this.batchFailed) {
			throw new SkippedException();
		}
		URI uri = this.target.socketUri(number);
		String authority = uri.getHost() + ":" + uri.getPort();
		SocketChannel channel = SocketChannel.open();
		try {
			channel.socket().connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 30_000);
			channel.socket().setSoTimeout(30_000);
			byte[] key = new byte[16];
			ThreadLocalRandom.current().nextBytes(key);
			String request = "GET /ws HTTP/1.1\r\nHost: " + authority + "\r\nConnection: Upgrade\r\n"
					+ "Pragma: no-cache\r\nCache-Control: no-cache\r\nUser-Agent: " + USER_AGENT
					+ "\r\nUpgrade: websocket\r\nOrigin: http://" + authority
					+ "\r\nSec-WebSocket-Version: 13\r\nAccept-Encoding: gzip, deflate, br, zstd\r\n"
					+ "Accept-Language: en-GB,en;q=0.9\r\nCookie: " + this.cookies.get(number % this.cookies.size())
					+ "\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
					+ "\r\nSec-WebSocket-Extensions: " + DEFLATE_OFFER + "\r\n\r\n";
			channel.socket().getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			String response = responseHead(channel);
			if (!response.startsWith("HTTP/1.1 101")) {
				throw new IOException("handshake answered " + response.lines().findFirst().orElse(""));
			}
			boolean deflate = response.toLowerCase(Locale.ROOT).contains("permessage-deflate");
			channel.configureBlocking(false);
			this.toWatch.add(channel);
			return deflate;
		}
		catch (IOException | RuntimeException ex) {
			this.batchFailed = true;
			channel.close();
			throw ex;
		}
	}

	/** Reads up to the blank line that ends the response's head. */
	private static String responseHead(SocketChannel channel) throws IOException {
		StringBuilder head = new StringBuilder();
		var in = channel.socket().getInputStream();
		while (head.indexOf("\r\n\r\n") < 0) {
			int next = in.read();
			if (next < 0) {
				throw new IOException("closed during the handshake after: " + head);
			}
			head.append((char) next);
		}
		return head.toString();
	}

	/** Reads and drops whatever the gateway sends, and counts the sockets it closes. */
	private void readAll() {
		ByteBuffer discard = ByteBuffer.allocateDirect(64 * 1024);
		try {
			while (true) {
				this.selector.select(TimeUnit.SECONDS.toMillis(1));
				for (SocketChannel channel = this.toWatch.poll(); channel != null; channel = this.toWatch.poll()) {
					channel.register(this.selector, SelectionKey.OP_READ);
				}
				for (SelectionKey key : this.selector.selectedKeys()) {
					SocketChannel channel = (SocketChannel) key.channel();
					discard.clear();
					if (read(channel, discard) < 0) {
						key.cancel();
						channel.close();
						this.closed.incrementAndGet();
					}
				}
				this.selector.selectedKeys().clear();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int read(SocketChannel channel, ByteBuffer discard) {
		try {
			return channel.read(discard);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** A socket not tried because one before it in its batch failed. */
	private static final class SkippedException extends RuntimeException {

		SkippedException() {
			super(null, null, false, false);
		}

	}

}
