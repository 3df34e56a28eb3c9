package dev.ferry.delivery.route;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.event.MessageCreated;
import dev.ferry.contracts.event.MessageDeleted;
import dev.ferry.contracts.event.MessageEdited;
import dev.ferry.contracts.event.MessageRejected;
import dev.ferry.contracts.event.MessageStatusChanged;
import dev.ferry.contracts.frame.MessageCreatedFrame;
import dev.ferry.contracts.frame.MessageDeletedFrame;
import dev.ferry.contracts.frame.MessageRejectedFrame;
import dev.ferry.contracts.frame.MessageStatusUpdatedFrame;
import dev.ferry.contracts.frame.MessageUpdatedFrame;
import dev.ferry.contracts.frame.PeerTypingFrame;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.message.MessageStatus;
import dev.ferry.contracts.signal.TypingSignal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who is told what about each type of record; no Kafka, no database. */
class EventRoutesTests {

	private static final UserId ALICE = new UserId(UUID.fromString("0a0b0c0d-0000-4000-8000-00000000000a"));

	private static final UserId BOB = new UserId(UUID.fromString("0a0b0c0d-0000-4000-8000-00000000000b"));

	private static final ConversationId CONVERSATION = ConversationId.direct(ALICE, BOB);

	private static final MessageId MESSAGE = MessageId.newTimeOrdered();

	private static final Instant AT = Instant.parse("2026-12-01T10:15:30Z");

	private static final ChatMessage SENT = new ChatMessage(MESSAGE, CONVERSATION, 7, 7, ALICE, BOB, "t-7", "ahoy",
			MessageStatus.SENT, false, AT, AT, null, false);

	@Test
	void aNewMessageGoesToBothPartiesAsMessageCreated() {
		assertThat(EventRoutes.of(new MessageCreated(CONVERSATION, 7, SENT)))
			.isEqualTo(new Route(new MessageCreatedFrame(CONVERSATION, 7, SENT), List.of(ALICE, BOB)));
	}

	@Test
	void anEditGoesToBothPartiesAsMessageUpdated() {
		ChatMessage edited = SENT.edited("ahoy!", 8, AT.plusSeconds(1));

		assertThat(EventRoutes.of(new MessageEdited(CONVERSATION, 8, edited)))
			.isEqualTo(new Route(new MessageUpdatedFrame(CONVERSATION, 8, edited), List.of(ALICE, BOB)));
	}

	@Test
	void aDeleteGoesToBothPartiesWithTheMessageIdOnly() {
		ChatMessage deleted = SENT.deleted(9, AT.plusSeconds(2));

		assertThat(EventRoutes.of(new MessageDeleted(CONVERSATION, 9, deleted)))
			.isEqualTo(new Route(new MessageDeletedFrame(CONVERSATION, 9, MESSAGE), List.of(ALICE, BOB)));
	}

	@Test
	void aReceiptGoesToTheSenderAndTheReadersOtherTabs() {
		ChatEvent read = new MessageStatusChanged(CONVERSATION, 10, MESSAGE, BOB, ALICE, MessageStatus.READ, 7);

		assertThat(EventRoutes.of(read)).isEqualTo(new Route(
				new MessageStatusUpdatedFrame(CONVERSATION, 10, MESSAGE, MessageStatus.READ, 7), List.of(ALICE, BOB)));
	}

	@Test
	void aRefusalGoesToWhoeverSentTheCommandOnly() {
		ChatEvent refused = new MessageRejected(CONVERSATION, BOB, null, MESSAGE, "forbidden", "Not yours");

		assertThat(EventRoutes.of(refused)).isEqualTo(new Route(
				new MessageRejectedFrame(null, MESSAGE, CONVERSATION, "forbidden", "Not yours"), List.of(BOB)));
	}

	@Test
	void typingGoesToThePeerOnlyAndNotAtAllOnceExpired() {
		TypingSignal typing = new TypingSignal(CONVERSATION, ALICE, BOB, true, AT.plusSeconds(5));

		assertThat(EventRoutes.of(typing, AT))
			.isEqualTo(new Route(new PeerTypingFrame(CONVERSATION, ALICE, true), List.of(BOB)));
		assertThat(EventRoutes.of(typing, AT.plusSeconds(6))).isEqualTo(Route.nobody());
	}

}
