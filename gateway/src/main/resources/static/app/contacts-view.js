// The contacts list: the user's groups, then conversation partners, most recent
// conversation first, then the people GET /users returned by name, with presence, last
// message and unread count; a name someone else has too shows its email beside it.
// The search box asks the server for anyone else. The people shown who are not partners
// are handed to onShown: their presence is watched, partners' comes anyway.

import { api } from './api.js';
import { el, lastSeen, personLabel, sharedNames, shortWhen, summary } from './format.js';

const SEARCH_DELAY_MS = 250;

export class ContactsView {
  constructor(store, onChoose, onShown) {
    this.store = store;
    this.onShown = onShown;
    this.list = document.getElementById('contacts');
    this.state = document.getElementById('contacts-state');
    this.search = document.getElementById('contacts-search');
    this.found = null;
    this.search.value = '';
    this.search.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.find(this.search.value.trim()), SEARCH_DELAY_MS);
    });
    this.list.addEventListener('click', (event) => {
      const item = event.target.closest('li[data-user-id]');
      if (item) {
        onChoose(item.dataset.userId);
      }
    });
  }

  showLoading() {
    this.state.replaceChildren(el('span', 'muted', 'Loading contacts\u2026'));
  }

  showError(message, retry) {
    const button = el('button', 'link-button', 'Retry');
    button.type = 'button';
    button.addEventListener('click', retry);
    this.state.replaceChildren(el('span', 'form-error', message + ' '), button);
  }

  /** Shows the people whose name or email contains the query; an empty one shows all again. */
  async find(query) {
    if (!query) {
      this.found = null;
      this.render(this.active);
      return;
    }
    try {
      const users = await api.users(query);
      if (this.search.value.trim() !== query) {
        return;
      }
      this.found = users.map((user) => user.id);
      this.store.setUsers(users);
    } catch (error) {
      this.showError('Search failed: ' + error.message, () => this.find(query));
    }
  }

  render(activePeer) {
    this.active = activePeer;
    this.state.replaceChildren();
    // The groups the user is in, most recent activity first, above the people.
    const activityOf = (conversation) => conversation?.lastMessage?.createdAt ?? '';
    const groups = this.found ? [] : [...this.store.byPeer.values()]
      .filter((conversation) => conversation.group && !conversation.left && conversation.group.title)
      .sort((a, b) => activityOf(b).localeCompare(activityOf(a)));
    let users;
    if (this.found) {
      users = this.found.map((id) => this.store.users.get(id)).filter(Boolean);
      if (!users.length) {
        this.state.replaceChildren(el('span', 'muted', 'Nobody matches.'));
      }
    } else {
      const activity = (user) => this.store.byPeer.get(user.id)?.lastMessage?.createdAt ?? '';
      users = [...this.store.users.values()].sort((a, b) => activity(b).localeCompare(activity(a))
        || a.name.localeCompare(b.name));
    }
    this.shared = sharedNames([this.store.me, ...this.store.users.values()]);
    this.list.replaceChildren(...groups.map((group) => this.groupItem(group, group.peerId === activePeer)),
      ...users.map((user) => this.item(user, user.id === activePeer)));
    this.onShown(users.filter((user) => !this.store.byPeer.get(user.id)?.id).map((user) => user.id));
  }

  item(user, active) {
    const conversation = this.store.byPeer.get(user.id);
    const item = el('li', 'contact' + (active ? ' active' : ''));
    item.dataset.userId = user.id;
    item.tabIndex = 0;
    const dot = el('span', 'dot ' + (user.online ? 'online' : 'offline'));
    dot.title = user.online ? 'online' : 'offline';
    const top = el('div', 'contact-top');
    top.append(personLabel(user.name, user.email, this.shared, 'contact-name'),
      el('span', 'contact-when', shortWhen(conversation?.lastMessage?.createdAt)));
    const bottom = el('div', 'contact-bottom');
    bottom.append(el('span', 'contact-preview', this.preview(conversation, user)));
    if (conversation?.unread > 0) {
      bottom.append(el('span', 'unread', String(conversation.unread)));
    }
    const text = el('div', 'contact-text');
    text.append(top, bottom);
    item.append(dot, text);
    return item;
  }

  groupItem(conversation, active) {
    const item = el('li', 'contact group' + (active ? ' active' : ''));
    item.dataset.userId = conversation.peerId;
    item.dataset.groupId = conversation.id;
    item.tabIndex = 0;
    const top = el('div', 'contact-top');
    top.append(el('span', 'contact-name', conversation.group.title),
      el('span', 'contact-when', shortWhen(conversation.lastMessage?.createdAt)));
    const bottom = el('div', 'contact-bottom');
    const last = conversation.lastMessage;
    const who = last && (last.senderId === this.store.me.id ? 'You: '
      : (this.store.users.get(last.senderId)?.name ?? 'Someone') + ': ');
    bottom.append(el('span', 'contact-preview', last ? who + summary(last) : 'New group'));
    if (conversation.unread > 0) {
      bottom.append(el('span', 'unread', String(conversation.unread)));
    }
    const text = el('div', 'contact-text');
    text.append(top, bottom);
    item.append(el('span', 'dot', '#'), text);
    return item;
  }

  preview(conversation, user) {
    if (conversation && this.store.isTyping(conversation)) {
      return 'typing\u2026';
    }
    const pending = conversation && [...conversation.pending.values()].pop();
    const last = conversation?.lastMessage;
    if (pending) {
      return 'You: ' + summary(pending);
    }
    if (!last) {
      return lastSeen(user);
    }
    const who = last.senderId === this.store.me.id ? 'You: ' : '';
    return who + summary(last);
  }
}
