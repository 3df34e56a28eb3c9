// What the page knows: users, one conversation per peer (and per group, under the group's
// id) with its messages, the sends not yet confirmed, receipt marks, unread counts and
// positions for sync. Frames are applied
// idempotently (upsert by id, marks only move up) because replays and live pushes overlap.

export const STATUS_RANK = { FAILED: -1, PENDING: 0, SENT: 1, DELIVERED: 2, READ: 3 };

const TYPING_MS = 5000;
const SEND_ACK_TIMEOUT_MS = 10000;

export class ChatStore {
  constructor(me) {
    this.me = me;
    this.users = new Map();
    this.byPeer = new Map();
    this.byId = new Map();
    this.listeners = new Set();
    this.replaying = false;
    /** When each sync still unanswered was sent (performance.now()), oldest first. */
    this.syncsAsked = [];
  }

  subscribe(listener) {
    this.listeners.add(listener);
  }

  changed(what = {}) {
    this.listeners.forEach((listener) => listener(what));
  }

  conversationWith(peerId) {
    let conversation = this.byPeer.get(peerId);
    if (!conversation) {
      conversation = {
        peerId,
        id: null,
        position: 0,
        unread: 0,
        lastMessage: null,
        messages: new Map(),
        pending: new Map(),
        marks: new Map(),
        history: { state: 'idle', hasMore: true, oldestSeq: null, error: null },
        typingUntil: 0,
        // A group's: the group as its latest change left it, this user's read mark, and
        // how far each of this user's messages got.
        group: null,
        left: false,
        ownRead: 0,
        receipts: new Map(),
      };
      this.byPeer.set(peerId, conversation);
    }
    return conversation;
  }

  identify(conversation, id) {
    if (id && conversation.id !== id) {
      conversation.id = id;
      this.byId.set(id, conversation);
    }
  }

  /** The key of a message's conversation: the peer, or the group's id. */
  peerOf(message) {
    if (message.receiverId == null) {
      return message.conversationId;
    }
    return message.senderId === this.me.id ? message.receiverId : message.senderId;
  }

  /** Whether a message is one the user reads rather than wrote. */
  fromOthers(conversation, message) {
    return conversation.group ? message.senderId !== this.me.id : message.senderId === conversation.peerId;
  }

  setUsers(users) {
    users.forEach((user) => this.users.set(user.id, user));
    this.changed({ contacts: true });
  }

  /**
   * The conversations as GET /conversations saw them when it was asked, at
   * {@code askedAt} (performance.now()). A conversation whose messages are shown keeps its
   * own position, so that a sync from it misses nothing.
   */
  setSummaries(summaries, askedAt) {
    summaries.forEach((summary) => {
      let conversation;
      if (summary.kind === 'GROUP') {
        conversation = this.conversationWith(summary.id);
        conversation.group = { ...(conversation.group ?? { members: [] }), title: summary.title };
      } else {
        this.users.set(summary.peer.id, { ...this.users.get(summary.peer.id), ...summary.peer });
        conversation = this.conversationWith(summary.peer.id);
      }
      this.identify(conversation, summary.id);
      this.takeUnread(conversation, summary.unread, askedAt);
      if (summary.lastMessage) {
        this.noteLast(conversation, summary.lastMessage);
      }
      if (conversation.history.state !== 'loaded') {
        conversation.position = Math.max(conversation.position, summary.lastSeq);
      }
    });
    this.changed({ contacts: true });
  }

  positions() {
    const positions = {};
    this.byPeer.forEach((conversation) => {
      if (conversation.id) {
        positions[conversation.id] = conversation.position;
      }
    });
    return positions;
  }

  // --- history -------------------------------------------------------------------------

  historyLoading(conversation) {
    conversation.history.state = 'loading';
    conversation.history.error = null;
    this.changed({ peerId: conversation.peerId });
  }

