package dev.ferry.infra.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The account of every send of the fault test, per fault window: what was sent, what the
 * first answer was, what the database stored and what reached the receiver (in a group,
 * every other member: delivered once to each, or it counts as lost or doubled).
 */
final class FaultLedger {

	/**
	 * The columns: sent, acknowledged in the end, first answered unavailable, written
	 * while the client had no socket, an attempt left without any answer, sent more than
	 * once; stored, delivered, lost, doubled.
	 */
	private static final String FORMAT = "%-40s %5d %6d %11d %8d %10d %6d %6d %9d %5d %7d%n";

	/** One window's counts. */
	static final class Row {

		int sent;

		int acked;

		int unavailable;

		int heldOffline;

		int unanswered;

		int resent;

		int stored;

		int delivered;

		int lost;

		int doubled;

	}

	private final Map<String, Row> rows = new LinkedHashMap<>();

	private final List<String> losses = new ArrayList<>();

	private final List<String> doubles = new ArrayList<>();

	FaultLedger(List<String> windows) {
		windows.forEach((window) -> this.rows.put(window, new Row()));
	}

	/**
	 * Accounts for every send of every client.
	 * @param rowsBySend stored rows per {@code senderId/tempId}
	 */
	void account(List<LedgerClient> clients, Map<String, Integer> rowsBySend) {
		Map<String, LedgerClient> byUser = new HashMap<>();
		clients.forEach((client) -> byUser.put(client.user.toString(), client));
		for (LedgerClient client : clients) {
			List<LedgerClient> receivers = client.others.stream().map((other) -> byUser.get(other.toString())).toList();
			for (LedgerClient.Send send : client.sends.values()) {
				Row row = this.rows.get(send.window);
				row.sent++;
				if (send.acked) {
					row.acked++;
				}
				if ("unavailable".equals(send.firstAnswer)) {
					row.unavailable++;
				}
				if (send.heldOffline) {
					row.heldOffline++;
				}
				if (send.unanswered) {
					row.unanswered++;
				}
				if (send.attempts.get() > 1) {
					row.resent++;
				}
				int stored = rowsBySend.getOrDefault(client.user + "/" + send.tempId, 0);
				// Ids at each receiver: one each, in a group at every other member.
				List<Set<String>> ids = receivers.stream()
					.map((receiver) -> receiver.received.getOrDefault(send.tempId, Set.of()))
					.toList();
				if (stored == 1) {
					row.stored++;
				}
				if (ids.stream().allMatch((at) -> at.size() == 1)) {
					row.delivered++;
				}
				if (send.acked && (stored == 0 || ids.stream().anyMatch(Set::isEmpty))) {
					row.lost++;
					this.losses.add(send.tempId + " (" + send.window + "): " + stored + " rows, at receivers " + ids);
				}
				if (stored > 1 || ids.stream().anyMatch((at) -> at.size() > 1)) {
					row.doubled++;
					this.doubles.add(send.tempId + " (" + send.window + "): " + stored + " rows, at receivers " + ids);
				}
			}
		}
	}

	int lost() {
		return this.rows.values().stream().mapToInt((row) -> row.lost).sum();
	}

	int doubled() {
		return this.rows.values().stream().mapToInt((row) -> row.doubled).sum();
	}

	List<String> losses() {
		return this.losses;
	}

	List<String> doubles() {
		return this.doubles;
	}

	String table() {
		StringBuilder table = new StringBuilder(String.format(FORMAT.replace('d', 's'), "window", "sent", "acked",
				"unavailable", "offline", "unanswered", "resent", "stored", "delivered", "lost", "doubled"));
		Row total = new Row();
		this.rows.forEach((window, row) -> {
			table.append(line(window, row));
			total.sent += row.sent;
			total.acked += row.acked;
			total.unavailable += row.unavailable;
			total.heldOffline += row.heldOffline;
			total.unanswered += row.unanswered;
			total.resent += row.resent;
			total.stored += row.stored;
			total.delivered += row.delivered;
			total.lost += row.lost;
			total.doubled += row.doubled;
		});
		return table.append(line("total", total)).toString();
	}

	private static String line(String window, Row row) {
		return String.format(FORMAT, window, row.sent, row.acked, row.unavailable, row.heldOffline, row.unanswered,
				row.resent, row.stored, row.delivered, row.lost, row.doubled);
	}

}
