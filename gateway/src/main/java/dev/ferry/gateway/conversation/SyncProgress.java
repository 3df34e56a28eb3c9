package dev.ferry.gateway.conversation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.conversation.ChatReads.GroupCut;

import org.springframework.stereotype.Component;

/**
 * Where a user's resume of each conversation began, and where its last part ended inside
 * a group, while it goes on in several parts ({@code more}). Parts are taken in the order
 * of changes, so a message created after that first position but changed again later (a
 * receipt) comes after the part's end; the next part starts from a higher position and
 * must still send it as created, and the part that completes the conversation sends the
 * receipt marks that moved after the first position. A part that ended inside a group of
 * messages sharing one {@code lastChangeSeq} left the rest of that group at the client's
 * new position: the next part sends it, whether or not the client names the cut. Kept per
 * user on this node, not per socket, so a page reloaded in the middle of a resume still
 * gets every message; forgotten after a quiet while.
 */
@Component
class SyncProgress {

	private static final Duration KEPT_FOR = Duration.ofMinutes(15);

	private final Cache<UserId, Map<ConversationId, Resume>> resumes = Caffeine.newBuilder()
		.expireAfterAccess(KEPT_FOR)
		.build();

	/**
	 * How the user's resume of the conversation goes on from {@code position}: from the
	 * lowest position it began at, and after the group cut its last part ended in, if the
	 * client already has that group's start.
	 */
	Resume resumeOf(UserId user, ConversationId conversation, long position) {
		Map<ConversationId, Resume> conversations = this.resumes.getIfPresent(user);
		Resume resume = (conversations != null) ? conversations.get(conversation) : null;
		if (resume == null) {
			return new Resume(position, null);
		}
		GroupCut cut = resume.cut();
		return new Resume(Math.min(resume.start(), position),
				(cut != null && cut.changeSeq() <= position) ? cut : null);
	}

	/**
	 * Notes that a conversation's resume from {@code start} is not complete, and where
	 * inside a group it ended ({@code null} if between changes).
	 */
	void cut(UserId user, ConversationId conversation, long start, GroupCut cut) {
		this.resumes.get(user, (key) -> new ConcurrentHashMap<>())
			.merge(conversation, new Resume(start, cut),
					(before, now) -> new Resume(Math.min(before.start(), now.start()), now.cut()));
	}

	/** Forgets a conversation whose resume is complete. */
	void complete(UserId user, ConversationId conversation) {
		Map<ConversationId, Resume> conversations = this.resumes.getIfPresent(user);
		if (conversations != null) {
			conversations.remove(conversation);
		}
	}

	/**
	 * A resume under way.
	 *
	 * @param start the position it began from
	 * @param cut where its last part ended inside a group, or {@code null}
	 */
	record Resume(long start, GroupCut cut) {
	}

}