  historyFailed(conversation, error) {
    conversation.history.state = 'error';
    conversation.history.error = error.message;
    this.changed({ peerId: conversation.peerId });
  }

  historyPage(conversation, page) {
    this.identify(conversation, page.conversationId);
    page.messages.forEach((message) => {
      this.upsert(conversation, message);
      conversation.position = Math.max(conversation.position, message.lastChangeSeq);
      conversation.history.oldestSeq = Math.min(conversation.history.oldestSeq ?? message.seq, message.seq);
    });
    Object.entries(page.receipts ?? {}).forEach(([id, counts]) => conversation.receipts.set(id, counts));
    conversation.history.hasMore = page.hasMore;
    conversation.history.state = 'loaded';
    this.changed({ peerId: conversation.peerId, contacts: true, history: true });
  }

  // --- sends ---------------------------------------------------------------------------

  /** A send shown at once, with the uploads it names ({id, name, size, contentType}). */
  addPending(peerId, content, attachments = []) {
    const conversation = this.conversationWith(peerId);
    const tempId = 't-' + crypto.randomUUID();
    conversation.pending.set(tempId, {
      tempId, content, attachments, status: 'PENDING', error: null, createdAt: new Date().toISOString(),
      since: Date.now(),
    });
    this.changed({ peerId, contacts: true });
    return tempId;
  }

  /** The sends to (re)send on a new connection; their answer is awaited from now on. */
  pendingSends(now) {
    const sends = [];
    this.byPeer.forEach((conversation) => conversation.pending.forEach((pending) => {
      if (pending.status === 'PENDING') {
        pending.since = now;
        sends.push(sendFrame(conversation, pending));
      }
    }));
    return sends;
  }

  findPending(tempId) {
    for (const conversation of this.byPeer.values()) {
      const pending = conversation.pending.get(tempId);
      if (pending) {
        return { conversation, pending };
      }
    }
    return null;
  }

  retryPending(tempId) {
    const found = this.findPending(tempId);
    if (found) {
      Object.assign(found.pending, { status: 'PENDING', error: null, since: Date.now() });
      this.changed({ peerId: found.conversation.peerId });
    }
    return found;
  }

  failPending(tempId, reason) {
    const found = this.findPending(tempId);
    if (found) {
      Object.assign(found.pending, { status: 'FAILED', error: reason });
      this.changed({ peerId: found.conversation.peerId, contacts: true });
    }
  }

  /**
   * Sends that got no acknowledgement in time count as failed; called only while
   * connected, so a send written offline waits for the connection instead.
   */
  expireUnacknowledged(now) {
    this.byPeer.forEach((conversation) => conversation.pending.forEach((pending) => {
      if (pending.status === 'PENDING' && !pending.acked && now - pending.since > SEND_ACK_TIMEOUT_MS) {
        this.failPending(pending.tempId, 'No answer from the server');
      }
    }));
  }

  // --- frames --------------------------------------------------------------------------

  apply(frame) {
    switch (frame.type) {
      case 'message-ack': return this.acked(frame);
      case 'message-created':
      case 'message-updated': return this.messageChanged(frame);
      case 'message-deleted': return this.messageDeleted(frame);
      case 'message-status-updated': return this.statusUpdated(frame);
      case 'message-rejected': return this.rejected(frame);
      case 'user-status-changed': return this.presence(frame);
      case 'typing': return this.typing(frame);
      case 'sync-complete': return this.syncComplete(frame);
      case 'group-changed': return this.groupChanged(frame);
      default: return null;
    }
  }

  acked(frame) {
    const found = this.findPending(frame.tempId);
    if (found) {
      found.pending.acked = true;
      found.pending.ackedAt = Date.now();
      this.identify(found.conversation, frame.conversationId);
      // Accepted but not yet stored: if it stays so, the page says it is still sending.
      setTimeout(() => this.changed({ peerId: found.conversation.peerId }), SEND_ACK_TIMEOUT_MS + 50);
    }
    return null;
  }

