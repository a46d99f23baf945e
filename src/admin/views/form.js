import { api, ApiProblem } from '../api.js';
import { h, render, toast } from '../dom.js';
import { eventFieldset } from './eventPicker.js';
import { formatPicker } from './formats.js';
import { fieldError, headerRow, testResult } from './formParts.js';

const MASKED = '********';

/** Inline check before the API's own: https and length (the API repeats it and names the field). */
function urlProblem(value) {
  if (!value) return 'Enter the URL of your endpoint.';
  if (value.length > 2048) return 'At most 2048 characters.';
  try {
    if (new URL(value).protocol !== 'https:') return 'The URL must use https.';
  } catch {
    return 'Enter an absolute URL such as https://example.com/hooks/herald.';
  }
  return '';
}

/** What the filter test starts from: an envelope as destinations receive it. */
const SAMPLE_ENVELOPE = {
  type: 'flow.run.finished',
  projectId: null,
  data: { flowRun: { status: 'FAILED' } },
};

export async function showForm(id) {
  const [catalog, existing, presets] = await Promise.all([
    api('GET', '/v1/event-types').then((answer) => answer.data),
    id ? api('GET', `/v1/event-destinations/${id}`) : undefined,
    // Presets start a new destination; an existing one keeps its own URL and headers.
    id ? undefined : api('GET', '/v1/destination-presets').then((answer) => answer.data),
  ]);
  const url = h('input', {
    id: 'url',
    type: 'url',
    required: true,
    value: existing?.url ?? '',
    'aria-describedby': 'url-error',
  });
  const description = h('input', {
    id: 'description',
    value: existing?.description ?? '',
    'aria-describedby': 'description-error',
  });
  const filter = h('textarea', {
    id: 'filter',
    rows: 3,
    placeholder: '{"data.flowRun.status": {"$in": ["FAILED", "TIMEOUT"]}}',
    'aria-describedby': 'filter-error',
  });
  filter.value = existing?.filter ? JSON.stringify(existing.filter, null, 2) : '';
  const filterEvent = h('textarea', { id: 'filter-event', rows: 3 });
  filterEvent.value = JSON.stringify(SAMPLE_ENVELOPE, null, 2);
  const filterVerdict = h('p', { class: 'hint', role: 'status' });
  const redact = h('input', {
    id: 'redact',
    value: (existing?.redact ?? []).join(', '),
    placeholder: 'data.user.email, data.ip',
    'aria-describedby': 'redact-error',
  });
  const enabled = h('input', {
    id: 'enabled',
    type: 'checkbox',
    checked: existing ? existing.enabled : true,
  });
  const headers = h(
    'div',
    { class: 'headers' },
    Object.entries(existing?.headers ?? {}).map(([name, value]) => headerRow(name, value)),
  );
  const events = eventFieldset(catalog, new Set(existing?.events ?? []));
  const picker = formatPicker({
    presets,
    current: existing?.format ?? 'webhook',
    applyPreset: (preset) => {
      url.value = preset.urlTemplate;
      headers.replaceChildren(
        ...preset.headers.map((header) =>
          headerRow(header.name, header.secret ? '' : header.valueTemplate, header.valueTemplate),
        ),
      );
    },
  });
  const formError = h('p', { class: 'error', role: 'alert' });
  const testArea = h('div', {});
  const showUrlProblem = () =>
    (document.getElementById('url-error').textContent = urlProblem(url.value.trim()));
  url.addEventListener('blur', showUrlProblem);
  // Typing clears a complaint as soon as the URL is right, without nagging while it is not.
  url.addEventListener('input', () => urlProblem(url.value.trim()) === '' && showUrlProblem());

  function readHeaders() {
    return Object.fromEntries(
      [...headers.querySelectorAll('.header-row')]
        .map((row) => [
          row.querySelector('.header-name').value.trim(),
          row.querySelector('.header-value').value,
        ])
        .filter(([name]) => name),
    );
  }
  function showProblems(problem) {
    form.querySelectorAll('.field-error').forEach((element) => (element.textContent = ''));
    formError.textContent = problem.message;
    for (const error of problem.errors) {
      const field = error.path.split(/[.[]/)[0] || 'form';
      const target = document.getElementById(`${field}-error`);
      if (target) target.textContent = `${target.textContent} ${error.message}`.trim();
    }
  }

  /** The filter as JSON, null when empty; a parse error is shown under the field. */
  function readFilter() {
    const text = filter.value.trim();
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch {
      document.getElementById('filter-error').textContent = 'is not valid JSON';
      return undefined;
    }
  }
  async function testFilter() {
    document.getElementById('filter-error').textContent = '';
    const parsedFilter = readFilter();
    if (parsedFilter === undefined) return;
    try {
      const { matches } = await api('POST', '/v1/event-destinations/filter/test', {
        filter: parsedFilter ?? {},
        event: JSON.parse(filterEvent.value),
      });
      filterVerdict.textContent = matches ? 'The event matches.' : 'The event does not match.';
    } catch (problem) {
      filterVerdict.textContent = '';
      if (problem instanceof ApiProblem) showProblems(problem);
      else
        document.getElementById('filter-error').textContent = 'the sample event is not valid JSON';
    }
  }

  async function runTest() {
    testArea.replaceChildren(h('p', { class: 'hint' }, 'Sending a test event…'));
    try {
      const sentHeaders = Object.fromEntries(
        Object.entries(readHeaders()).filter(([, value]) => value !== MASKED),
      );
      const result = await api('POST', '/v1/event-destinations/test', {
        url: url.value.trim(),
        format: picker.format.value,
        headers: sentHeaders,
      });
      testArea.replaceChildren(testResult(result));
    } catch (problem) {
      testArea.replaceChildren();
      if (problem instanceof ApiProblem) showProblems(problem);
      else throw problem;
    }
  }

  const form = h(
    'form',
    {
      class: 'card',
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const parsedFilter = readFilter();
        if (parsedFilter === undefined) return;
        const body = {
          filter: parsedFilter,
          redact: redact.value
            .split(',')
            .map((path) => path.trim())
            .filter(Boolean),
          url: url.value.trim(),
          format: picker.format.value,
          events: [...form.querySelectorAll('input[name=events]:checked')].map((box) => box.value),
          description: description.value.trim() || null,
          headers: readHeaders(),
          enabled: enabled.checked,
        };
        const inline = urlProblem(body.url);
        if (inline) return (document.getElementById('url-error').textContent = inline);
        try {
          const saved = await api(
            id ? 'PATCH' : 'POST',
            id ? `/v1/event-destinations/${id}` : '/v1/event-destinations',
            body,
          );
          toast(id ? 'Destination saved' : 'Destination created');
          location.hash = `#/destinations/${saved.id}`;
        } catch (problem) {
          if (problem instanceof ApiProblem) showProblems(problem);
          else throw problem;
        }
      },
    },
    ...picker.fields,
    fieldError('format'),
    h('label', { for: 'url' }, 'Endpoint URL (HTTPS)'),
    url,
    fieldError('url'),
    events,
    h('label', { for: 'description' }, 'Description (optional)'),
    description,
    fieldError('description'),
    h('label', { for: 'filter' }, 'Filter (JSON operators, optional)'),
    filter,
    fieldError('filter'),
    h(
      'details',
      {},
      h('summary', {}, 'Test the filter'),
      h('label', { for: 'filter-event' }, 'Sample event'),
      filterEvent,
      h('button', { type: 'button', onclick: testFilter }, 'Test filter'),
      filterVerdict,
    ),
    h('label', { for: 'redact' }, 'Redacted paths (comma-separated, optional)'),
    redact,
    fieldError('redact'),
    h(
      'fieldset',
      { 'aria-describedby': 'headers-error' },
      h('legend', {}, 'Custom headers (values are hidden once saved)'),
      headers,
      h(
        'button',
        { type: 'button', class: 'link', onclick: () => headers.append(headerRow()) },
        'Add header',
      ),
      fieldError('headers'),
    ),
    h('label', { class: 'inline' }, enabled, ' Enabled'),
    formError,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', onclick: runTest }, 'Test destination'),
      h(
        'button',
        { type: 'submit', class: 'primary' },
        id ? 'Save destination' : 'Create destination',
      ),
      h('a', { href: id ? `#/destinations/${id}` : '#/destinations' }, 'Cancel'),
    ),
  );
  // The summary above the buttons goes once every field it was about is right again.
  form.addEventListener('change', () => {
    const open = [...form.querySelectorAll('.field-error')].some((error) => error.textContent);
    if (!open) formError.textContent = '';
  });
  render(h('h1', {}, id ? 'Edit destination' : 'Create destination'), form, testArea);
  url.focus();
}
