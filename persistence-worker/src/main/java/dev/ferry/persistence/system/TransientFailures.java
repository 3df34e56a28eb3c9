package dev.ferry.persistence.system;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;

import dev.ferry.contracts.kafka.UnacknowledgedSendException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells failures that go away by themselves (database down or restarting, lock conflicts,
 * a writer that lost its partition, Kafka not acknowledging) from failures of the record
 * itself.
 */
public final class TransientFailures {

	/**
	 * SQLSTATE prefixes: connection exceptions, operator intervention, too many
	 * connections, serialization, deadlock.
	 */
	private static final List<String> TRANSIENT_SQL_STATES = List.of("08", "57P", "53300", "40001", "40P01");

	private TransientFailures() {
	}

	public static boolean isTransient(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof CannotGetJdbcConnectionException
					|| cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientException
					|| cause instanceof SQLRecoverableException || cause instanceof ConnectException
					|| cause instanceof UnacknowledgedSendException || isTransientSqlState(cause)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isTransientSqlState(Throwable cause) {
		if (cause instanceof SQLException sql && sql.getSQLState() != null) {
			return TRANSIENT_SQL_STATES.stream().anyMatch(sql.getSQLState()::startsWith);
		}
		return false;
	}

}
