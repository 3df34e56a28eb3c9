// The open conversation: history (older pages on scroll up), messages with their ticks and
// files, the composer (send, edit, attach or drop files), and the peer's presence and
// typing; in a group, who wrote each message, how many read this user's, and its members
// (added and removed here by its owners and admins).
// The view stays at the newest message while it is there: previews take their size before
// they load, and whatever still grows (a late image, a new message) keeps it at the bottom.

import {
  IMAGE_TYPES, TICKS, clock, el, fileSize, lastSeen, personLabel, personOption, previewBox, sharedNames,
} from './format.js';

const TYPING_REPEAT_MS = 3000;
const TYPING_IDLE_MS = 4000;

export class ConversationView {
  constructor(store, actions) {
    this.store = store;
    this.actions = actions;
    this.peerId = null;
    this.elements = new Map();
    this.editing = null;
    this.typingSentAt = 0;
    this.typingIdle = null;
    this.root = document.getElementById('conversation');
    this.empty = document.getElementById('no-conversation');
    this.header = document.getElementById('peer-header');
    this.peerName = document.getElementById('peer-name');
    this.peerStatus = document.getElementById('peer-status');
    this.scroller = document.getElementById('messages-scroll');
    this.historyState = document.getElementById('history-state');
    this.list = document.getElementById('messages');
    this.composer = document.getElementById('composer');
    this.input = document.getElementById('composer-input');
    this.editingBar = document.getElementById('editing');
    this.sendButton = document.getElementById('send');
    this.attachInput = document.getElementById('attach-input');
    this.tray = document.getElementById('uploads');
    this.membersToggle = document.getElementById('members-toggle');
    this.membersPanel = document.getElementById('members-panel');
    this.membersList = document.getElementById('members');
    this.memberAddUser = document.getElementById('member-add-user');
    this.uploads = [];
    // Whether the view is at its newest message, to stay there as its content grows.
    this.pinned = true;
    // Each message element's files as last drawn, kept so that a redraw reloads no image.
    this.drawnFiles = new WeakMap();
    // What the server answered for files that could not be fetched, by attachment id.
    this.fileErrors = new Map();
    this.wire();
  }

