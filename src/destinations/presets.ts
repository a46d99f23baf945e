import type { DestinationFormat } from '../delivery/formats';

/**
 * DESIGN §4 `GET /v1/destination-presets`: the observability and SIEM back ends an admin picks
 * from. A preset fills the format, a URL template (its `{placeholders}` are the admin's to
 * fill) and the names of the headers the back end authenticates with; the values are typed by
 * the admin and stored sealed like every header. OTLP back ends get `otlp-protobuf`, the
 * encoding every OTLP/HTTP receiver must accept.
 */
export interface DestinationPreset {
  id: string;
  name: string;
  format: DestinationFormat;
  urlTemplate: string;
  headers: { name: string; valueTemplate: string; secret: boolean }[];
  docsUrl: string;
}

const secret = (name: string, valueTemplate: string) => ({ name, valueTemplate, secret: true });
const plain = (name: string, valueTemplate: string) => ({ name, valueTemplate, secret: false });

export const DESTINATION_PRESETS: readonly DestinationPreset[] = [
  {
    id: 'datadog',
    name: 'Datadog',
    format: 'otlp-protobuf',
    urlTemplate: 'https://otlp.{site}/v1/logs',
    headers: [secret('dd-api-key', '{api-key}'), plain('dd-otlp-source', 'datadog')],
    docsUrl: 'https://docs.datadoghq.com/opentelemetry/',
  },
  {
    id: 'grafana-loki',
    name: 'Grafana Loki',
    format: 'otlp-protobuf',
    urlTemplate: 'https://{loki-host}/otlp/v1/logs',
    headers: [
      secret('Authorization', 'Basic {base64 of user:password}'),
      plain('X-Scope-OrgID', '{tenant}'),
    ],
    docsUrl: 'https://grafana.com/docs/loki/latest/send-data/otel/',
  },
  {
    id: 'grafana-cloud',
    name: 'Grafana Cloud',
    format: 'otlp-protobuf',
    urlTemplate: 'https://otlp-gateway-{zone}.grafana.net/otlp/v1/logs',
    headers: [secret('Authorization', 'Basic {base64 of instance-id:token}')],
    docsUrl: 'https://grafana.com/docs/grafana-cloud/send-data/otlp/',
  },
  {
    id: 'new-relic',
    name: 'New Relic',
    format: 'otlp-protobuf',
    urlTemplate: 'https://otlp.nr-data.net/v1/logs',
    headers: [secret('api-key', '{license-key}')],
    docsUrl: 'https://docs.newrelic.com/docs/opentelemetry/best-practices/opentelemetry-otlp/',
  },
  {
    id: 'honeycomb',
    name: 'Honeycomb',
    format: 'otlp-protobuf',
    urlTemplate: 'https://api.honeycomb.io/v1/logs',
    headers: [secret('x-honeycomb-team', '{api-key}'), plain('x-honeycomb-dataset', '{dataset}')],
    docsUrl: 'https://docs.honeycomb.io/send-data/opentelemetry/',
  },
  {
    id: 'dynatrace',
    name: 'Dynatrace',
    format: 'otlp-protobuf',
    urlTemplate: 'https://{environment-id}.live.dynatrace.com/api/v2/otlp/v1/logs',
    headers: [secret('Authorization', 'Api-Token {token}')],
    docsUrl: 'https://docs.dynatrace.com/docs/ingest-from/opentelemetry/otlp-api',
  },
  {
    id: 'signoz',
    name: 'SigNoz',
    format: 'otlp-protobuf',
    urlTemplate: 'https://ingest.{region}.signoz.cloud/v1/logs',
    headers: [secret('signoz-ingestion-key', '{ingestion-key}')],
    docsUrl: 'https://signoz.io/docs/logs-management/send-logs-to-signoz/',
  },
  {
    id: 'axiom',
    name: 'Axiom',
    format: 'otlp-protobuf',
    urlTemplate: 'https://api.axiom.co/v1/logs',
    headers: [secret('Authorization', 'Bearer {api-token}'), plain('X-Axiom-Dataset', '{dataset}')],
    docsUrl: 'https://axiom.co/docs/send-data/opentelemetry',
  },
  {
    id: 'better-stack',
    name: 'Better Stack',
    format: 'otlp-protobuf',
    urlTemplate: 'https://{ingesting-host}/v1/logs',
    headers: [secret('Authorization', 'Bearer {source-token}')],
    docsUrl: 'https://betterstack.com/docs/logs/open-telemetry/',
  },
  {
    id: 'elastic',
    name: 'Elastic',
    format: 'otlp-protobuf',
    urlTemplate: 'https://{otlp-endpoint}/v1/logs',
    headers: [secret('Authorization', 'ApiKey {api-key}')],
    docsUrl: 'https://www.elastic.co/docs/reference/opentelemetry',
  },
  {
    id: 'posthog',
    name: 'PostHog',
    format: 'otlp-protobuf',
    urlTemplate: 'https://us.i.posthog.com/i/v1/logs',
    headers: [secret('Authorization', 'Bearer {project-api-key}')],
    docsUrl: 'https://posthog.com/docs/logs',
  },
  {
    id: 'splunk-hec',
    name: 'Splunk HTTP Event Collector',
    format: 'splunk-hec',
    urlTemplate: 'https://{splunk-host}:8088/services/collector/event',
    headers: [secret('Authorization', 'Splunk {hec-token}')],
    docsUrl: 'https://docs.splunk.com/Documentation/Splunk/latest/Data/UsetheHTTPEventCollector',
  },
];
