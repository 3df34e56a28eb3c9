package dev.ferry.persistence.write;

import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.ChatMessage;

/** The idempotency key of a send. */
record SendKey(UserId senderId, String tempId) {

	static SendKey of(ChatMessage message) {
		return new SendKey(message.senderId(), message.tempId());
	}

}