  wire() {
    document.getElementById('back').addEventListener('click', () => this.actions.back());
    this.membersToggle.addEventListener('click', () => {
      this.membersPanel.hidden = !this.membersPanel.hidden;
      this.renderMembers();
    });
    document.getElementById('member-add').addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.memberAddUser.value) {
        this.actions.addMember(this.conversation(), this.memberAddUser.value);
      }
    });
    document.getElementById('group-leave').addEventListener('click', () => {
      this.actions.removeMember(this.conversation(), this.store.me.id);
    });
    this.membersList.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-remove]');
      if (button) {
        this.actions.removeMember(this.conversation(), button.dataset.remove);
      }
    });
    document.getElementById('cancel-edit').addEventListener('click', () => this.stopEditing());
    this.composer.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      } else if (event.key === 'Escape' && this.editing) {
        this.stopEditing();
      }
    });
    this.input.addEventListener('input', () => this.typed());
    document.getElementById('attach').addEventListener('click', () => this.attachInput.click());
    this.attachInput.addEventListener('change', () => {
      this.attach(this.attachInput.files);
      this.attachInput.value = '';
    });
    this.root.addEventListener('dragover', (event) => {
      if (this.peerId && event.dataTransfer?.types.includes('Files')) {
        event.preventDefault();
        this.root.classList.add('dropping');
      }
    });
    this.root.addEventListener('dragleave', (event) => {
      if (!this.root.contains(event.relatedTarget)) {
        this.root.classList.remove('dropping');
      }
    });
    this.root.addEventListener('drop', (event) => {
      this.root.classList.remove('dropping');
      if (this.peerId && event.dataTransfer?.files.length) {
        event.preventDefault();
        this.attach(event.dataTransfer.files);
      }
    });
    this.tray.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-upload]');
      if (button) {
        this.uploads = this.uploads.filter((upload) => upload.key !== button.dataset.upload);
        this.renderUploads();
      }
    });
    const stay = () => {
      if (this.pinned && this.peerId) {
        this.scroller.scrollTop = this.scroller.scrollHeight;
      }
    };
    const resizes = new ResizeObserver(stay);
    resizes.observe(this.list);
    resizes.observe(this.scroller);
    this.scroller.addEventListener('scroll', () => {
      this.pinned = this.atBottom();
      const conversation = this.conversation();
      if (this.scroller.scrollTop < 60 && conversation?.history.state === 'loaded' && conversation.history.hasMore) {
        this.actions.loadOlder(conversation);
      }
    });
    this.list.addEventListener('click', (event) => {
      const file = event.target.closest('a[data-attachment]');
      if (file && event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
        event.preventDefault();
        this.fetchFile(file);
        return;
      }
      const button = event.target.closest('button[data-action]');
      const item = event.target.closest('li.message');
      if (!button || !item) {
        return;
      }
      if (button.dataset.action === 'retry') {
        this.actions.retry(item.dataset.tempId);
      } else if (button.dataset.action === 'edit') {
        this.startEditing(item.dataset.messageId);
      } else if (button.dataset.action === 'delete') {
        this.actions.remove(item.dataset.messageId);
      }
    });
  }

  conversation() {
    return this.peerId ? this.store.conversationWith(this.peerId) : null;
  }

  open(peerId) {
    if (this.peerId !== peerId) {
      this.stopTyping();
      this.stopEditing();
      this.uploads = [];
      this.renderUploads();
      this.peerId = peerId;
      this.elements.clear();
      this.list.replaceChildren();
      this.membersPanel.hidden = true;
      this.pinned = true;
    }
    this.root.classList.add('open');
    const conversation = this.conversation();
    if (conversation.history.state === 'idle' || conversation.history.state === 'error') {
      this.actions.loadHistory(conversation);
    }
    if (conversation.group && !conversation.memberNames) {
      conversation.membersStale = true;
    }
    this.render({ stick: true });
    this.input.focus();
  }

  close() {
    this.stopTyping();
    this.peerId = null;
    this.root.classList.remove('open');
    this.render({});
  }

  render({ stick = false, older = false } = {}) {
    const conversation = this.conversation();
    const shown = Boolean(conversation);
    this.empty.hidden = shown;
    this.header.hidden = !shown;
    this.scroller.hidden = !shown;
    this.composer.hidden = !shown;
    if (!shown) {
      return;
    }
    const user = this.store.users.get(this.peerId);
    const group = conversation.group;
    // Read when first shown and after each change of the group; a failed read waits for
    // the next change or the next opening.
    if (group && !conversation.left && conversation.membersStale !== false && !conversation.membersLoading) {
      this.loadMembers(conversation);
    }
    this.peerName.textContent = group ? group.title : user?.name ?? '';
    const away = group ? this.membersLine(conversation) : lastSeen(user);
    this.peerStatus.textContent = this.store.isTyping(conversation) ? 'typing\u2026' : away;
    this.membersToggle.hidden = !group || conversation.left;
    this.composer.hidden = conversation.left;
    if (group && !this.membersPanel.hidden) {
      this.renderMembers();
    }
    this.peerStatus.classList.toggle('typing', this.store.isTyping(conversation));
    this.renderHistoryState(conversation);

    const fromBottom = this.scroller.scrollHeight - this.scroller.scrollTop;
    const nearBottom = this.atBottom();
    this.renderMessages(conversation);
    if (older) {
      this.scroller.scrollTop = this.scroller.scrollHeight - fromBottom;
    } else if (stick || nearBottom) {
      this.scroller.scrollTop = this.scroller.scrollHeight;
    }
    this.pinned = this.atBottom();
  }

  atBottom() {
    return this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight < 80;
  }

  renderHistoryState(conversation) {
    const history = conversation.history;
    if (history.state === 'loading') {
      this.historyState.replaceChildren(el('span', 'muted', 'Loading messages\u2026'));
    } else if (history.state === 'error') {
      const retry = el('button', 'link-button', 'Retry');
      retry.type = 'button';
      retry.addEventListener('click', () => this.actions.loadHistory(conversation));
      this.historyState.replaceChildren(el('span', 'form-error', 'Messages could not be loaded: ' + history.error + ' '), retry);
    } else if (history.state === 'loaded' && !history.hasMore) {
      this.historyState.replaceChildren(el('span', 'muted', 'Start of the conversation'));
    } else {
      this.historyState.replaceChildren();
    }
  }

  /**
   * Keyed by message id; a confirmed message takes over the element of its optimistic
   * copy (same tempId), so it is replaced in place and never shown twice.
   */
  renderMessages(conversation) {
    const messages = [...conversation.messages.values()].sort((a, b) => a.seq - b.seq);
    const pending = [...conversation.pending.values()].sort((a, b) => a.since - b.since);
    const wanted = [];
    messages.forEach((message) => {
      const key = 'm:' + message.id;
      let element = this.elements.get(key);
      if (!element && message.tempId && this.elements.has('p:' + message.tempId)) {
        element = this.elements.get('p:' + message.tempId);
        this.elements.delete('p:' + message.tempId);
        this.elements.set(key, element);
      }
      if (!element) {
        element = el('li');
        this.elements.set(key, element);
      }
      this.fillMessage(element, conversation, message);
      wanted.push(element);
    });
    pending.forEach((send) => {
      const key = 'p:' + send.tempId;
      let element = this.elements.get(key);
      if (!element) {
        element = el('li');
        this.elements.set(key, element);
      }
      this.fillPending(element, send);
      wanted.push(element);
    });
    const keep = new Set(wanted);
    this.elements.forEach((element, key) => {
      if (!keep.has(element)) {
        this.elements.delete(key);
        element.remove();
      }
    });
    wanted.forEach((element, index) => {
      if (this.list.children[index] !== element) {
        this.list.insertBefore(element, this.list.children[index] ?? null);
      }
    });
  }

  fillMessage(element, conversation, message) {
    const mine = message.senderId === this.store.me.id;
    element.className = 'message ' + (mine ? 'mine' : 'theirs') + (message.deleted ? ' deleted' : '');
    element.dataset.messageId = message.id;
    element.dataset.seq = message.seq;
    if (message.tempId) {
      element.dataset.tempId = message.tempId;
    }
    const meta = el('div', 'meta');
    meta.append(el('span', 'time', clock(message.createdAt)));
    if (message.editedAt && !message.deleted) {
      meta.append(el('span', 'edited', 'edited'));
    }
    const counts = conversation.group ? conversation.receipts.get(message.id) : null;
    if (mine && counts) {
      meta.append(el('span', 'read-by', `Read by ${counts.readBy} of ${counts.members}`));
    } else if (mine) {
      meta.append(this.ticks(this.store.statusOf(conversation, message)));
    }
    if (mine && !message.deleted) {
      const actions = el('span', 'actions');
      actions.append(this.button('edit', 'Edit'), this.button('delete', 'Delete'));
      meta.prepend(actions);
    }
    const bubble = el('div', 'bubble');
    if (conversation.group && !mine) {
      bubble.append(el('div', 'sender', this.nameOf(conversation, message.senderId)));
    }
    if (message.deleted || message.content) {
      bubble.append(el('div', 'content', message.deleted ? 'Message deleted' : message.content));
    }
    if (!message.deleted && message.attachments?.length) {
      bubble.append(this.drawFiles(element, message.attachments));
    }
    bubble.append(meta);
    element.replaceChildren(bubble);
  }

  /**
   * The group's members with their names, which the page may not know otherwise, a page
   * at a time; read again after each change of the group (group-changed names the change,
   * not the members).
   */
  async loadMembers(conversation) {
    conversation.membersLoading = true;
    conversation.membersStale = false;
    try {
      const members = [];
      let page = null;
      do {
        page = await this.actions.members(conversation, page?.next);
        members.push(...page.members);
      } while (page.next);
      conversation.memberNames = new Map(members.map((member) => [member.userId, member.name]));
      conversation.group = { ...conversation.group, history: page.history, members };
    } catch (error) {
      // The header says no count; the members load again when the group is opened.
    } finally {
      conversation.membersLoading = false;
    }
    if (this.conversation() === conversation) {
      this.render({});
    }
  }

  nameOf(conversation, userId) {
    return this.store.users.get(userId)?.name ?? conversation.memberNames?.get(userId) ?? 'Someone';
  }

  membersLine(conversation) {
    const count = conversation.group.members.length;
    if (conversation.left) {
      return 'You are no longer in this group';
    }
    return count ? `${count} members` : '';
  }

  /**
   * The group's members, with a Remove button where this user may remove them (an owner
   * anyone, an admin members), and the people who could be added.
   */
  renderMembers() {
    const conversation = this.conversation();
    const group = conversation?.group;
    if (!group) {
      return;
    }
    const role = group.members.find((member) => member.userId === this.store.me.id)?.role;
    const administers = role === 'OWNER' || role === 'ADMIN';
    const shared = sharedNames([this.store.me, ...this.store.users.values(),
      ...group.members.map((member) => ({ id: member.userId, name: this.nameOf(conversation, member.userId) }))]);
    this.membersList.replaceChildren(...group.members.map((member) => {
      const item = el('li');
      item.dataset.userId = member.userId;
      const name = member.userId === this.store.me.id ? 'You' : this.nameOf(conversation, member.userId);
      item.append(personLabel(name, member.email ?? this.store.users.get(member.userId)?.email, shared, 'member-name'),
        el('span', 'member-role', member.role.toLowerCase()));
      if (administers && member.userId !== this.store.me.id && (role === 'OWNER' || member.role === 'MEMBER')) {
        const remove = this.button('remove-member', 'Remove');
        remove.dataset.remove = member.userId;
        item.append(remove);
      }
      return item;
    }));
    const inGroup = new Set(group.members.map((member) => member.userId));
    const addable = [...this.store.users.values()].filter((user) => !inGroup.has(user.id))
      .sort((a, b) => a.name.localeCompare(b.name));
    this.memberAddUser.replaceChildren(...addable.map((user) => {
      const option = el('option', null, personOption(user.name, user.email, shared));
      option.value = user.id;
      return option;
    }));
    document.getElementById('member-add').hidden = !administers || !addable.length;
  }

  /** A message's files, drawn once for its element while they stay the same. */
  drawFiles(element, attachments) {
    const key = attachments.map((file) => file.id).join(',');
    const drawn = this.drawnFiles.get(element);
    if (drawn?.key === key) {
      return drawn.node;
    }
    const node = this.files(attachments);
    this.drawnFiles.set(element, { key, node });
    return node;
  }

  /**
   * A message's files: an image as its preview, in a box of its size before it loads,
   * opening the whole image; anything else as a download with its name and size.
   */
  files(attachments) {
    const list = el('div', 'attachments');
    attachments.forEach((file) => {
      const href = '/attachments/' + encodeURIComponent(file.id);
      let link;
      if (IMAGE_TYPES.has(file.contentType)) {
        link = el('a', 'attachment-image');
        link.href = href;
        link.dataset.attachment = file.id;
        link.target = '_blank';
        link.rel = 'noopener';
        const preview = el('img');
        const box = previewBox(file.imageSize);
        preview.width = box.width;
        preview.height = box.height;
        preview.src = href + '/thumbnail';
        preview.alt = file.name;
        preview.addEventListener('error', () => link.replaceWith(this.download(file, href)));
        link.append(preview);
      } else {
        link = this.download(file, href);
      }
      if (this.fileErrors.has(file.id)) {
        this.showFileError(link, this.fileErrors.get(file.id));
      }
      list.append(link);
    });
    return list;
  }

  download(file, href) {
    const link = el('a', 'attachment-file');
    link.href = href;
    link.dataset.attachment = file.id;
    link.download = file.name;
    link.append(el('span', 'attachment-name', file.name), el('span', 'attachment-size', fileSize(file.size)));
    return link;
  }

  /**
   * Asks for a file's first byte before the browser fetches it: a file the server no
   * longer gives is said so on the file itself, not left to a failed download or the
   * server's error in a tab of its own.
   */
  async fetchFile(link) {
    const id = link.dataset.attachment;
    try {
      await this.actions.checkFile(id);
    } catch (error) {
      const text = error.status === 404 ? 'File not available' : 'File could not be fetched: ' + error.message;
      this.fileErrors.set(id, text);
      this.showFileError(link, text);
      return;
    }
    this.fileErrors.delete(id);
    link.querySelector('.attachment-error')?.remove();
    link.classList.remove('unavailable');
    if (link.classList.contains('attachment-image')) {
      window.open(link.href, '_blank', 'noopener');
    } else {
      const save = el('a');
      save.href = link.href;
      save.download = link.download;
      save.hidden = true;
      document.body.append(save);
      save.click();
      save.remove();
    }
  }

  showFileError(link, text) {
    link.classList.add('unavailable');
    const note = link.querySelector('.attachment-error') ?? link.appendChild(el('span', 'attachment-error'));
    note.textContent = text;
  }

  fillPending(element, send) {
    element.className = 'message mine ' + send.status.toLowerCase();
    element.dataset.tempId = send.tempId;
    delete element.dataset.messageId;
    const meta = el('div', 'meta');
    meta.append(el('span', 'time', clock(send.createdAt)), this.ticks(send.status));
    if (send.status === 'FAILED') {
      meta.append(el('span', 'send-error', send.error ?? ''), this.button('retry', 'Retry'));
    } else if (this.store.isOverdue(send, Date.now())) {
      // The server took it but has not stored it yet: not sent, and not failed either.
      meta.append(el('span', 'send-waiting', 'sending\u2026'));
    }
    const bubble = el('div', 'bubble');
    if (send.content) {
      bubble.append(el('div', 'content', send.content));
    }
    if (send.attachments.length) {
      const names = el('div', 'attachments');
      send.attachments.forEach((file) => names.append(el('span', 'attachment-file',
        file.name + ' \u00B7 ' + fileSize(file.size))));
      bubble.append(names);
    }
    bubble.append(meta);
    element.replaceChildren(bubble);
  }

  ticks(status) {
    const ticks = el('span', 'ticks ' + status.toLowerCase(), TICKS[status].glyph);
    ticks.dataset.status = status;
    ticks.title = TICKS[status].label;
    return ticks;
  }

  button(action, label) {
    const button = el('button', 'link-button', label);
    button.type = 'button';
    button.dataset.action = action;
    return button;
  }

  /**
   * Sends the text and the files uploaded for it; waits (Send disabled) while a file is
   * still uploading. With files, the text may be empty.
   */
  submit() {
    const content = this.input.value;
    const files = this.editing ? [] : this.uploads.filter((upload) => upload.state === 'done').map((upload) => upload.result);
    if (this.uploads.some((upload) => upload.state === 'uploading') || (!content.trim() && !files.length)) {
      return;
    }
    if (this.editing) {
      this.actions.edit(this.editing, content);
      this.stopEditing();
    } else {
      this.actions.send(this.peerId, content.trim() ? content : '', files);
      this.input.value = '';
      this.uploads = [];
      this.renderUploads();
    }
    this.stopTyping();
    this.render({ stick: true });
  }

  /** Uploads files at once, each with its progress, to send with the next message. */
  attach(fileList) {
    [...fileList].forEach((file) => {
      const upload = { key: crypto.randomUUID(), file, progress: 0, state: 'uploading', result: null, error: null };
      this.uploads.push(upload);
      this.actions.upload(file, (progress) => {
        upload.progress = progress;
        this.renderUploads();
      }).then((result) => {
        Object.assign(upload, { state: 'done', result, progress: 1 });
      }).catch((error) => {
        Object.assign(upload, { state: 'failed', error: error.message });
      }).finally(() => this.renderUploads());
    });
    this.renderUploads();
    this.input.focus();
  }

  renderUploads() {
    this.tray.hidden = this.uploads.length === 0;
    this.sendButton.disabled = this.uploads.some((upload) => upload.state === 'uploading');
    this.tray.replaceChildren(...this.uploads.map((upload) => {
      const item = el('li', 'upload ' + upload.state);
      item.dataset.state = upload.state;
      const remove = el('button', 'link-button', '\u00D7');
      remove.type = 'button';
      remove.dataset.upload = upload.key;
      remove.setAttribute('aria-label', 'Remove ' + upload.file.name);
      item.append(el('span', 'upload-name', upload.file.name), remove);
      if (upload.state === 'failed') {
        item.append(el('span', 'upload-error', upload.error));
      } else {
        const bar = el('progress');
        bar.max = 1;
        bar.value = upload.progress;
        item.append(bar);
      }
      return item;
    }));
  }

  startEditing(messageId) {
    const message = this.conversation()?.messages.get(messageId);
    if (!message) {
      return;
    }
    this.editing = messageId;
    this.editingBar.hidden = false;
    this.input.value = message.content;
    this.input.focus();
  }

  stopEditing() {
    this.editing = null;
    this.editingBar.hidden = true;
    this.input.value = '';
  }

  /** Tells the peer at most every few seconds, and that it stopped once the user pauses. */
  typed() {
    if (this.editing || !this.peerId) {
      return;
    }
    const now = Date.now();
    if (now - this.typingSentAt > TYPING_REPEAT_MS) {
      this.typingSentAt = now;
      this.actions.typing(this.peerId, true);
    }
    clearTimeout(this.typingIdle);
    this.typingIdle = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  stopTyping() {
    clearTimeout(this.typingIdle);
    if (this.typingSentAt && this.peerId) {
      this.actions.typing(this.peerId, false);
    }
    this.typingSentAt = 0;
  }
}
