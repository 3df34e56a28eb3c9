// "Change password": the user's own password, proved with the current one. Their other
// sessions end; this one stays.

import { api } from './api.js';

const MIN_PASSWORD = 12;

export class PasswordDialog {
  constructor() {
    this.dialog = document.getElementById('password-dialog');
    this.form = document.getElementById('password-form');
    this.current = document.getElementById('password-current');
    this.next = document.getElementById('password-new');
    this.repeat = document.getElementById('password-repeat');
    this.error = document.getElementById('password-error');
    this.done = document.getElementById('password-done');
    this.submit = document.getElementById('password-submit');
    document.getElementById('password-open').addEventListener('click', () => this.open());
    document.getElementById('password-cancel').addEventListener('click', () => this.dialog.close());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.change();
    });
  }

  open() {
    this.form.reset();
    this.showError(null);
    this.done.hidden = true;
    this.dialog.showModal();
    this.current.focus();
  }

  async change() {
    this.done.hidden = true;
    if (this.next.value.length < MIN_PASSWORD) {
      this.showError(`The new password needs at least ${MIN_PASSWORD} characters.`);
      return;
    }
    if (this.next.value !== this.repeat.value) {
      this.showError('The new passwords differ.');
      return;
    }
    this.submit.disabled = true;
    try {
      await api.changePassword(this.current.value, this.next.value);
      this.form.reset();
      this.showError(null);
      this.done.hidden = false;
    } catch (error) {
      this.showError(error.code === 'invalid_credentials' ? 'The current password is wrong.' : error.message);
    } finally {
      this.submit.disabled = false;
    }
  }

  showError(text) {
    this.error.hidden = !text;
    this.error.textContent = text ?? '';
  }
}
