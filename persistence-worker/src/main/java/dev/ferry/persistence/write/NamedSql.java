package dev.ferry.persistence.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement written once with {@code :name} parameters, turned into JDBC's {@code ?}
 * form once: executed as it stands, never rendered again, so PostgreSQL's driver keeps it
 * prepared on each connection.
 */
final class NamedSql {

	/** {@code :name}, but not the second colon of a {@code ::type} cast. */
	private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([a-z][a-z_]*)");

	private final String sql;

	private final List<String> names = new ArrayList<>();

	NamedSql(String named) {
		Matcher parameters = PARAMETER.matcher(named);
		StringBuilder sql = new StringBuilder();
		while (parameters.find()) {
			this.names.add(parameters.group(1));
			parameters.appendReplacement(sql, "?");
		}
		parameters.appendTail(sql);
		this.sql = sql.toString();
	}

	/**
	 * Prepares the statement with the values by name; every name must have one. An
	 * {@link ArrayValue} is bound as a PostgreSQL array.
	 */
	PreparedStatement prepare(Connection connection, Map<String, Object> values) throws SQLException {
		PreparedStatement statement = connection.prepareStatement(this.sql);
		for (int index = 0; index < this.names.size(); index++) {
			String name = this.names.get(index);
			if (!values.containsKey(name)) {
				statement.close();
				throw new IllegalArgumentException("No value for :" + name);
			}
			Object value = values.get(name);
			statement.setObject(index + 1, (value instanceof ArrayValue array)
					? connection.createArrayOf(array.type(), array.elements()) : value);
		}
		return statement;
	}

	/**
	 * An array parameter.
	 *
	 * @param type the PostgreSQL type of its elements
	 * @param elements its elements
	 */
	record ArrayValue(String type, Object[] elements) {
	}

}
