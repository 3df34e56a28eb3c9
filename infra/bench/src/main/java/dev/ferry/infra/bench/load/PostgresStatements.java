package dev.ferry.infra.bench.load;

import java.sql.Connection;
import java.sql.DriverManager;
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
 * window: how many a poll makes. A poll is counted as the calls of its most frequent
 * statement, the one every poll makes once (its first read). A server without the
 * extension reports nothing.
 */
final class PostgresStatements {

	private static final String CALLS = "select queryid, calls, query from pg_stat_statements "
			+ "where userid = (select oid from pg_roles where rolname = 'ferry_persistence')";

	private final String jdbcUrl;

	private Map<Long, Call> before = Map.of();

	private PostgresStatements(String jdbcUrl) {
		this.jdbcUrl = jdbcUrl;
	}

	static PostgresStatements of(String jdbcUrl) {
		return new PostgresStatements(jdbcUrl);
	}

	void start() {
		this.before = calls();
	}

	/** Statements per poll, with the calls of each statement in the window. */
	Map<String, Object> perPoll() {
		Map<Long, Call> after = calls();
		if (after.isEmpty()) {
			return Map.of();
		}
		List<Call> window = after.values()
			.stream()
			.map((call) -> new Call(call.query(),
					call.calls() - this.before.getOrDefault(call.id(), new Call(call.query(), 0, call.id())).calls(),
					call.id()))
			.filter((call) -> call.calls() > 0)
			.sorted(Comparator.comparingLong(Call::calls).reversed())
			.toList();
		long polls = window.isEmpty() ? 0 : window.get(0).calls();
		long statements = window.stream().mapToLong(Call::calls).sum();
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("polls", polls);
		figures.put("statements", statements);
		figures.put("statementsPerPoll", (polls > 0) ? Math.round(statements * 100.0 / polls) / 100.0 : 0);
		Map<String, Object> byStatement = new LinkedHashMap<>();
		window.forEach((call) -> byStatement.put(shortened(call.query()), call.calls()));
		figures.put("callsByStatement", byStatement);
		return figures;
	}

	private Map<Long, Call> calls() {
		Map<Long, Call> calls = new HashMap<>();
		try (Connection connection = DriverManager.getConnection(this.jdbcUrl, "postgres", "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(CALLS)) {
			while (rows.next()) {
				calls.merge(rows.getLong(1), new Call(rows.getString(3), rows.getLong(2), rows.getLong(1)),
						(one, other) -> new Call(one.query(), one.calls() + other.calls(), one.id()));
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

	private record Call(String query, long calls, long id) {
	}

}
