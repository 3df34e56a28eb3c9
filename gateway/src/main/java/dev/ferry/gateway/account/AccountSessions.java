package dev.ferry.gateway.account;

import org.jooq.DSLContext;

import org.springframework.stereotype.Repository;

/**
 * Ends a user's logins in the session table every gateway shares: their next request is
 * answered 401, and every node closes their sockets with 4401 at its next session check.
 */
@Repository
class AccountSessions {

	// spring_session is Spring Session's table, outside the generated schema; its
	// principal name is the login, the user's email.
	private static final String END = "delete from spring_session where principal_name = ?";

	private final DSLContext dsl;

	AccountSessions(DSLContext dsl) {
		this.dsl = dsl;
	}

	void endAll(String email) {
		this.dsl.execute(END, email);
	}

	void endAllBut(String email, String sessionId) {
		this.dsl.execute(END + " and session_id <> ?", email, sessionId);
	}

}
