package dev.ferry.infra.devstack;

/**
 * A user and password of the Ferry database.
 *
 * @param user the user
 * @param password its password
 */
public record DatabaseLogin(String user, String password) {
}
