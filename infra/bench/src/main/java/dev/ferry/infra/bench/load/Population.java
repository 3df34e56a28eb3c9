package dev.ferry.infra.bench.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.ferry.contracts.id.UserId;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The run's users, written straight into the {@code users} table (Ferry has no sign-up
 * endpoint). Their password hash has BCrypt's lowest cost, so that logging in thousands
 * of users measures the chat, not password hashing; the gateway checks it like any other.
 */
final class Population {

	static final String PASSWORD = "bench-password";

	private Population() {
	}

	static List<BenchUser> create(BenchDatabase database, String runId, int count) throws SQLException {
		String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
		List<BenchUser> users = new ArrayList<>(count);
		try (Connection connection = database.connect();
				PreparedStatement insert = connection.prepareStatement(
						"insert into users (id, email, name, password_hash, role) values (?, ?, ?, ?, 'OWNER')")) {
			for (int index = 0; index < count; index++) {
				BenchUser user = new BenchUser(new UserId(UUID.randomUUID()),
						"bench-" + runId + "-" + index + "@bench.ferry.dev");
				insert.setObject(1, user.id().value());
				insert.setString(2, user.email());
				insert.setString(3, "Bench user " + index);
				insert.setString(4, hash);
				insert.addBatch();
				users.add(user);
			}
			insert.executeBatch();
		}
		return users;
	}

	/** Rows of the messages whose client temp id starts with the prefix. */
	static long messagesWithTempIdPrefix(BenchDatabase database, String prefix) throws SQLException {
		try (Connection connection = database.connect();
				PreparedStatement count = connection
					.prepareStatement("select count(*) from messages where client_msg_id like ?")) {
			count.setString(1, prefix + "%");
			try (var result = count.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	record BenchUser(UserId id, String email) {
	}

}