  /** Whether an accepted send has waited longer than an answer should take to be stored. */
  isOverdue(pending, now) {
    return pending.status === 'PENDING' && pending.acked && now - pending.ackedAt >= SEND_ACK_TIMEOUT_MS;
  }

  messageChanged(frame) {
    const message = frame.message;
    const conversation = this.conversationWith(this.peerOf(message));
    if (message.receiverId == null && !conversation.group) {
      // A group this page has not heard of yet: its summary names it.
      conversation.group = { title: '', members: [] };
    }
    this.identify(conversation, frame.conversationId);
    const gap = this.advance(conversation, frame.seq);
    const isNew = !conversation.messages.has(message.id);
    this.upsert(conversation, message);
    if (message.senderId === this.me.id && message.tempId) {
      conversation.pending.delete(message.tempId);
    }
    if (isNew && message.senderId !== this.me.id && !message.deleted && message.seq > this.readMark(conversation)) {
      conversation.unread += 1;
    }
    if (message.senderId !== this.me.id) {
      conversation.typingUntil = 0;
    }
    this.changed({ peerId: conversation.peerId, contacts: true, arrived: isNew ? message : null });
    // Someone the list does not show yet (new since it loaded, or beyond its first page):
    // the conversations' summaries name them.
    const named = conversation.group ? Boolean(conversation.group.title) : this.users.has(conversation.peerId);
    return named ? gap : { refresh: true, ...gap };
  }

  messageDeleted(frame) {
    const conversation = this.byId.get(frame.conversationId);
    if (!conversation) {
      return { refresh: true };
    }
    const gap = this.advance(conversation, frame.seq);
    const message = this.known(conversation, frame.id);
    if (message && !message.deleted) {
      if (message.senderId !== this.me.id && message.seq > this.readMark(conversation) && conversation.unread > 0) {
        conversation.unread -= 1;
      }
      this.upsert(conversation, { ...message, deleted: true, content: '', lastChangeSeq: frame.seq });
    }
    this.changed({ peerId: conversation.peerId, contacts: true });
    return gap;
  }

  /**
   * A group was created or changed: the frame says what changed, not who is in it. The
   * members known take the change it names; the group's view reads them again
   * (GET /conversations/:id/members) only when that is not enough: a creation, a member
   * added whose name this page does not know, or a resume (which replays the group's
   * latest change only).
   */
  groupChanged(frame) {
    const conversation = this.conversationWith(frame.conversationId);
    this.identify(conversation, frame.conversationId);
    const gap = this.advance(conversation, frame.seq);
    if (!conversation.group || conversation.group.changedSeq === undefined
      || frame.group.changedSeq >= conversation.group.changedSeq) {
      conversation.group = { ...frame.group, members: withChange(conversation.group?.members ?? [], frame) };
      const unnamed = frame.member && !this.users.has(frame.member.userId)
        && !conversation.memberNames?.has(frame.member.userId);
      if (frame.change === 'CREATED' || unnamed || this.replaying) {
        conversation.membersStale = true;
      }
      if (frame.change === 'CREATED') {
        conversation.left = false;
      } else if (frame.userId === this.me.id) {
        conversation.left = frame.change === 'MEMBER_REMOVED' || frame.change === 'MEMBER_LEFT';
      }
    }
    this.changed({ peerId: conversation.peerId, contacts: true, group: true });
    return gap;
  }

