/** Durations in config use the `250ms`, `5s`, `10m`, `6h`, `5d` form. */
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION_PATTERN = /^(\d+)(ms|s|m|h|d)$/;

export function parseDuration(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** The largest whole unit that fits: 432000000 → `5d`, 90000 → `90s`. */
export function formatDuration(ms: number): string {
  const units = Object.entries(UNIT_MS).sort(([, a], [, b]) => b - a);
  const [unit, size] = units.find(([, size]) => ms % size === 0) ?? ['ms', 1];
  return `${ms / size}${unit}`;
}
