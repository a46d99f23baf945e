import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function statFields(pid: number): string[] {
  // Fields after the command name, which may itself hold spaces: field 3 (state) is index 0.
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
}

/**
 * CPU seconds (user + system) a process and its children have used, from /proc: its own, its
 * reaped children's (Postgres backends that have exited), and its live children's.
 */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const fields = statFields(pid);
    let ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const child = statFields(Number(entry));
        if (Number(child[1]) === pid) ticks += Number(child[11]) + Number(child[12]);
      } catch {
        // The process ended while we looked.
      }
    }
    return ticks / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

function statusKb(pid: number, field: string): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${field}:`));
  return line ? Number(line.split(/\s+/)[1]) : NaN;
}

/** Current and peak resident memory in MiB (VmRSS, VmHWM). */
export function memoryMiB(pid: number | undefined): { rss: number; peak: number } {
  if (pid === undefined) return { rss: NaN, peak: NaN };
  try {
    return { rss: statusKb(pid, 'VmRSS') / 1024, peak: statusKb(pid, 'VmHWM') / 1024 };
  } catch {
    return { rss: NaN, peak: NaN };
  }
}
