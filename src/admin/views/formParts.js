import { errorCodeInWords, h } from '../dom.js';

/** One custom header's name and value inputs; `hint` shows what a preset expects as value. */
export function headerRow(name = '', value = '', hint = 'value') {
  const row = h(
    'div',
    { class: 'header-row' },
    h('input', {
      'aria-label': 'Header name',
      class: 'header-name',
      value: name,
      placeholder: 'X-Api-Key',
    }),
    h('input', {
      'aria-label': 'Header value',
      class: 'header-value',
      value,
      placeholder: hint,
    }),
    h('button', { type: 'button', class: 'link', onclick: () => row.remove() }, 'Remove'),
  );
  return row;
}

/** A test delivery's answer: delivered or not, why, and the body as it was sent. */
export function testResult(result) {
  return h(
    'div',
    { class: `card test-result ${result.ok ? 'ok' : 'failed'}`, role: 'status' },
    h(
      'p',
      {},
      h('strong', {}, result.ok ? 'Delivered' : 'Not delivered'),
      result.status ? ` · HTTP ${result.status}` : '',
      ` · ${result.durationMs} ms`,
    ),
    result.errorCode && h('p', { class: 'error' }, errorCodeInWords(result.errorCode)),
    result.error && h('p', { class: 'error' }, result.error),
    h(
      'details',
      { open: true },
      h('summary', {}, 'Rendered body'),
      h('pre', {}, JSON.stringify(JSON.parse(result.renderedBody), null, 2)),
    ),
  );
}

/** Where a field's error shows (`<id>-error`), announced as it changes. */
export function fieldError(id) {
  return h('p', { class: 'error field-error', id: `${id}-error`, role: 'alert' });
}
