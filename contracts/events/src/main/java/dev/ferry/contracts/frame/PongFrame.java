package dev.ferry.contracts.frame;

/**
 * {@code pong}: the answer to {@code ping}.
 */
public record PongFrame() implements ServerFrame {
}
