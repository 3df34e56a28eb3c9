package dev.ferry.gateway.account;

/**
 * What a {@code PATCH /admin/users/:id} changes, checked; {@code null} leaves a field as
 * it is.
 *
 * @param name the new display name
 * @param role the new role
 * @param disabled whether to disable or enable the user
 * @param password the new password
 */
record AccountChange(String name, Role role, Boolean disabled, String password) {

	/**
	 * Whether the user's sessions must end: a disabled user has none, and a session holds
	 * the role and password it was opened with.
	 */
	boolean endsSessions() {
		return Boolean.TRUE.equals(this.disabled) || this.role != null || this.password != null;
	}

}
