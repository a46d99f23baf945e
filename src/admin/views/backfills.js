import { api, ApiProblem } from '../api.js';
import { formatTime, h, statusBadge, toast } from '../dom.js';

/** How often the list refreshes while a backfill runs. */
const REFRESH_MS = 1_500;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `datetime-local` wants local time without a zone: 2026-11-28T09:30. */
function localInputValue(date) {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function progressLine(backfill) {
  const sent = backfill.delivered + backfill.failed;
  return h(
    'li',
    { class: 'backfill', 'data-backfill-id': backfill.id },
    statusBadge(backfill.status),
    ' ',
    h('progress', {
      max: Math.max(backfill.total, 1),
      value: backfill.total === 0 ? 1 : sent,
      'aria-label': `Backfill ${backfill.id} progress`,
    }),
    ` ${sent} of ${backfill.total} sent (${backfill.delivered} delivered, ${backfill.failed} failed) · events from ${formatTime(backfill.since)} to ${formatTime(backfill.until)} `,
    backfill.temporal.uiUrl &&
      h(
        'a',
        { href: backfill.temporal.uiUrl, target: '_blank', rel: 'noopener' },
        'Workflow in Temporal Web UI',
      ),
    backfill.status === 'running' &&
      h(
        'button',
        {
          type: 'button',
          onclick: async (click) => {
            click.target.disabled = true;
            await api('POST', `/v1/backfills/${backfill.id}/cancel`);
            toast('Backfill cancelled');
          },
        },
        'Cancel',
      ),
  );
}

/**
 * A destination's backfills (DESIGN §4): start one for a range of past events, and watch each
 * one's progress until it ends. The list refreshes only while one runs and the page shows it.
 */
export function backfillSection(destinationId) {
  const since = h('input', {
    id: 'backfill-since',
    type: 'datetime-local',
    required: true,
    value: localInputValue(new Date(Date.now() - DAY_MS)),
  });
  const until = h('input', { id: 'backfill-until', type: 'datetime-local' });
  const problem = h('p', { class: 'error', role: 'alert', id: 'backfill-error' });
  const list = h('ul', { class: 'backfills', 'aria-live': 'polite' });
  let timer;

  async function refresh() {
    clearTimeout(timer);
    // The first call runs before the section is shown; a later one stops once it is gone.
    if (!list.isConnected && timer !== undefined) return;
    const { data } = await api('GET', `/v1/event-destinations/${destinationId}/backfills`);
    list.replaceChildren(
      ...(data.length ? data.map(progressLine) : [h('li', { class: 'hint' }, 'No backfills yet.')]),
    );
    if (data.some((backfill) => backfill.status === 'running'))
      timer = setTimeout(refresh, REFRESH_MS);
  }

  const start = h('button', { type: 'submit' }, 'Start backfill');
  const form = h(
    'form',
    {
      onsubmit: async (submit) => {
        submit.preventDefault();
        problem.textContent = '';
        start.disabled = true;
        try {
          const body = { since: new Date(since.value).toISOString() };
          if (until.value) body.until = new Date(until.value).toISOString();
          const started = await api(
            'POST',
            `/v1/event-destinations/${destinationId}/backfill`,
            body,
          );
          toast(`Backfill started: ${started.total} event(s) to send`);
          timer = undefined;
          await refresh();
        } catch (error) {
          if (!(error instanceof ApiProblem)) throw error;
          problem.textContent = error.errors.length
            ? error.errors.map((field) => `${field.path}: ${field.message}`).join('; ')
            : error.message;
        } finally {
          start.disabled = false;
        }
      },
    },
    h('label', { for: 'backfill-since' }, 'Events since'),
    since,
    h('label', { for: 'backfill-until' }, 'Until (optional, now when empty)'),
    until,
    ' ',
    start,
    problem,
  );
  void refresh();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'backfill-heading' },
    h('h2', { id: 'backfill-heading' }, 'Backfill'),
    h(
      'p',
      { class: 'hint' },
      'Send this destination the stored events it matches and never got, oldest first. Running it twice sends nothing twice.',
    ),
    form,
    list,
  );
}