  statusUpdated(frame) {
    const conversation = this.byId.get(frame.conversationId);
    if (!conversation) {
      return { refresh: true };
    }
    const gap = this.advance(conversation, frame.seq);
    const reported = this.known(conversation, frame.id);
    if (conversation.group) {
      // A group's message keeps its status: the counts say how far it got. A receipt of
      // this user's (from another tab) moves their own read mark.
      if (reported?.senderId === this.me.id) {
        conversation.receipts.set(frame.id, frame.counts);
      } else if (frame.status === 'READ') {
        conversation.ownRead = Math.max(conversation.ownRead, frame.upToSeq);
        this.recountUnread(conversation);
      }
      this.changed({ peerId: conversation.peerId, contacts: true });
      return gap;
    }
    if (!reported) {
      // Messages not loaded here: the summary says what changed for the list.
      return { refresh: true, ...gap };
    }
    const marks = this.marksOf(conversation, reported.senderId);
    marks[frame.status] = Math.max(marks[frame.status], frame.upToSeq);
    if (frame.status === 'READ') {
      marks.DELIVERED = Math.max(marks.DELIVERED, frame.upToSeq);
    }
    let refresh = false;
    if (reported.senderId !== this.me.id) {
      refresh = this.recountUnread(conversation);
    }
    this.changed({ peerId: conversation.peerId, contacts: true });
    return { refresh, ...gap };
  }

  rejected(frame) {
    if (frame.tempId) {
      this.failPending(frame.tempId, frame.message);
    }
    return { notice: frame.message };
  }

  presence(frame) {
    const user = this.users.get(frame.userId);
    if (user) {
      user.online = frame.online;
      user.lastSeenAt = frame.lastSeenAt;
      this.changed({ contacts: true, peerId: frame.userId });
    }
    return null;
  }

  typing(frame) {
    const conversation = this.byId.get(frame.conversationId) ?? this.conversationWith(frame.userId);
    conversation.typingUntil = frame.typing ? Date.now() + TYPING_MS : 0;
    this.changed({ peerId: conversation.peerId, typing: true });
    return null;
  }

  /**
   * The end of one part of a resume. A conversation marked `more` was replayed only in
   * part (the server bounds each sync): the caller syncs it again from its new position.
   */
  syncComplete(frame) {
    let unknown = false;
    const more = {};
    const askedAt = this.syncsAsked.shift() ?? 0;
    frame.conversations.forEach((summary) => {
      const conversation = this.byId.get(summary.id);
      if (!conversation) {
        unknown = true;
        return;
      }
      this.takeUnread(conversation, summary.unread, askedAt);
      if (summary.more) {
        more[summary.id] = conversation.position;
      } else if (summary.lastSeq > conversation.position) {
        unknown = true;
      }
    });
    const continuing = Object.keys(more).length > 0;
    this.replaying = continuing;
    this.changed({ contacts: true });
    return { refresh: unknown, more: continuing ? more : null };
  }

  // --- reading -------------------------------------------------------------------------

  /** The newest message from the peer that this user has not marked READ, if any. */
  unreadNewest(conversation) {
    const mark = this.readMark(conversation);
    let newest = null;
    conversation.messages.forEach((message) => {
      if (this.fromOthers(conversation, message) && message.seq > mark
        && (conversation.group || STATUS_RANK[message.status] < STATUS_RANK.READ)
        && (!newest || message.seq > newest.seq)) {
        newest = message;
      }
    });
    return newest;
  }

  /** Takes the user's own READ as done at once, so the list does not flash a count. */
  /**
   * The server's unread count, unless this page marked the conversation read after the
   * server was asked: the answer cannot know of that READ yet, and would bring back a
   * count the user cleared.
   */
  takeUnread(conversation, unread, askedAt) {
    if (!(conversation.readAt > askedAt)) {
      conversation.unread = unread;
    }
  }

  /** A sync about to be sent; its sync-complete comes in the order syncs are sent. */
  syncFrame(positions) {
    this.syncsAsked.push(performance.now());
    return { type: 'sync', positions };
  }

  /** A new socket: syncs sent on the old one are never answered. */
  connected() {
    this.syncsAsked = [];
  }

