/**
 * `bench:fairness`'s tenant A, in a process of its own: four hosts that accept and never answer,
 * a platform with 24 destinations on them, and its load (events to those destinations, test
 * deliveries to a hanging host at its admin rate limit). A's client and hosts are someone else's
 * machines: in B's event loop their TLS handshakes and held sockets would delay B's receiver and
 * clock, and at Herald's CPU priority they would take the shared cores from Herald itself.
 */
import { apiClient, TEST_ROOT_TOKEN } from '../test/support/herald';
import { startTarpit } from '../test/support/receiver';
import { ingestCall, outcomesOf } from './harness';
import { openLoop } from './load';
import { benchProcess, benchProcessData, nextMessage } from './threads';

interface HostileSetup {
  apiUrl: string;
  adminRate: number;
}
interface HostileRun {
  eventsPerSecond: number;
  seconds: number;
}
export interface HostileAnswers {
  ingestAnswers: Record<string, number>;
  testAnswers: Record<string, number>;
  attemptsHangingAtEnd: number;
  /** Requests A's hosts received in each second of the run: when its attempts stopped coming. */
  hostRequestsPerSecond: number[];
}
type Command = { run: HostileRun } | { stop: true };

const DESTINATIONS_PER_HOST = 6;

async function serveHostileTenant(setup: HostileSetup): Promise<void> {
  const tarpits = await Promise.all(Array.from({ length: 4 }, () => startTarpit()));
  const api = apiClient(setup.apiUrl);
  const created = await api('POST', '/v1/platforms', {
    token: TEST_ROOT_TOKEN,
    body: { name: 'hostile' },
  });
  const { admin, ingest } = created.body.apiKeys as { admin: string; ingest: string };
  for (const tarpit of tarpits) {
    for (let n = 0; n < DESTINATIONS_PER_HOST; n++) {
      await api('POST', '/v1/event-destinations', {
        token: admin,
        body: { url: tarpit.url(`/hang/${n}`), events: ['flow.created'] },
      });
    }
  }
  const send = (message: unknown) => process.send!(message);
  process.on('disconnect', () => process.exit(0));
  process.on('message', (command: Command) => {
    if ('stop' in command) {
      void Promise.all(tarpits.map((tarpit) => tarpit.stop())).then(() => send('stopped'));
      return;
    }
    const { eventsPerSecond, seconds } = command.run;
    const startedAt = Date.now();
    void Promise.all([
      openLoop(eventsPerSecond, seconds, () =>
        ingestCall({ apiUrl: setup.apiUrl }, ingest, 'flow.created'),
      ),
      openLoop(setup.adminRate, seconds, async () => {
        const answer = await api('POST', '/v1/event-destinations/test', {
          token: admin,
          body: { url: tarpits[0]!.url('/test') },
        });
        return String(answer.status);
      }),
    ]).then(([ingestCalls, testCalls]) => {
      const answers: HostileAnswers = {
        ingestAnswers: outcomesOf(ingestCalls.settled).counts,
        testAnswers: outcomesOf(testCalls.settled).counts,
        attemptsHangingAtEnd: tarpits.reduce((sum, tarpit) => sum + tarpit.holding(), 0),
        hostRequestsPerSecond: perSecondSince(
          startedAt,
          seconds,
          tarpits.flatMap((tarpit) => tarpit.arrivals()),
        ),
      };
      send(answers);
    });
  });
  send('ready');
}

function perSecondSince(startedAt: number, seconds: number, times: readonly number[]): number[] {
  const counts = new Array<number>(seconds).fill(0);
  for (const time of times) {
    const second = Math.floor((time - startedAt) / 1000);
    if (second >= 0 && second < seconds) counts[second]! += 1;
  }
  return counts;
}

const setup = (benchProcessData() as { hostileTenant?: HostileSetup } | undefined)?.hostileTenant;
if (setup) void serveHostileTenant(setup);

/** Starts tenant A in its own process; `run` offers its load for `seconds` and answers what A got. */
export async function startHostileTenant(setup: HostileSetup) {
  const tenant = benchProcess(__filename, { hostileTenant: setup });
  await nextMessage<'ready'>(tenant);
  return {
    run: async (load: HostileRun) => {
      const answers = nextMessage<HostileAnswers>(tenant);
      tenant.send({ run: load } satisfies Command);
      return answers;
    },
    stop: async () => {
      const stopped = nextMessage<'stopped'>(tenant);
      tenant.send({ stop: true } satisfies Command);
      await stopped;
      tenant.disconnect();
    },
  };
}
