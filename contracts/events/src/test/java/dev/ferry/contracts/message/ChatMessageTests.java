package dev.ferry.contracts.message;

import java.time.Instant;
import java.util.UUID;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChatMessageTests {

	private static final Instant CREATED = Instant.parse("2026-12-01T10:00:00Z");

	private static final Instant LATER = Instant.parse("2026-12-01T10:05:00Z");

	private final ChatMessage sent = new ChatMessage(MessageId.newTimeOrdered(), new ConversationId(UUID.randomUUID()),
			3, 3, new UserId(UUID.randomUUID()), new UserId(UUID.randomUUID()), "t-3", "hello", MessageStatus.SENT,
			false, CREATED, CREATED, null, false);

	@Test
	void anEditKeepsThePlaceInHistoryAndTakesTheChangesSeq() {
		ChatMessage edited = this.sent.edited("hello again", 7, LATER);

		assertThat(edited).isEqualTo(new ChatMessage(this.sent.id(), this.sent.conversationId(), 3, 7,
				this.sent.senderId(), this.sent.receiverId(), "t-3", "hello again", MessageStatus.SENT, false, CREATED,
				LATER, LATER, false));
	}

	@Test
	void aTombstoneHasNoContentAndKeepsWhenItWasEdited() {
		ChatMessage tombstone = this.sent.edited("hello again", 7, LATER).deleted(8, LATER.plusSeconds(1));

		assertThat(tombstone).isEqualTo(new ChatMessage(this.sent.id(), this.sent.conversationId(), 3, 8,
				this.sent.senderId(), this.sent.receiverId(), "t-3", "", MessageStatus.SENT, false, CREATED,
				LATER.plusSeconds(1), LATER, true));
	}

	@Test
	void aReceiptRaisesTheStatusAndNeverMovesTheLastChangeBack() {
		ChatMessage read = this.sent.edited("hello again", 9, LATER).withStatus(MessageStatus.READ, 8, LATER);

		assertThat(read.status()).isEqualTo(MessageStatus.READ);
		assertThat(read.lastChangeSeq()).isEqualTo(9);
		assertThat(read.content()).isEqualTo("hello again");
		assertThat(read.editedAt()).isEqualTo(LATER);
	}

}
