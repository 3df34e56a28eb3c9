package dev.ferry.contracts.frame;

/**
 * {@code ping}: the server answers {@code pong}.
 */
public record PingFrame() implements ClientFrame {
}
