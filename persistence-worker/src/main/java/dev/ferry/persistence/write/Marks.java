package dev.ferry.persistence.write;

/**
 * A member's receipt marks and the conversation seqs at which they last moved.
 */
record Marks(long deliveredUpToSeq, long readUpToSeq, long deliveredChangedSeq, long readChangedSeq) {

	/** A new member's: nothing delivered or read yet. */
	static final Marks NONE = new Marks(0, 0, 0, 0);

}
