/**
 * A real OTLP back end for the format tests: the OpenTelemetry Collector of `tools/otelcol`
 * (the OTLP receiver and the debug exporter, built from Go modules), listening for OTLP/HTTP
 * with the test receiver's certificate. What it accepted is read back from its own output.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { locateGo } from '../../src/temporal/cli';
import { findFreePort } from '../../src/runtime/ports';
import { pollUntil } from '../../src/runtime/poll';
import { RECEIVER_CERT, RECEIVER_KEY, requireTestEnv } from './environment';

const TOOL_DIR = path.resolve(__dirname, '../../tools/otelcol');
const SOURCES = ['go.mod', 'go.sum', 'main.go'];

/** The binary under `<dataDir>/bin`, built again only when the module's sources change. */
export function ensureCollector(
  dataDir: string,
  log: (line: string) => void = (line) => console.log(line),
): string {
  const binary = path.resolve(dataDir, 'bin', 'herald-otelcol');
  const stamp = `${binary}.sources-sha256`;
  const digest = createHash('sha256');
  for (const file of SOURCES) digest.update(readFileSync(path.join(TOOL_DIR, file)));
  const wanted = digest.digest('hex');
  if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted)
    return binary;
  const go = locateGo();
  if (!go)
    throw new Error(
      'The OTLP format tests need Go to build tools/otelcol (an OpenTelemetry Collector); install Go (/usr/local/go/bin/go).',
    );
  mkdirSync(path.dirname(binary), { recursive: true });
  log(`Building the test collector (tools/otelcol) into ${binary}.`);
  const startedAt = Date.now();
  const build = spawnSync(go, ['build', '-o', binary, '.'], {
    cwd: TOOL_DIR,
    env: { ...process.env, CGO_ENABLED: '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) throw new Error(`go build of tools/otelcol exited with ${build.status}`);
  writeFileSync(stamp, wanted);
  log(`Test collector built in ${Math.round((Date.now() - startedAt) / 1000)}s.`);
  return binary;
}

/** One item (a log record, a span) as the debug exporter printed it, with its resource and scope. */
interface DebugItem {
  resource: Record<string, string>;
  scope: string;
  fields: Record<string, string>;
  attributes: Record<string, string>;
}

/**
 * Walks the debug exporter's `verbosity: detailed` output: resource attributes, the scope, then
 * each item (from a line matching `itemStart`) with its `field` lines and its attributes.
 */
function parseDebugItems(output: string, itemStart: RegExp, field: RegExp): DebugItem[] {
  const items: DebugItem[] = [];
  let resource: Record<string, string> = {};
  let scope = '';
  let current: DebugItem | undefined;
  let section: 'resource' | 'attributes' | undefined;
  for (const line of output.split('\n')) {
    const attribute = /^\s+-> ([^:]+): (.*)$/.exec(line);
    if (attribute && section) {
      const target = section === 'resource' ? resource : current!.attributes;
      target[attribute[1]!] = attribute[2]!;
      continue;
    }
    section = undefined;
    const fieldLine = field.exec(line);
    if (line.startsWith('Resource attributes:')) {
      resource = {};
      section = 'resource';
    } else if (line.startsWith('InstrumentationScope ')) {
      scope = line.slice('InstrumentationScope '.length).trim().split(' ')[0]!;
    } else if (itemStart.test(line)) {
      current = { resource, scope, fields: {}, attributes: {} };
      items.push(current);
    } else if (current && fieldLine) {
      current.fields[fieldLine[1]!] = fieldLine[2]!.trim();
    } else if (current && line.startsWith('Attributes:')) section = 'attributes';
  }
  return items;
}

/** One log record as the debug exporter printed it; values keep its typing, `Str(FAILED)`. */
export interface CollectedRecord {
  resource: Record<string, string>;
  scope: string;
  eventName: string;
  severityText: string;
  severityNumber: string;
  timestamp: string;
  body: string;
  attributes: Record<string, string>;
}

export function parseDebugOutput(output: string): CollectedRecord[] {
  return parseDebugItems(
    output,
    /^LogRecord #\d+/,
    /^(EventName|SeverityText|SeverityNumber|Timestamp|Body): (.*)$/,
  ).map(({ resource, scope, fields, attributes }) => ({
    resource,
    scope,
    eventName: fields.EventName ?? '',
    severityText: fields.SeverityText ?? '',
    severityNumber: fields.SeverityNumber ?? '',
    timestamp: fields.Timestamp ?? '',
    body: fields.Body ?? '',
    attributes,
  }));
}

/** One span as the debug exporter printed it. */
export interface CollectedSpan {
  resource: Record<string, string>;
  scope: string;
  traceId: string;
  parentId: string;
  id: string;
  name: string;
  kind: string;
  statusCode: string;
  attributes: Record<string, string>;
}

export function parseDebugSpans(output: string): CollectedSpan[] {
  return parseDebugItems(
    output,
    /^Span #\d+/,
    /^\s+(Trace ID|Parent ID|ID|Name|Kind|Status code)\s*: ?(.*)$/,
  ).map(({ resource, scope, fields, attributes }) => ({
    resource,
    scope,
    traceId: fields['Trace ID'] ?? '',
    parentId: fields['Parent ID'] ?? '',
    id: fields.ID ?? '',
    name: fields.Name ?? '',
    kind: fields.Kind ?? '',
    statusCode: fields['Status code'] ?? '',
    attributes,
  }));
}

/**
 * Starts the collector globalSetup built (or `binary`), on a free port. `basic` verbosity prints
 * counts only: for a load, where the records themselves are not read.
 */
export async function startCollector(
  options: { binary?: string; verbosity?: 'detailed' | 'basic' } = {},
) {
  const binary = options.binary ?? requireTestEnv('collector');
  const port = await findFreePort();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'herald-otelcol-'));
  const config = path.join(workDir, 'config.yaml');
  writeFileSync(
    config,
    [
      'receivers:',
      '  otlp:',
      '    protocols:',
      '      http:',
      `        endpoint: 127.0.0.1:${port}`,
      '        tls:',
      `          cert_file: ${RECEIVER_CERT}`,
      `          key_file: ${RECEIVER_KEY}`,
      'exporters:',
      '  debug:',
      `    verbosity: ${options.verbosity ?? 'detailed'}`,
      'service:',
      '  telemetry:',
      '    metrics:',
      '      level: none',
      '  pipelines:',
      '    logs:',
      '      receivers: [otlp]',
      '      exporters: [debug]',
      '    traces:',
      '      receivers: [otlp]',
      '      exporters: [debug]',
      '',
    ].join('\n'),
  );
  let output = '';
  const child: ChildProcess = spawn(binary, ['--config', config], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await pollUntil('the collector to start', 30_000, async () =>
    output.includes('Everything is ready') ? true : undefined,
  );
  return {
    /** The OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT), by the certificate's name. */
    endpoint: `https://localhost:${port}`,
    /** The OTLP/HTTP logs endpoint. */
    logsUrl: `https://localhost:${port}/v1/logs`,
    records: () => parseDebugOutput(output),
    spans: () => parseDebugSpans(output),
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export type Collector = Awaited<ReturnType<typeof startCollector>>;
