/**
 * The sum of the samples of `name` in a Prometheus text exposition whose labels include
 * `labels` (so unnamed labels are summed over); undefined when there is none.
 */
export function sampleValue(
  exposition: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  let sum: number | undefined;
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = match[2] ? match[2].split(',') : [];
    if (wanted.every((pair) => present.includes(pair))) sum = (sum ?? 0) + Number(match[3]);
  }
  return sum;
}
