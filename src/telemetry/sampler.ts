import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace';

/** OTEL_TRACES_SAMPLER's values, as the OpenTelemetry specification names them. */
export const SAMPLER_NAMES = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;
export type SamplerName = (typeof SAMPLER_NAMES)[number];

/**
 * The specification's default is `parentbased_always_on`: a platform that sampled its request
 * out is not traced here either, and one that sampled it in gets Herald's spans.
 */
export function samplerFrom(name: SamplerName, ratio: number): Sampler {
  const rootOf = (root: string): Sampler => {
    if (root === 'always_off') return new AlwaysOffSampler();
    if (root === 'traceidratio') return new TraceIdRatioBasedSampler(ratio);
    return new AlwaysOnSampler();
  };
  if (name.startsWith('parentbased_')) {
    return new ParentBasedSampler({ root: rootOf(name.slice('parentbased_'.length)) });
  }
  return rootOf(name);
}
