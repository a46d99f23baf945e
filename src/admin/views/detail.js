import { api } from '../api.js';
import { errorCodeInWords, formatTime, h, render, statusBadge, toast } from '../dom.js';
import { backfillSection } from './backfills.js';

const STATUSES = ['', 'pending', 'succeeded', 'failed', 'cancelled'];

function secretSection(id) {
  const value = h('code', { id: 'secret-value' }, '••••••••••••••••');
  let secret;
  const reveal = h(
    'button',
    {
      type: 'button',
      onclick: async () => {
        if (secret) {
          secret = undefined;
          value.textContent = '••••••••••••••••';
          reveal.textContent = 'Reveal';
          return;
        }
        secret = (await api('GET', `/v1/event-destinations/${id}/secret`)).signingSecret;
        value.textContent = secret;
        reveal.textContent = 'Hide';
      },
    },
    'Reveal',
  );
  const copy = h(
    'button',
    {
      type: 'button',
      onclick: async () => {
        const { signingSecret } = await api('GET', `/v1/event-destinations/${id}/secret`);
        await navigator.clipboard.writeText(signingSecret).then(
          () => toast('Signing secret copied'),
          () => toast('Copy failed: reveal the secret and copy it by hand'),
        );
      },
    },
    'Copy',
  );
  const rotate = h(
    'button',
    {
      type: 'button',
      onclick: async () => {
        if (
          !confirm(
            'Rotate the signing secret? The old secret keeps signing beside the new one for 24 hours.',
          )
        )
          return;
        secret = (await api('POST', `/v1/event-destinations/${id}/secret/rotate`)).signingSecret;
        value.textContent = secret;
        reveal.textContent = 'Hide';
        toast('Signing secret rotated');
      },
    },
    'Rotate',
  );
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'secret-heading' },
    h('h2', { id: 'secret-heading' }, 'Signing secret'),
    h('p', { class: 'secret' }, value),
    h('div', { class: 'actions' }, reveal, copy, rotate),
    h(
      'p',
      { class: 'hint' },
      'Verify deliveries with any Standard Webhooks library using this secret.',
    ),
  );
}

