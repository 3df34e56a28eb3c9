package dev.ferry.infra.bench.load;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The persistence worker's statements as PostgreSQL counts them
 * ({@code pg_stat_statements}, which the embedded server loads), over the measured
 * window: how many round trips a poll makes and how long PostgreSQL spends on each. A
 * poll is a transaction where the worker opens one (the calls of {@code BEGIN}),
 * otherwise the calls of its most frequent statement, the read every poll makes once. A
 * server without the extension reports nothing.
 */
final class PostgresStatements {

	private static final String CALLS = "select queryid, calls, total_exec_time, query from pg_stat_statements "
			+ "where userid = (select oid from pg_roles where rolname = 'ferry_persistence')";

	private final BenchDatabase database;

	private Map<Long, Call> before = Map.of();

	private PostgresStatements(BenchDatabase database) {
		this.database = database;
	}

	static PostgresStatements of(BenchDatabase database) {
		return new PostgresStatements(database);
	}

	void start() {
		this.before = calls();
	}

	/**
	 * Statements per poll, with the calls of each statement in the window and
	 * PostgreSQL's own time per call.
	 */
	Map<String, Object> perPoll() {
		Map<Long, Call> after = calls();
		if (after.isEmpty()) {
			return Map.of();
		}
		List<Call> window = after.values()
			.stream()
			.map((call) -> call.since(this.before.get(call.id())))
			.filter((call) -> call.calls() > 0)
			.sorted(Comparator.comparingLong(Call::calls).reversed())
			.toList();
		long polls = window.stream()
			.filter((call) -> call.query().equalsIgnoreCase("BEGIN"))
			.mapToLong(Call::calls)
			.findFirst()
			.orElse(window.isEmpty() ? 0 : window.get(0).calls());
		long statements = window.stream().mapToLong(Call::calls).sum();
		double milliseconds = window.stream().mapToDouble(Call::milliseconds).sum();
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("polls", polls);
		figures.put("statements", statements);
		figures.put("statementsPerPoll", (polls > 0) ? Math.round(statements * 100.0 / polls) / 100.0 : 0);
		figures.put("executionMsPerPoll", (polls > 0) ? Math.round(milliseconds * 1000.0 / polls) / 1000.0 : 0);
		Map<String, Object> byStatement = new LinkedHashMap<>();
		window.forEach((call) -> byStatement.put(shortened(call.query()), call.calls()));
		figures.put("callsByStatement", byStatement);
		return figures;
	}

	private Map<Long, Call> calls() {
		Map<Long, Call> calls = new HashMap<>();
		try (Connection connection = this.database.connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(CALLS)) {
			while (rows.next()) {
				calls.merge(rows.getLong(1),
						new Call(rows.getString(4), rows.getLong(2), rows.getDouble(3), rows.getLong(1)), Call::plus);
			}
		}
		catch (SQLException ex) {
			// No pg_stat_statements on this server: nothing to count.
			return Map.of();
		}
		return calls;
	}

	private static String shortened(String query) {
		String oneLine = query.replaceAll("\\s+", " ").trim();
		return (oneLine.length() > 120) ? oneLine.substring(0, 120) + "…" : oneLine;
	}

	private record Call(String query, long calls, double milliseconds, long id) {

		Call plus(Call other) {
			return new Call(this.query, this.calls + other.calls, this.milliseconds + other.milliseconds, this.id);
		}

		Call since(Call earlier) {
			return (earlier != null) ? new Call(this.query, this.calls - earlier.calls,
					this.milliseconds - earlier.milliseconds, this.id) : this;
		}

	}

}
