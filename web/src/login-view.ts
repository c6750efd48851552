import { ApiError, type ApiClient } from './api/client.js';
import type { Me } from './api/types.js';
import { h } from './ui/dom.js';

/** The login form; resolves with the user once the server accepted the credentials. */
export function loginView(root: HTMLElement, api: ApiClient): Promise<Me> {
  return new Promise((resolve) => {
    const user = h('input', { name: 'username', autocomplete: 'username', required: true, 'aria-label': 'username' });
    const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'aria-label': 'password' });
    const error = h('p', { class: 'error', role: 'alert' });
    const form = h('form', { class: 'login', 'data-test': 'login' },
      h('h1', {}, 'Vigil'), h('p', { class: 'muted' }, 'Ceasefire monitoring — coalition console'),
      h('label', {}, 'Username', user), h('label', {}, 'Password', pass), h('button', { type: 'submit', class: 'primary' }, 'Log in'), error);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      error.textContent = '';
      api.login(user.value, pass.value).then(
        (me) => {
          form.remove();
          resolve(me);
        },
        (err: unknown) => {
          error.textContent = err instanceof ApiError ? err.message : 'cannot reach the server';
        },
      );
    });
    root.replaceChildren(form);
    user.focus();
  });
}