  markedRead(conversation, message) {
    conversation.readAt = performance.now();
    if (conversation.group) {
      conversation.ownRead = Math.max(conversation.ownRead, message.seq);
    }
    const marks = this.marksOf(conversation, conversation.peerId);
    marks.READ = Math.max(marks.READ, message.seq);
    marks.DELIVERED = Math.max(marks.DELIVERED, message.seq);
    this.recountUnread(conversation);
    this.changed({ peerId: conversation.peerId, contacts: true });
  }

  statusOf(conversation, message) {
    const marks = conversation.marks.get(message.senderId);
    let rank = STATUS_RANK[message.status];
    if (marks && marks.READ >= message.seq) {
      rank = Math.max(rank, STATUS_RANK.READ);
    } else if (marks && marks.DELIVERED >= message.seq) {
      rank = Math.max(rank, STATUS_RANK.DELIVERED);
    }
    return Object.keys(STATUS_RANK).find((status) => STATUS_RANK[status] === rank);
  }

  isTyping(conversation) {
    return conversation.typingUntil > Date.now();
  }

  // --- internals -----------------------------------------------------------------------

  /** A message this page holds: loaded or pushed, or the last one of the summary. */
  known(conversation, id) {
    return conversation.messages.get(id) ?? (conversation.lastMessage?.id === id ? conversation.lastMessage : null);
  }

  upsert(conversation, message) {
    const existing = conversation.messages.get(message.id);
    if (!existing || message.lastChangeSeq >= existing.lastChangeSeq) {
      conversation.messages.set(message.id, message);
      this.noteLast(conversation, message);
    }
  }

  noteLast(conversation, message) {
    const last = conversation.lastMessage;
    if (!last || message.seq > last.seq || (message.seq === last.seq && message.lastChangeSeq >= last.lastChangeSeq)) {
      conversation.lastMessage = message;
    }
  }

  /**
   * On the live stream of a direct conversation seqs are contiguous: a jump means a change
   * was missed, so the position stays where it was and the caller syncs from it (the
   * replay moves it on).
   */
  advance(conversation, seq) {
    // Not in a group: the other members' receipts take seqs that only their sender is
    // sent, so a jump there is no gap.
    if (!this.replaying && !conversation.group && conversation.position > 0 && seq > conversation.position + 1) {
      return { sync: conversation };
    }
    conversation.position = Math.max(conversation.position, seq);
    return null;
  }

  readMark(conversation) {
    return conversation.group ? conversation.ownRead : this.marksOf(conversation, conversation.peerId).READ;
  }

  marksOf(conversation, senderId) {
    let marks = conversation.marks.get(senderId);
    if (!marks) {
      marks = { DELIVERED: 0, READ: 0 };
      conversation.marks.set(senderId, marks);
    }
    return marks;
  }

  /** True when the count cannot be known from the messages held here. */
  recountUnread(conversation) {
    const mark = this.readMark(conversation);
    let unread = 0;
    conversation.messages.forEach((message) => {
      if (this.fromOthers(conversation, message) && !message.deleted && message.seq > mark) {
        unread += 1;
      }
    });
    conversation.unread = unread;
    return conversation.history.state !== 'loaded';
  }
}

/** A group's members as known, with the change a group-changed frame names applied. */
function withChange(members, frame) {
  if (frame.change === 'MEMBER_REMOVED' || frame.change === 'MEMBER_LEFT') {
    return members.filter((member) => member.userId !== frame.userId);
  }
  if (!frame.member) {
    return members;
  }
  return members.some((member) => member.userId === frame.member.userId)
    ? members.map((member) => (member.userId === frame.member.userId ? frame.member : member))
    : [...members, frame.member];
}

/**
 * The send-message frame of a pending send, to the peer or the group: a retry names the
 * same uploads.
 */
export function sendFrame(conversation, pending) {
  return {
    type: 'send-message', tempId: pending.tempId, content: pending.content,
    ...(conversation.group ? { conversationId: conversation.id } : { receiverId: conversation.peerId }),
    attachmentIds: pending.attachments.map((file) => file.id),
  };
}
