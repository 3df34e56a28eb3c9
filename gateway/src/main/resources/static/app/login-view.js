// The login form: errors shown under it, the button disabled while a login is under way.

import { api } from './api.js';

export class LoginView {
  constructor(onLoggedIn) {
    this.root = document.getElementById('login');
    this.form = document.getElementById('login-form');
    this.email = document.getElementById('login-email');
    this.password = document.getElementById('login-password');
    this.error = document.getElementById('login-error');
    this.submit = document.getElementById('login-submit');
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.login(onLoggedIn);
    });
  }

  show() {
    this.root.hidden = false;
    this.password.value = '';
    this.email.focus();
  }

  hide() {
    this.root.hidden = true;
    this.showError(null);
  }

  async login(onLoggedIn) {
    if (!this.email.value.trim() || !this.password.value) {
      this.showError('Enter your email and password.');
      return;
    }
    this.submit.disabled = true;
    this.submit.textContent = 'Logging in\u2026';
    try {
      const { user } = await api.login(this.email.value.trim(), this.password.value);
      this.hide();
      onLoggedIn(user);
    } catch (error) {
      this.showError(error.code === 'invalid_credentials' ? 'Wrong email or password.' : error.message);
    } finally {
      this.submit.disabled = false;
      this.submit.textContent = 'Log in';
    }
  }

  showError(text) {
    this.error.hidden = !text;
    this.error.textContent = text ?? '';
  }
}
