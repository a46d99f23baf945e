import type { SharedServices } from './globalSetup';

export default async function globalTeardown(): Promise<void> {
  const services = (globalThis as { heraldTestServices?: SharedServices }).heraldTestServices;
  for (const stop of (services?.stops ?? []).reverse()) await stop();
}
