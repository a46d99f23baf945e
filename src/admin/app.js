import { api, ApiProblem, session } from './api.js';
import { h, render } from './dom.js';
import { showDetail } from './views/detail.js';
import { showForm } from './views/form.js';
import { showList } from './views/list.js';

/** Hash routes: #/destinations, #/destinations/new, #/destinations/:id, #/destinations/:id/edit */
async function route() {
  const signOut = document.getElementById('sign-out');
  if (!session.key) {
    signOut.hidden = true;
    return showSignIn();
  }
  signOut.hidden = false;
  const [, section, id, action] = location.hash.replace(/^#/, '').split('/');
  try {
    if (section !== 'destinations' || id === undefined) return await showList();
    if (id === 'new') return await showForm();
    if (action === 'edit') return await showForm(id);
    return await showDetail(id);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) {
      session.signOut();
      return showSignIn('That key is no longer valid.');
    }
    render(h('p', { class: 'error', role: 'alert' }, error.message));
  }
}

function showSignIn(message) {
  const input = h('input', {
    id: 'admin-key',
    type: 'password',
    autocomplete: 'off',
    required: true,
    'aria-describedby': 'sign-in-help',
  });
  const error = h('p', { class: 'error', role: 'alert', id: 'sign-in-error' }, message ?? '');
  const form = h(
    'form',
    {
      class: 'card narrow',
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          await api('GET', '/v1/event-destinations?limit=1', undefined, input.value.trim());
          session.signIn(input.value.trim());
          location.hash = '#/destinations';
          await route();
        } catch (problem) {
          error.textContent =
            problem instanceof ApiProblem && problem.status === 401
              ? 'This key was not accepted. Use a platform admin key.'
              : problem.message;
        }
      },
    },
    h('h1', {}, 'Event Destinations'),
    h('label', { for: 'admin-key' }, 'Platform admin key'),
    input,
    h(
      'p',
      { id: 'sign-in-help', class: 'hint' },
      'Kept in this tab only, until you sign out or close it.',
    ),
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
  );
  render(form);
  input.focus();
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  location.hash = '';
  route();
});
window.addEventListener('hashchange', route);
route();
