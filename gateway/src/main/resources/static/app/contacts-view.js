// The contacts list: everyone the user can chat with, most recent conversation first,
// with presence, last message and unread count.

import { el, lastSeen, shortWhen } from './format.js';

export class ContactsView {
  constructor(store, onChoose) {
    this.store = store;
    this.list = document.getElementById('contacts');
    this.state = document.getElementById('contacts-state');
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

  render(activePeer) {
    this.state.replaceChildren();
    const activity = (user) => this.store.byPeer.get(user.id)?.lastMessage?.createdAt ?? '';
    const users = [...this.store.users.values()].sort((a, b) => activity(b).localeCompare(activity(a))
      || a.name.localeCompare(b.name));
    this.list.replaceChildren(...users.map((user) => this.item(user, user.id === activePeer)));
  }

  item(user, active) {
    const conversation = this.store.byPeer.get(user.id);
    const item = el('li', 'contact' + (active ? ' active' : ''));
    item.dataset.userId = user.id;
    item.tabIndex = 0;
    const dot = el('span', 'dot ' + (user.online ? 'online' : 'offline'));
    dot.title = user.online ? 'online' : 'offline';
    const top = el('div', 'contact-top');
    top.append(el('span', 'contact-name', user.name), el('span', 'contact-when', shortWhen(conversation?.lastMessage?.createdAt)));
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

  preview(conversation, user) {
    if (conversation && this.store.isTyping(conversation)) {
      return 'typing\u2026';
    }
    const pending = conversation && [...conversation.pending.values()].pop();
    const last = conversation?.lastMessage;
    if (pending) {
      return 'You: ' + pending.content;
    }
    if (!last) {
      return lastSeen(user);
    }
    const who = last.senderId === this.store.me.id ? 'You: ' : '';
    return who + (last.deleted ? 'Message deleted' : last.content);
  }
}
