import { api } from '../api.js';
import { formatTime, h, render, statusBadge } from '../dom.js';

async function lastDelivery(destination) {
  const page = await api('GET', `/v1/event-destinations/${destination.id}/deliveries?limit=1`);
  return page.data[0];
}

function emptyState() {
  return h(
    'div',
    { class: 'card empty' },
    h('h2', {}, 'No event destinations yet'),
    h(
      'p',
      {},
      'An event destination is an HTTPS endpoint of yours. Herald sends it the platform events you choose ' +
        '(a flow was created, a user signed in, …), signed, and retries for up to three days when it is down.',
    ),
    h('a', { class: 'button primary', href: '#/destinations/new' }, 'Create destination'),
  );
}

export async function showList() {
  const page = await api('GET', '/v1/event-destinations?limit=100');
  const heading = h(
    'div',
    { class: 'heading' },
    h('h1', {}, 'Event Destinations'),
    page.data.length > 0 &&
      h('a', { class: 'button primary', href: '#/destinations/new' }, 'Create destination'),
  );
  if (page.data.length === 0) return render(heading, emptyState());

  const lasts = await Promise.all(page.data.map(lastDelivery));
  const rows = page.data.map((destination, index) => {
    const last = lasts[index];
    return h(
      'tr',
      {},
      h(
        'td',
        { class: 'url' },
        h('a', { href: `#/destinations/${destination.id}` }, destination.url),
      ),
      h(
        'td',
        {},
        `${destination.events.length} event${destination.events.length === 1 ? '' : 's'}`,
      ),
      h(
        'td',
        {},
        destination.enabled ? statusBadge('enabled') : statusBadge('disabled'),
        destination.disabledReason && h('div', { class: 'hint' }, destination.disabledReason),
      ),
      h(
        'td',
        {},
        last
          ? [statusBadge(last.status), ' ', formatTime(last.lastAttemptAt ?? last.createdAt)]
          : 'none yet',
      ),
    );
  });
  render(
    heading,
    h(
      'table',
      { class: 'list' },
      h('caption', { class: 'visually-hidden' }, 'Event destinations'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['URL', 'Events', 'State', 'Last delivery'].map((title) =>
            h('th', { scope: 'col' }, title),
          ),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}
