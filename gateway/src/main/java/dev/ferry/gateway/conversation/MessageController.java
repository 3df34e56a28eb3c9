package dev.ferry.gateway.conversation;

import java.util.List;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.MessageStatus;
import dev.ferry.gateway.auth.FerryUser;
import dev.ferry.gateway.system.ChatException;
import dev.ferry.gateway.system.Refusal;
import dev.ferry.gateway.system.UserRateLimiter;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seed's REST write paths. 202 means durably accepted by Kafka; the result arrives as
 * pushes and in REST reads once persisted.
 */
@RestController
@Refusal(status = HttpStatus.TOO_MANY_REQUESTS, codes = ErrorCode.RATE_LIMITED)
@Refusal(status = HttpStatus.SERVICE_UNAVAILABLE, codes = ErrorCode.UNAVAILABLE)
class MessageController {

	private final ChatCommands commands;

	private final UserRateLimiter rateLimiter;

	MessageController(ChatCommands commands, UserRateLimiter rateLimiter) {
		this.commands = commands;
		this.rateLimiter = rateLimiter;
	}

	@PostMapping("/messages/create")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Refusal(status = HttpStatus.BAD_REQUEST, codes = { ErrorCode.INVALID_FIELD, ErrorCode.CONTENT_EMPTY,
			ErrorCode.CONTENT_TOO_LONG, ErrorCode.UNKNOWN_RECEIVER })
	SendAccepted create(@AuthenticationPrincipal FerryUser user, @RequestBody CreateMessage body) {
		limit(user);
		ConversationId conversation = accepted(this.commands.send(new UserId(user.id()), body.tempId(),
				body.receiverId(), body.conversationId(), body.content(), body.attachmentIds()));
		return new SendAccepted(body.tempId(), conversation, MessageStatus.PENDING);
	}

	@PutMapping("/messages/update/{id}")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Refusal(status = HttpStatus.BAD_REQUEST,
			codes = { ErrorCode.INVALID_FIELD, ErrorCode.CONTENT_EMPTY, ErrorCode.CONTENT_TOO_LONG })
	@Refusal(status = HttpStatus.NOT_FOUND, codes = ErrorCode.NOT_FOUND)
	@Refusal(status = HttpStatus.FORBIDDEN, codes = ErrorCode.FORBIDDEN)
	@Refusal(status = HttpStatus.CONFLICT, codes = ErrorCode.MESSAGE_DELETED)
	CommandAccepted update(@AuthenticationPrincipal FerryUser user, @PathVariable String id,
			@RequestBody UpdateMessage body) {
		limit(user);
		accepted(this.commands.edit(new UserId(user.id()), id, body.content()));
		return new CommandAccepted(id);
	}

	@DeleteMapping("/messages/delete/{id}")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Refusal(status = HttpStatus.BAD_REQUEST, codes = ErrorCode.INVALID_FIELD)
	@Refusal(status = HttpStatus.NOT_FOUND, codes = ErrorCode.NOT_FOUND)
	@Refusal(status = HttpStatus.FORBIDDEN, codes = ErrorCode.FORBIDDEN)
	@Refusal(status = HttpStatus.CONFLICT, codes = ErrorCode.MESSAGE_DELETED)
	CommandAccepted delete(@AuthenticationPrincipal FerryUser user, @PathVariable String id) {
		limit(user);
		accepted(this.commands.delete(new UserId(user.id()), id));
		return new CommandAccepted(id);
	}

	@PutMapping("/messages/status/{id}")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Refusal(status = HttpStatus.BAD_REQUEST, codes = ErrorCode.INVALID_FIELD)
	@Refusal(status = HttpStatus.NOT_FOUND, codes = ErrorCode.NOT_FOUND)
	@Refusal(status = HttpStatus.FORBIDDEN, codes = ErrorCode.FORBIDDEN)
	CommandAccepted status(@AuthenticationPrincipal FerryUser user, @PathVariable String id,
			@RequestBody UpdateStatus body) {
		limit(user);
		accepted(this.commands.report(new UserId(user.id()), id, body.status()));
		return new CommandAccepted(id);
	}

	/**
	 * The body of {@code POST /messages/create}.
	 *
	 * @param tempId the sender's client id
	 * @param receiverId the reader; absent in a send to a group
	 * @param content the text; may be empty or absent with files
	 * @param attachmentIds up to 10 of the sender's uploads; optional
	 * @param conversationId the group written to, instead of a receiver
	 */
	record CreateMessage(String tempId, String receiverId, String content, List<String> attachmentIds,
			String conversationId) {
	}

	record UpdateMessage(String content) {
	}

	record UpdateStatus(String status) {
	}

	/**
	 * The answer to {@code POST /messages/create}: Kafka has the send.
	 *
	 * @param tempId the client's id for the message
	 * @param conversationId the conversation it goes to
	 * @param status {@code PENDING} until the message is stored
	 */
	record SendAccepted(String tempId, ConversationId conversationId, MessageStatus status) {
	}

	/**
	 * The answer to an edit, delete or receipt: Kafka has the command.
	 *
	 * @param id the message it is about
	 */
	record CommandAccepted(String id) {
	}

	/**
	 * Waits until Kafka has the command: a 202 means accepted. The request's thread is
	 * virtual, so waiting holds no platform thread.
	 */
	private static <T> T accepted(CompletableFuture<T> command) {
		try {
			return command.join();
		}
		catch (CompletionException ex) {
			throw ChatException.refusalOf(ex);
		}
	}

	private void limit(FerryUser user) {
		this.rateLimiter.acquire(new UserId(user.id()));
	}

}
