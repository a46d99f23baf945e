import { h } from '../dom.js';

const FORMAT_TITLES = {
  webhook: 'Webhook (signed JSON)',
  'otlp-json': 'OpenTelemetry logs, OTLP/HTTP JSON',
  'otlp-protobuf': 'OpenTelemetry logs, OTLP/HTTP protobuf',
  'splunk-hec': 'Splunk HTTP Event Collector',
};

/**
 * The format select, and on a new destination a preset select above it (DESIGN §4
 * `GET /v1/destination-presets`): picking a preset sets the format and hands the preset to
 * `applyPreset`, which fills the URL template and the header names.
 */
export function formatPicker({ presets, current, applyPreset }) {
  const format = h(
    'select',
    { id: 'format', 'aria-describedby': 'format-error' },
    Object.entries(FORMAT_TITLES).map(([value, title]) =>
      h('option', { value, selected: value === current }, title),
    ),
  );
  const fields = [h('label', { for: 'format' }, 'Format'), format];
  if (presets) {
    const preset = h(
      'select',
      { id: 'preset' },
      h('option', { value: '' }, 'None: a webhook of my own'),
      presets.map((entry) => h('option', { value: entry.id }, entry.name)),
    );
    const docs = h('p', { class: 'hint', role: 'status' });
    preset.addEventListener('change', () => {
      const chosen = presets.find((entry) => entry.id === preset.value);
      docs.replaceChildren();
      if (!chosen) return;
      format.value = chosen.format;
      applyPreset(chosen);
      docs.append(
        'Replace the {placeholders} in the URL and header values. ',
        h('a', { href: chosen.docsUrl, target: '_blank', rel: 'noopener' }, `${chosen.name} docs`),
      );
    });
    fields.unshift(h('label', { for: 'preset' }, 'Send to (preset, optional)'), preset, docs);
  }
  return { fields, format };
}
