package dev.ferry.gateway.conversation;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.auth.FerryUser;
import dev.ferry.gateway.system.ChatException;
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
class MessageController {

	private final ChatCommands commands;

	private final UserRateLimiter rateLimiter;

	MessageController(ChatCommands commands, UserRateLimiter rateLimiter) {
		this.commands = commands;
		this.rateLimiter = rateLimiter;
	}

	@PostMapping("/messages/create")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> create(@AuthenticationPrincipal FerryUser user, @RequestBody CreateMessage body) {
		limit(user);
		ConversationId conversation = accepted(
				this.commands.send(new UserId(user.id()), body.tempId(), body.receiverId(), body.content()));
		return Map.of("tempId", body.tempId(), "conversationId", conversation, "status", "PENDING");
	}

	@PutMapping("/messages/update/{id}")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, String> update(@AuthenticationPrincipal FerryUser user, @PathVariable String id,
			@RequestBody UpdateMessage body) {
		limit(user);
		accepted(this.commands.edit(new UserId(user.id()), id, body.content()));
		return Map.of("id", id);
	}

	@DeleteMapping("/messages/delete/{id}")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, String> delete(@AuthenticationPrincipal FerryUser user, @PathVariable String id) {
		limit(user);
		accepted(this.commands.delete(new UserId(user.id()), id));
		return Map.of("id", id);
	}

	@PutMapping("/messages/status/{id}")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, String> status(@AuthenticationPrincipal FerryUser user, @PathVariable String id,
			@RequestBody UpdateStatus body) {
		limit(user);
		accepted(this.commands.report(new UserId(user.id()), id, body.status()));
		return Map.of("id", id);
	}

	record CreateMessage(String tempId, String receiverId, String content) {
	}

	record UpdateMessage(String content) {
	}

	record UpdateStatus(String status) {
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
