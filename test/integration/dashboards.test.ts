import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { requireTestEnv } from '../support/environment';
import { useHeraldWithReceiver } from '../support/herald';

/**
 * deploy/grafana/herald-dashboard.json and deploy/prometheus/herald-alerts.yml use only metric
 * names Herald's /metrics serves, and the rules have the shape Prometheus loads.
 */
const ctx = useHeraldWithReceiver();
const DEPLOY = path.resolve(__dirname, '../../deploy');

const dashboard = JSON.parse(
  readFileSync(path.join(DEPLOY, 'grafana/herald-dashboard.json'), 'utf8'),
);
const rules = parse(readFileSync(path.join(DEPLOY, 'prometheus/herald-alerts.yml'), 'utf8')) as {
  groups: { name: string; rules: Record<string, unknown>[] }[];
};
const dashboardExpressions: string[] = dashboard.panels.flatMap(
  (panel: { targets: { expr: string }[] }) => panel.targets.map((target) => target.expr),
);
const ruleExpressions = rules.groups.flatMap((group) =>
  group.rules.map((rule) => String(rule.expr)),
);

/** Herald's metric families as /metrics declares them (`# TYPE name kind`). */
async function servedFamilies(): Promise<Map<string, string>> {
  const answer = await fetch(`${ctx.herald.apiUrl}/metrics`);
  const text = await answer.text();
  return new Map(
    [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((match) => [match[1]!, match[2]!] as const),
  );
}

/** A series name as an expression uses it, back to its family (`…_bucket` of a histogram). */
function familyOf(series: string, families: Map<string, string>): string {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    const base = series.slice(0, -suffix.length);
    if (series.endsWith(suffix) && families.get(base) === 'histogram') return base;
  }
  return series;
}

it('uses only metrics Herald serves, in the dashboard and in the alert rules', async () => {
  const families = await servedFamilies();
  const used = [...dashboardExpressions, ...ruleExpressions].flatMap((expr) =>
    [...expr.matchAll(/\bherald_[a-z_]+/g)].map((match) => familyOf(match[0], families)),
  );
  expect(used.length).toBeGreaterThan(20);
  expect([...new Set(used)].filter((name) => !families.has(name))).toEqual([]);
});

it('shows what OPERATIONS.md asks a dashboard for', () => {
  const titles = dashboard.panels.map((panel: { title: string }) => panel.title).join(' | ');
  for (const topic of [
    /Ingest rate/,
    /Ingest latency/,
    /Deliveries finished/,
    /status class/,
    /retry/,
    /Disabled destinations/,
    /Temporal client errors/,
    /memory/,
  ])
    expect(titles).toMatch(topic);
});

it('has alert rules Prometheus can load: a name, an expression, a severity and a summary each', () => {
  const alerts = rules.groups.flatMap((group) => group.rules);
  expect(alerts.length).toBeGreaterThanOrEqual(12);
  for (const rule of alerts) {
    expect(rule).toEqual(
      expect.objectContaining({
        alert: expect.stringMatching(/^Herald[A-Za-z]+$/),
        expr: expect.any(String),
        labels: { severity: expect.stringMatching(/^(page|ticket|info)$/) },
        annotations: expect.objectContaining({ summary: expect.any(String) }),
      }),
    );
    if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smh]$/);
  }
  expect(new Set(alerts.map((rule) => rule.alert)).size).toBe(alerts.length);
});

it('passes promtool check rules (promtool built from github.com/prometheus/prometheus)', () => {
  const output = execFileSync(
    requireTestEnv('promtool'),
    ['check', 'rules', path.join(DEPLOY, 'prometheus/herald-alerts.yml')],
    { encoding: 'utf8' },
  );
  expect(output).toMatch(/SUCCESS: \d+ rules found/);
});
