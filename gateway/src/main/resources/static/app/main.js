// Wires the page: login, the REST reads, the socket and its frames, the views, and the
// receipts the page reports (DELIVERED when a message arrives, READ when it is seen).

import { api } from './api.js';
import { ChatSocket } from './socket.js';
import { ChatStore, STATUS_RANK, sendFrame } from './store.js';
import { LoginView } from './login-view.js';
import { ContactsView } from './contacts-view.js';
import { ConversationView } from './conversation-view.js';
import { AdminView } from './admin-view.js';
import { PasswordDialog } from './password-dialog.js';
import { GroupDialog } from './group-dialog.js';

const DELIVERED_BATCH_MS = 200;
const SUMMARY_REFRESH_MS = 300;
const NOTICE_MS = 5000;
const MAX_WATCHED = 200;

class ChatPage {
  constructor() {
    this.banner = document.getElementById('banner');
    this.notice = document.getElementById('notice');
    this.chat = document.getElementById('chat');
    this.login = new LoginView((user) => this.start(user));
    document.getElementById('logout').addEventListener('click', () => this.logout());
  }

  async boot() {
    try {
      const { user } = await api.me();
      this.start(user);
    } catch (error) {
      if (error.status === 401) {
        this.login.show();
      } else {
        this.showBanner('The server cannot be reached. Retrying\u2026');
        setTimeout(() => this.boot(), 3000);
      }
    }
  }

  start(user) {
    this.hideBanner();
    this.store = new ChatStore(user);
    this.active = null;
    this.deliveries = new Map();
    this.renderQueued = null;
    this.watched = '';
    this.contacts = new ContactsView(this.store, (peerId) => this.choose(peerId), (ids) => this.watch(ids));
    this.conversation = new ConversationView(this.store, this.conversationActions());
    this.socket = new ChatSocket({
      onFrame: (frame) => this.received(frame),
      onOpen: () => this.connected(),
      onStateChange: (state) => this.connectionChanged(state),
      isSessionLost: () => this.isSessionLost(),
      onSessionEnded: () => this.loggedOut(),
    });
    this.store.subscribe((what) => this.queueRender(what));
    document.getElementById('me-name').textContent = user.name;
    this.password = new PasswordDialog();
    this.groupDialog = new GroupDialog(this.store, (id) => this.openWhenAnnounced(id));
    if (user.role === 'ADMIN' || user.role === 'SUPERADMIN') {
      this.admin = new AdminView(user, () => this.admin.hide());
      const open = document.getElementById('admin-open');
      open.hidden = false;
      open.addEventListener('click', () => this.admin.show());
    }
    this.chat.hidden = false;
    document.addEventListener('visibilitychange', () => this.markRead());
    setInterval(() => {
      if (this.socket.isOpen()) {
        this.store.expireUnacknowledged(Date.now());
      }
    }, 1000);
    setInterval(() => this.queueRender({ contacts: true, peerId: this.active }), 30000);
    this.loadContacts().finally(() => this.socket.start());
  }

  async loadContacts() {
    this.contacts.showLoading();
    try {
      const askedAt = performance.now();
      const [users, summaries] = await Promise.all([api.users(), api.conversations()]);
      this.store.setUsers(users);
      this.store.setSummaries(summaries, askedAt);
      summaries.forEach((summary) => this.deliveredLater(summary.lastMessage));
    } catch (error) {
      if (error.status === 401) {
        this.loggedOut();
        return;
      }
      this.contacts.showError('Contacts could not be loaded: ' + error.message, () => this.loadContacts());
    }
  }

