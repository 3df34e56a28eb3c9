package dev.ferry.gateway.conversation;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.group.GroupRole;
import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.auth.FerryUser;
import dev.ferry.gateway.system.ChatException;
import dev.ferry.gateway.system.PageCursor;
import dev.ferry.gateway.system.PageSize;
import dev.ferry.gateway.system.Refusal;
import dev.ferry.gateway.system.UserRateLimiter;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Groups over REST. A change answers 202 once Kafka has it; the group's members see it as
 * {@code group-changed}, and a refusal reaches the actor's sockets as
 * {@code message-rejected}.
 */
@RestController
@Refusal(status = HttpStatus.BAD_REQUEST, codes = ErrorCode.INVALID_FIELD)
@Refusal(status = HttpStatus.TOO_MANY_REQUESTS, codes = ErrorCode.RATE_LIMITED)
class GroupController {

	private static final int DEFAULT_MEMBERS = 200;

	private static final int MAX_MEMBERS = 500;

	private final GroupCommands commands;

	private final ChatReads reads;

	private final UserRateLimiter rateLimiter;

	GroupController(GroupCommands commands, ChatReads reads, UserRateLimiter rateLimiter) {
		this.commands = commands;
		this.reads = reads;
		this.rateLimiter = rateLimiter;
	}

	@PostMapping("/conversations")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Refusal(status = HttpStatus.SERVICE_UNAVAILABLE, codes = ErrorCode.UNAVAILABLE)
	GroupAccepted create(@AuthenticationPrincipal FerryUser caller, @RequestBody NewGroup body) {
		UserId actor = actor(caller);
		return new GroupAccepted(accepted(this.commands.create(actor, body.title(), body.memberIds(), body.history())));
	}

	/**
	 * A group and a page of its members in the order they joined: {@code next} names the
	 * page after it.
	 */
	@GetMapping("/conversations/{id}/members")
	@Refusal(status = HttpStatus.NOT_FOUND, codes = ErrorCode.NOT_FOUND)
	GroupDetails members(@AuthenticationPrincipal FerryUser caller, @PathVariable String id,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String after) {
		ConversationId group = this.commands.memberOf(actor(caller), id);
		int size = PageSize.of(limit, DEFAULT_MEMBERS, MAX_MEMBERS);
		return this.reads.group(group, (after != null) ? MemberPosition.of(after) : null, size)
			.orElseThrow(() -> new ChatException(ErrorCode.NOT_FOUND, HttpStatus.NOT_FOUND, "No such group"));
	}

	@PostMapping("/conversations/{id}/members/{userId}")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Refusal(status = HttpStatus.NOT_FOUND, codes = ErrorCode.NOT_FOUND)
	@Refusal(status = HttpStatus.SERVICE_UNAVAILABLE, codes = ErrorCode.UNAVAILABLE)
	GroupAccepted add(@AuthenticationPrincipal FerryUser caller, @PathVariable String id, @PathVariable String userId,
			@RequestBody(required = false) MemberRole body) {
		accepted(this.commands.add(actor(caller), id, userId, (body != null) ? body.role() : null));
		return new GroupAccepted(ConversationId.fromString(id));
	}

	@PatchMapping("/conversations/{id}/members/{userId}")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Refusal(status = HttpStatus.NOT_FOUND, codes = ErrorCode.NOT_FOUND)
	@Refusal(status = HttpStatus.SERVICE_UNAVAILABLE, codes = ErrorCode.UNAVAILABLE)
	GroupAccepted changeRole(@AuthenticationPrincipal FerryUser caller, @PathVariable String id,
			@PathVariable String userId, @RequestBody MemberRole body) {
		accepted(this.commands.changeRole(actor(caller), id, userId, body.role()));
		return new GroupAccepted(ConversationId.fromString(id));
	}

	@DeleteMapping("/conversations/{id}/members/{userId}")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Refusal(status = HttpStatus.NOT_FOUND, codes = ErrorCode.NOT_FOUND)
	@Refusal(status = HttpStatus.SERVICE_UNAVAILABLE, codes = ErrorCode.UNAVAILABLE)
	GroupAccepted remove(@AuthenticationPrincipal FerryUser caller, @PathVariable String id,
			@PathVariable String userId) {
		accepted(this.commands.remove(actor(caller), id, userId));
		return new GroupAccepted(ConversationId.fromString(id));
	}

	@PatchMapping("/conversations/{id}")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Refusal(status = HttpStatus.NOT_FOUND, codes = ErrorCode.NOT_FOUND)
	@Refusal(status = HttpStatus.SERVICE_UNAVAILABLE, codes = ErrorCode.UNAVAILABLE)
	GroupAccepted rename(@AuthenticationPrincipal FerryUser caller, @PathVariable String id,
			@RequestBody GroupTitle body) {
		accepted(this.commands.rename(actor(caller), id, body.title()));
		return new GroupAccepted(ConversationId.fromString(id));
	}

	private UserId actor(FerryUser caller) {
		UserId actor = new UserId(caller.id());
		this.rateLimiter.acquire(actor);
		return actor;
	}

	private static <T> T accepted(CompletableFuture<T> command) {
		try {
			return command.join();
		}
		catch (CompletionException ex) {
			throw ChatException.refusalOf(ex);
		}
	}

	/**
	 * The body of {@code POST /conversations}.
	 *
	 * @param title the group's title
	 * @param memberIds the other members, without the creator
	 * @param history {@code SINCE_JOIN} (the default) or {@code ALL}
	 */
	record NewGroup(String title, List<String> memberIds, String history) {
	}

	record GroupTitle(String title) {
	}

	record MemberRole(String role) {
	}

	/**
	 * Kafka has the command.
	 *
	 * @param conversationId the group
	 */
	record GroupAccepted(ConversationId conversationId) {
	}

	/**
	 * A group and a page of its members, as stored.
	 *
	 * @param conversationId the group
	 * @param title its title
	 * @param history which messages its members read
	 * @param lastSeq its latest seq
	 * @param memberCount how many members it has
	 * @param members a page of its members, in the order they joined
	 * @param next the cursor of the next page ({@code after}), or {@code null} on the
	 * last
	 */
	record GroupDetails(ConversationId conversationId, String title, HistoryVisibility history, long lastSeq,
			int memberCount, List<Member> members, String next) {
	}

	/**
	 * Where a page of members ended: the member who joined last on it, and when.
	 *
	 * @param joinedAtSeq when they joined
	 * @param userId who they are
	 */
	record MemberPosition(long joinedAtSeq, UserId userId) {

		static MemberPosition of(String cursor) {
			String[] parts = PageCursor.positionOf(cursor).split(":", 2);
			try {
				return new MemberPosition(Long.parseLong(parts[0]), UserId.fromString(parts[1]));
			}
			catch (IllegalArgumentException | ArrayIndexOutOfBoundsException ex) {
				throw PageCursor.notACursor();
			}
		}

		String cursor() {
			return PageCursor.of(this.joinedAtSeq + ":" + this.userId);
		}

	}

	/**
	 * A member of a group.
	 *
	 * @param userId the user
	 * @param name their display name
	 * @param email their email, which tells apart two members of one name
	 * @param role their role
	 * @param joinedAtSeq the seq of the change that added them
	 */
	record Member(UserId userId, String name, String email, GroupRole role, long joinedAtSeq) {
	}

}
