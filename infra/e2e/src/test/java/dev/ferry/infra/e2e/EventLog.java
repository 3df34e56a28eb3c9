package dev.ferry.infra.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The seqs of {@code chat.events.v1} per conversation, in partition order. Each seq must
 * come after the one before it; an event may come again (at-least-once, with the same
 * event id), but never a different event for a seq already seen, and never a seq out of
 * turn.
 */
final class EventLog {

	private final Map<String, Map<Long, String>> eventIds = new HashMap<>();

	private final Map<String, Long> lastSeqs = new HashMap<>();

	private final List<String> violations = new ArrayList<>();

	private int events;

	private int repeats;

	void add(String conversation, long seq, String eventId) {
		this.events++;
		long last = this.lastSeqs.getOrDefault(conversation, 0L);
		Map<Long, String> ids = this.eventIds.computeIfAbsent(conversation, (key) -> new HashMap<>());
		if (seq == last + 1) {
			ids.put(seq, eventId);
			this.lastSeqs.put(conversation, seq);
		}
		else if (seq <= last && eventId.equals(ids.get(seq))) {
			this.repeats++;
		}
		else {
			this.violations.add(conversation + ": seq " + seq + " (" + eventId + ") after seq " + last);
		}
	}

	List<String> violations() {
		return this.violations;
	}

	Map<String, Long> lastSeqs() {
		return this.lastSeqs;
	}

	String summary() {
		return "chat.events.v1: " + this.events + " events with a seq in " + this.lastSeqs.size() + " conversations, "
				+ this.repeats + " repeated (same event id), " + this.violations.size() + " out of turn\n";
	}

}
