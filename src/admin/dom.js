/** Builds elements without innerHTML, so text from the API can never become markup. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function render(...children) {
  const main = document.getElementById('main');
  main.replaceChildren(...children);
  main.focus();
}

export function toast(message) {
  const element = document.getElementById('toast');
  element.textContent = message;
  element.classList.add('shown');
  setTimeout(() => element.classList.remove('shown'), 3000);
}

export function formatTime(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

export function statusBadge(status) {
  return h('span', { class: `badge badge-${status}` }, status);
}

/** An attempt's or test's `errorCode` (DESIGN §4) in words. */
const ERROR_CODE_WORDS = {
  blocked: 'Blocked: Herald does not send to this address or URL',
  timeout: 'Timed out: no answer in time',
  tls: 'TLS failed: the certificate or handshake was refused',
  connection: 'Could not connect',
  'http-status': 'The endpoint answered with an error status',
};

export function errorCodeInWords(code) {
  return ERROR_CODE_WORDS[code] ?? code;
}