  conversationActions() {
    return {
      send: (peerId, content, attachments) => {
        const tempId = this.store.addPending(peerId, content, attachments);
        this.socket.send(sendFrame(this.store.conversationWith(peerId), this.store.findPending(tempId).pending));
      },
      retry: (tempId) => {
        const found = this.store.retryPending(tempId);
        if (found) {
          this.socket.send(sendFrame(found.conversation, found.pending));
        }
      },
      upload: (file, onProgress) => api.upload(file, onProgress),
      checkFile: (id) => api.checkFile(id),
      edit: (id, content) => this.command({ type: 'update-message', id, content }),
      remove: (id) => this.command({ type: 'delete-message', id }),
      // Named by the receiver: a conversation's id exists before its first message does.
      // A group is named by its id, and its other members see it.
      typing: (peerId, typing) => {
        const conversation = this.store.conversationWith(peerId);
        this.socket.send(conversation.group
          ? { type: 'typing', conversationId: conversation.id, receiverId: null, typing }
          : { type: 'typing', conversationId: null, receiverId: peerId, typing });
      },
      members: (conversation, after) => api.groupMembers(conversation.id, after),
      addMember: (conversation, userId) => this.groupCall(api.addMember(conversation.id, userId)),
      removeMember: (conversation, userId) => this.groupCall(api.removeMember(conversation.id, userId)),
      loadHistory: (conversation) => this.loadHistory(conversation),
      loadOlder: (conversation) => this.loadOlder(conversation),
      back: () => this.choose(null),
    };
  }

  /** Opens a group just created once the server announced it (its history exists then). */
  openWhenAnnounced(id) {
    if (this.store.byId.get(id)?.group?.changedSeq !== undefined) {
      this.choose(id);
    } else {
      this.announcedOpens = id;
    }
  }

  /** A change of a group: its outcome comes as group-changed, or message-rejected. */
  async groupCall(request) {
    try {
      await request;
    } catch (error) {
      this.showNotice(error.message);
    }
  }

  command(frame) {
    if (!this.socket.send(frame)) {
      this.showNotice('Not connected: try again in a moment.');
    }
  }

  choose(peerId) {
    this.admin?.hide();
    this.active = peerId;
    document.body.classList.toggle('conversation-open', Boolean(peerId));
    if (peerId) {
      this.conversation.open(peerId);
    } else {
      this.conversation.close();
    }
    this.contacts.render(this.active);
    this.markRead();
  }

  async loadHistory(conversation) {
    this.store.historyLoading(conversation);
    try {
      this.store.historyPage(conversation, await api.history(conversation));
    } catch (error) {
      this.store.historyFailed(conversation, error);
    }
  }

  async loadOlder(conversation) {
    if (conversation.loadingOlder) {
      return;
    }
    conversation.loadingOlder = true;
    try {
      const page = await api.history(conversation, conversation.history.oldestSeq);
      this.olderLoaded = true;
      this.store.historyPage(conversation, page);
    } catch (error) {
      this.showNotice('Older messages could not be loaded: ' + error.message);
    } finally {
      conversation.loadingOlder = false;
    }
  }

  // --- socket --------------------------------------------------------------------------

  /** Watches the presence of the people shown who share no conversation with the user. */
  watch(ids) {
    const list = ids.slice(0, MAX_WATCHED);
    const key = list.join(',');
    if (key !== this.watched && this.socket?.send({ type: 'watch-presence', userIds: list })) {
      this.watched = key;
    }
  }

  connected() {
    // A new socket watches nobody until told.
    this.watched = '';
    this.queueRender({ contacts: true });
    this.store.replaying = true;
    this.store.connected();
    this.socket.send(this.store.syncFrame(this.store.positions()));
    this.store.pendingSends(Date.now()).forEach((frame) => this.socket.send(frame));
    this.flushDeliveries();
  }

  connectionChanged(state) {
    if (state === 'reconnecting') {
      this.showBanner('Reconnecting\u2026');
    } else if (state === 'connecting') {
      this.showBanner('Connecting\u2026');
    } else {
      this.hideBanner();
    }
  }

  async isSessionLost() {
    try {
      await api.me();
      return false;
    } catch (error) {
      if (error.status === 401) {
        this.loggedOut();
        return true;
      }
      return false;
    }
  }

