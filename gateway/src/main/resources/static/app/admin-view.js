// The Admin view, for ADMIN and SUPERADMIN: the users by email with search and paging,
// adding a user, disabling and enabling, changing a role and (SUPERADMIN only, never one's
// own: that is Change password) resetting a password. Every refusal of the server is
// shown as it says it.

import { api } from './api.js';
import { el } from './format.js';

const ROLES = ['OWNER', 'ADMIN', 'SUPERADMIN'];
const SEARCH_DELAY_MS = 250;

export class AdminView {
  constructor(me, onClose) {
    this.me = me;
    this.root = document.getElementById('admin');
    this.rows = document.getElementById('admin-users');
    this.state = document.getElementById('admin-state');
    this.error = document.getElementById('admin-error');
    this.more = document.getElementById('admin-more');
    this.search = document.getElementById('admin-search');
    this.create = document.getElementById('admin-create');
    this.createError = document.getElementById('admin-create-error');
    this.reset = document.getElementById('admin-reset');
    this.resetPassword = document.getElementById('admin-reset-password');
    this.next = null;
    this.resetting = null;
    document.getElementById('admin-close').addEventListener('click', onClose);
    this.more.addEventListener('click', () => this.load(false));
    this.search.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.load(true), SEARCH_DELAY_MS);
    });
    this.create.addEventListener('submit', (event) => {
      event.preventDefault();
      this.add();
    });
    this.reset.addEventListener('submit', (event) => {
      event.preventDefault();
      this.setPassword();
    });
    document.getElementById('admin-reset-cancel').addEventListener('click', () => this.closeReset());
    this.rows.addEventListener('click', (event) => this.rowAction(event));
    this.rows.addEventListener('change', (event) => this.roleChanged(event));
  }

  show() {
    this.root.hidden = false;
    document.body.classList.add('admin-open');
    this.load(true);
  }

  hide() {
    this.root.hidden = true;
    document.body.classList.remove('admin-open');
  }

  /** The first page again, or the next one. */
  async load(fresh) {
    this.showError(null);
    if (fresh) {
      this.next = null;
    }
    this.state.replaceChildren(el('span', 'muted', 'Loading users\u2026'));
    try {
      const page = await api.adminUsers(this.search.value.trim(), this.next);
      if (fresh) {
        this.rows.replaceChildren();
      }
      this.rows.append(...page.users.map((user) => this.row(user)));
      this.next = page.next;
      this.more.hidden = !page.next;
      if (this.rows.children.length) {
        this.state.replaceChildren();
      } else {
        this.state.replaceChildren(el('span', 'muted', 'No users match.'));
      }
    } catch (error) {
      this.state.replaceChildren(el('span', 'form-error', 'Users could not be loaded: ' + error.message));
    }
  }

  row(user) {
    const row = el('tr', user.disabled ? 'disabled' : '');
    row.dataset.userId = user.id;
    row.dataset.email = user.email;
    const role = el('select', 'admin-role');
    role.setAttribute('aria-label', 'Role of ' + user.email);
    ROLES.forEach((name) => {
      const option = el('option', '', name);
      option.value = name;
      option.selected = name === user.role;
      role.append(option);
    });
    role.disabled = user.id === this.me.id;
    const toggle = el('button', 'link-button admin-toggle', user.disabled ? 'Enable' : 'Disable');
    toggle.type = 'button';
    toggle.dataset.disabled = String(user.disabled);
    toggle.hidden = user.id === this.me.id;
    const reset = el('button', 'link-button admin-reset-open', 'Reset password');
    reset.type = 'button';
    reset.hidden = this.me.role !== 'SUPERADMIN' || user.id === this.me.id;
    const roleCell = el('td');
    roleCell.append(role);
    const actions = el('td');
    actions.append(toggle, reset);
    row.append(el('td', 'admin-name', user.name), el('td', 'admin-email', user.email), roleCell,
      el('td', 'admin-status', user.disabled ? 'disabled' : 'active'), actions);
    return row;
  }

  async add() {
    const email = document.getElementById('admin-create-email');
    const name = document.getElementById('admin-create-name');
    const password = document.getElementById('admin-create-password');
    const submit = document.getElementById('admin-create-submit');
    this.createError.hidden = true;
    submit.disabled = true;
    try {
      const { user } = await api.createUser({
        email: email.value.trim(),
        name: name.value,
        role: document.getElementById('admin-create-role').value,
        password: password.value,
      });
      this.create.reset();
      this.rows.prepend(this.row(user));
      this.state.replaceChildren();
    } catch (error) {
      this.createError.textContent = error.code === 'email_taken' ? 'A user with this email already exists.' : error.message;
      this.createError.hidden = false;
    } finally {
      submit.disabled = false;
    }
  }

  async rowAction(event) {
    const row = event.target.closest('tr[data-user-id]');
    if (!row) {
      return;
    }
    if (event.target.classList.contains('admin-toggle')) {
      await this.change(row, { disabled: event.target.dataset.disabled !== 'true' });
    } else if (event.target.classList.contains('admin-reset-open')) {
      this.resetting = row.dataset.userId;
      document.getElementById('admin-reset-label').textContent = 'New password for ' + row.dataset.email;
      this.reset.hidden = false;
      this.resetPassword.value = '';
      this.resetPassword.focus();
    }
  }

  async roleChanged(event) {
    if (event.target.classList.contains('admin-role')) {
      await this.change(event.target.closest('tr'), { role: event.target.value });
    }
  }

  async setPassword() {
    const row = this.rows.querySelector(`tr[data-user-id="${this.resetting}"]`);
    if (row && await this.change(row, { password: this.resetPassword.value })) {
      this.closeReset();
    }
  }

  closeReset() {
    this.reset.hidden = true;
    this.resetting = null;
    this.resetPassword.value = '';
  }

  /** Applies a change to the user of the row; the row shows the user as the server answers. */
  async change(row, change) {
    this.showError(null);
    try {
      const { user } = await api.changeUser(row.dataset.userId, change);
      row.replaceWith(this.row(user));
      return true;
    } catch (error) {
      this.showError(error.message);
      // A refused role change shows the role the user still has.
      this.load(true);
      return false;
    }
  }

  showError(text) {
    this.error.hidden = !text;
    this.error.textContent = text ?? '';
  }
}