function attemptsTable(delivery) {
  return h(
    'table',
    { class: 'attempts' },
    h('caption', {}, `Attempts of ${delivery.id}`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['#', 'Started', 'Status', 'Duration', 'Error', 'Response'].map((title) =>
          h('th', { scope: 'col' }, title),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      delivery.attempts.map((attempt) =>
        h(
          'tr',
          {},
          h('td', {}, attempt.attempt),
          h('td', {}, formatTime(attempt.startedAt)),
          h('td', {}, attempt.statusCode ?? '—'),
          h('td', {}, `${attempt.durationMs} ms`),
          h(
            'td',
            { class: 'error' },
            attempt.errorCode ? `${errorCodeInWords(attempt.errorCode)}. ` : '',
            attempt.error ?? '',
          ),
          h(
            'td',
            {},
            attempt.responseBody ? h('pre', { class: 'snippet' }, attempt.responseBody) : '',
          ),
        ),
      ),
    ),
  );
}

function deliveryLog(id) {
  const filter = h(
    'select',
    { id: 'status-filter' },
    STATUSES.map((status) => h('option', { value: status }, status || 'all')),
  );
  const body = h('div', { class: 'log' });
  const cursors = [undefined];

  async function load(pageIndex) {
    const query = new URLSearchParams({ limit: '10' });
    if (filter.value) query.set('status', filter.value);
    if (cursors[pageIndex]) query.set('cursor', cursors[pageIndex]);
    const page = await api('GET', `/v1/event-destinations/${id}/deliveries?${query}`);
    cursors[pageIndex + 1] = page.next ?? undefined;
    const rows = page.data.map((delivery) => {
      const detail = h('div', { class: 'attempts-holder' });
      const expand = h(
        'button',
        {
          type: 'button',
          class: 'link',
          'aria-expanded': 'false',
          onclick: async () => {
            if (detail.childElementCount > 0) {
              detail.replaceChildren();
              expand.setAttribute('aria-expanded', 'false');
              return;
            }
            const full = await api('GET', `/v1/deliveries/${delivery.id}`);
            expand.setAttribute('aria-expanded', 'true');
            detail.replaceChildren(
              attemptsTable(full),
              h(
                'div',
                { class: 'actions' },
                full.temporal.uiUrl &&
                  h(
                    'a',
                    { href: full.temporal.uiUrl, target: '_blank', rel: 'noopener' },
                    'Open workflow in Temporal Web UI',
                  ),
                full.status !== 'pending' &&
                  h(
                    'button',
                    {
                      type: 'button',
                      onclick: async () => {
                        await api('POST', `/v1/deliveries/${delivery.id}/redeliver`);
                        toast('Redelivery started');
                        await load(pageIndex);
                      },
                    },
                    'Redeliver',
                  ),
              ),
            );
          },
        },
        'Attempts',
      );
      return h(
        'li',
        { class: 'delivery' },
        h(
          'div',
          { class: 'delivery-line' },
          statusBadge(delivery.status),
          ` ${delivery.eventId} · ${delivery.attemptCount} attempt(s) · ${formatTime(delivery.lastAttemptAt ?? delivery.createdAt)} `,
          expand,
        ),
        detail,
      );
    });
    body.replaceChildren(
      rows.length
        ? h('ul', { class: 'deliveries' }, rows)
        : h('p', { class: 'hint' }, 'No deliveries yet.'),
      h(
        'div',
        { class: 'actions' },
        pageIndex > 0 &&
          h('button', { type: 'button', onclick: () => load(pageIndex - 1) }, 'Newer'),
        page.next && h('button', { type: 'button', onclick: () => load(pageIndex + 1) }, 'Older'),
      ),
    );
  }
  filter.addEventListener('change', () => {
    cursors.length = 1;
    load(0);
  });
  load(0);
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'log-heading' },
    h('h2', { id: 'log-heading' }, 'Delivery log'),
    h('label', { for: 'status-filter' }, 'Status '),
    filter,
    body,
  );
}

export async function showDetail(id) {
  const destination = await api('GET', `/v1/event-destinations/${id}`);
  const toggle = h(
    'button',
    {
      type: 'button',
      onclick: async () => {
        await api('PATCH', `/v1/event-destinations/${id}`, { enabled: !destination.enabled });
        toast(destination.enabled ? 'Destination disabled' : 'Destination enabled');
        await showDetail(id);
      },
    },
    destination.enabled ? 'Disable' : 'Enable',
  );
  const remove = h(
    'button',
    {
      type: 'button',
      class: 'danger',
      onclick: async () => {
        if (!confirm(`Delete ${destination.url}? Its pending retries stop.`)) return;
        await api('DELETE', `/v1/event-destinations/${id}`);
        toast('Destination deleted');
        location.hash = '#/destinations';
      },
    },
    'Delete',
  );
  render(
    h(
      'div',
      { class: 'heading' },
      h('h1', { class: 'url' }, destination.url),
      h(
        'div',
        { class: 'actions' },
        h('a', { class: 'button', href: `#/destinations/${id}/edit` }, 'Edit'),
        toggle,
        remove,
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h(
        'p',
        {},
        destination.enabled ? statusBadge('enabled') : statusBadge('disabled'),
        destination.disabledReason &&
          ` ${destination.disabledReason} (${formatTime(destination.disabledAt)})`,
      ),
      destination.description && h('p', {}, destination.description),
      h('p', {}, h('strong', {}, 'Events: '), destination.events.join(', ')),
      Object.keys(destination.headers).length > 0 &&
        h('p', {}, h('strong', {}, 'Headers: '), Object.keys(destination.headers).join(', ')),
    ),
    secretSection(id),
    backfillSection(id),
    deliveryLog(id),
  );
}