  received(frame) {
    if (frame.type === 'error') {
      if (frame.ref && this.store.findPending(frame.ref)) {
        this.store.failPending(frame.ref, frame.message);
      } else {
        this.showNotice(frame.message);
      }
      return;
    }
    const result = this.store.apply(frame);
    if (frame.type === 'group-changed' && frame.conversationId === this.announcedOpens) {
      this.announcedOpens = null;
      this.choose(frame.conversationId);
    }
    if (frame.type === 'message-created' && frame.message.senderId !== this.store.me.id) {
      this.deliveredLater(frame.message);
    }
    if (frame.type === 'typing') {
      setTimeout(() => this.queueRender({ contacts: true, peerId: frame.userId }), 5100);
    }
    if (result?.sync) {
      this.store.replaying = true;
      this.socket.send(this.store.syncFrame({ [result.sync.id]: result.sync.position }));
    }
    if (result?.more) {
      this.socket.send(this.store.syncFrame(result.more));
    }
    if (result?.refresh) {
      this.refreshSummariesSoon();
    }
    if (result?.notice) {
      this.showNotice(result.notice);
    }
  }

  refreshSummariesSoon() {
    clearTimeout(this.summaryTimer);
    this.summaryTimer = setTimeout(async () => {
      try {
        const askedAt = performance.now();
        this.store.setSummaries(await api.conversations(), askedAt);
      } catch (error) {
        this.showNotice('Conversations could not be refreshed: ' + error.message);
      }
    }, SUMMARY_REFRESH_MS);
  }

  // --- receipts ------------------------------------------------------------------------

  /** One DELIVERED per conversation for its newest arrival covers every earlier one. */
  deliveredLater(message) {
    if (!message || message.senderId === this.store.me.id || STATUS_RANK[message.status] >= STATUS_RANK.DELIVERED) {
      return;
    }
    const queued = this.deliveries.get(message.conversationId);
    if (!queued || queued.seq < message.seq) {
      this.deliveries.set(message.conversationId, message);
    }
    clearTimeout(this.deliveryTimer);
    this.deliveryTimer = setTimeout(() => this.flushDeliveries(), DELIVERED_BATCH_MS);
  }

  flushDeliveries() {
    this.deliveries.forEach((message, conversationId) => {
      if (this.socket.send({ type: 'update-message-status', id: message.id, status: 'DELIVERED' })) {
        this.deliveries.delete(conversationId);
      }
    });
  }

  /** READ only for what the user can see: the open conversation of a visible page. */
  markRead() {
    if (!this.active || document.visibilityState !== 'visible') {
      return;
    }
    const conversation = this.store.conversationWith(this.active);
    const newest = this.store.unreadNewest(conversation);
    if (newest && this.socket.send({ type: 'update-message-status', id: newest.id, status: 'READ' })) {
      this.deliveries.delete(newest.conversationId);
      this.store.markedRead(conversation, newest);
    }
  }

  // --- rendering -----------------------------------------------------------------------

  queueRender(what) {
    if (!this.renderQueued) {
      this.renderQueued = { contacts: false, conversation: false, stick: false };
      // A microtask, not an animation frame: background tabs must stay current too.
      queueMicrotask(() => this.render());
    }
    const queued = this.renderQueued;
    queued.contacts ||= Boolean(what.contacts);
    queued.conversation ||= !what.peerId || what.peerId === this.active;
    queued.stick ||= Boolean(what.arrived && what.arrived.senderId === this.store.me.id);
  }

  render() {
    const queued = this.renderQueued;
    this.renderQueued = null;
    if (queued.contacts) {
      this.contacts.render(this.active);
    }
    if (queued.conversation && this.active) {
      const older = this.olderLoaded;
      this.olderLoaded = false;
      this.conversation.render({ stick: queued.stick, older });
      this.markRead();
    }
  }

  // --- session -------------------------------------------------------------------------

  async logout() {
    try {
      await api.logout();
    } catch (error) {
      this.showNotice('Logout failed: ' + error.message);
      return;
    }
    this.loggedOut();
  }

  loggedOut() {
    this.socket?.stop();
    // A fresh page drops every trace of the previous user.
    location.assign('/');
  }

  showBanner(text) {
    this.banner.textContent = text;
    this.banner.hidden = false;
  }

  hideBanner() {
    this.banner.hidden = true;
  }

  showNotice(text) {
    this.notice.textContent = text;
    this.notice.hidden = false;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => {
      this.notice.hidden = true;
    }, NOTICE_MS);
  }
}

new ChatPage().boot();
