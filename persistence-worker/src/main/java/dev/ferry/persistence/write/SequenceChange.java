package dev.ferry.persistence.write;

/**
 * How a batch moved a conversation's sequence.
 *
 * @param from the last seq it read
 * @param to the last seq it assigned
 */
record SequenceChange(long from, long to) {
}
