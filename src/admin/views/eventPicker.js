import { h } from '../dom.js';
import { fieldError } from './formParts.js';

/**
 * The catalog's groups in the product page's order (its five first), then Activepieces' other
 * audit events and Herald's own. A group the catalog does not have is left out.
 */
const GROUP_TITLES = {
  flow: 'Flow events',
  folder: 'Folder events',
  connection: 'Connection events',
  user: 'User events',
  security: 'Security events',
  approval: 'Approval events',
  agent: 'Agent events',
  variable: 'Variable events',
  project: 'Project events',
  herald: 'Herald events (a destination breaks)',
};

function groupFieldset(group, types, selected) {
  const boxes = types.map((entry) =>
    h('input', {
      type: 'checkbox',
      name: 'events',
      value: entry.name,
      id: `event-${entry.name}`,
      checked: selected.has(entry.name),
    }),
  );
  const all = h('input', {
    type: 'checkbox',
    id: `group-${group}`,
    checked: boxes.every((box) => box.checked),
  });
  all.addEventListener('change', () => boxes.forEach((box) => (box.checked = all.checked)));
  boxes.forEach((box) =>
    box.addEventListener('change', () => (all.checked = boxes.every((b) => b.checked))),
  );
  return h(
    'fieldset',
    { class: 'group' },
    h('legend', {}, h('label', {}, all, ` ${GROUP_TITLES[group]} (all)`)),
    types.map((entry, index) =>
      h(
        'label',
        { for: `event-${entry.name}`, class: 'event-type' },
        boxes[index],
        ` ${entry.description} `,
        h('code', {}, entry.name),
      ),
    ),
  );
}

/** Every event type, by group, each with its description; its error clears once one is checked. */
export function eventFieldset(catalog, selected) {
  const groups = Object.keys(GROUP_TITLES)
    .map((group) => [group, catalog.filter((entry) => entry.group === group)])
    .filter(([, types]) => types.length > 0)
    .map(([group, types]) => groupFieldset(group, types, selected));
  const error = fieldError('events');
  const fieldset = h(
    'fieldset',
    { class: 'events', 'aria-describedby': 'events-error' },
    h('legend', {}, 'Events'),
    groups,
    error,
  );
  fieldset.addEventListener('change', () => {
    if (fieldset.querySelector('input[name=events]:checked')) error.textContent = '';
  });
  return fieldset;
}
