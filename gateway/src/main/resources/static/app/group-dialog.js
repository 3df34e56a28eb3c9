// "New group": a title and the people to chat with, picked from those the page knows (with
// the email beside a name two of them have). The group opens once the server announced it
// (group-changed).

import { api } from './api.js';
import { el, personLabel, sharedNames } from './format.js';

export class GroupDialog {
  constructor(store, onCreated) {
    this.store = store;
    this.onCreated = onCreated;
    this.dialog = document.getElementById('group-dialog');
    this.form = document.getElementById('group-form');
    this.title = document.getElementById('group-title');
    this.people = document.getElementById('group-people');
    this.error = document.getElementById('group-error');
    this.submit = document.getElementById('group-submit');
    document.getElementById('group-open').addEventListener('click', () => this.open());
    document.getElementById('group-cancel').addEventListener('click', () => this.dialog.close());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.create();
    });
  }

  open() {
    this.form.reset();
    this.showError(null);
    const people = [...this.store.users.values()].sort((a, b) => a.name.localeCompare(b.name));
    const shared = sharedNames([this.store.me, ...people]);
    this.people.replaceChildren(el('legend', null, 'Members'), ...people.map((user) => {
      const label = el('label');
      const box = el('input');
      box.type = 'checkbox';
      box.value = user.id;
      label.append(box, personLabel(user.name, user.email, shared));
      return label;
    }));
    this.dialog.showModal();
    this.title.focus();
  }

  async create() {
    const memberIds = [...this.people.querySelectorAll('input:checked')].map((box) => box.value);
    if (!this.title.value.trim()) {
      this.showError('A group needs a title.');
      return;
    }
    this.submit.disabled = true;
    try {
      const { conversationId } = await api.createGroup(this.title.value.trim(), memberIds);
      this.dialog.close();
      this.onCreated(conversationId);
    } catch (error) {
      this.showError(error.message);
    } finally {
      this.submit.disabled = false;
    }
  }

  showError(text) {
    this.error.hidden = !text;
    this.error.textContent = text ?? '';
  }
}
