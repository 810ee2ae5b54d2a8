/** @module Case what-if bench: replay of 10k stored cases (libSQL file, read in pages) through a draft with one routing row and one SLA limit changed, against routing the same cases with the published rules in a plain loop. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createScryptHasher, nodeTokens, uuidIds } from '../engine/adapters/crypto/node-crypto.ts';
import { openStore } from '../engine/adapters/db/libsql-store.ts';
import { activeCaseRules, compileRules } from '../engine/app/cases/rules.ts';
import { replayCases } from '../engine/app/cases/what-if.ts';
import { routingRecordOf } from '../engine/app/cases/intake-case.ts';
import { type AppDeps, DEFAULT_AUTH_SETTINGS } from '../engine/app/context.ts';
import { getActiveRuleSet } from '../engine/app/rule-sets/get-active-rule-set.ts';
import { seedDemo } from '../engine/app/seed-demo.ts';
import { type CaseInput, routeCase } from '../engine/core/routing/routing.ts';
import { replayWindow } from '../engine/core/routing/what-if.ts';
import type { TimerState } from '../engine/core/workflow/case-state.ts';
import type { CaseRecord } from '../engine/ports/cases.ts';
import { compared, measured } from './support/results.ts';
import type { BenchResult, BenchSuite } from './types.ts';

const CASES = 10_000;
const MONTHS = 3;
const root = resolve(import.meta.dirname, '..');
const read = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as unknown;

/** The seed workflow's intake channels but approval (the bench's cases are all complaints and requests). */
const CHANNELS = (
  read('seeds/rulesets/cases-2026.json') as { documents: { kind: string; channels?: { code: string }[] }[] }
).documents
  .flatMap((d) => (d.kind === 'workflow' ? (d.channels ?? []) : []))
  .map((c) => c.code)
  .filter((c) => c !== 'approval');
const TEXTS = [
  '楼下工地夜间打桩施工噪音很大',
  '路口有流动摊贩占道经营',
  '小区垃圾三天没有清运',
  '闻到很重的煤气味，怀疑燃气泄漏',
  '工厂机器轰鸣影响休息',
  '公司拖欠三个月工资',
  '咨询社保缴纳政策',
];

/** A deterministic pseudo-random sequence (the bench is the same on every run). */
function sequence(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/** A libSQL file store with the demo district and 10k cases, the draft's content and the routed inputs. */
export async function prepareBench() {
  const dir = mkdtempSync(join(tmpdir(), 'baton-case-what-if-bench-'));
  const store = await openStore(`file:${join(dir, 'baton.db')}`);
  const close = async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const now = new Date(Date.parse('2026-05-11T01:00:00.000Z'));
    const deps: AppDeps = {
      store,
      clock: { now: () => new Date(now) },
      ids: uuidIds,
      hasher: createScryptHasher({ N: 1024, r: 8, p: 1, keyLength: 32, saltLength: 16 }),
      tokens: nodeTokens,
      auth: DEFAULT_AUTH_SETTINGS,
    };
    await seedDemo(deps, {
      units: read('seeds/units.json') as never,
      ruleSets: [read('seeds/rulesets/district-2026-full.json'), read('seeds/rulesets/cases-2026.json')],
      calendars: [read('seeds/calendars/cn-2026.json')],
    });
    const published = await activeCaseRules(deps);
    const categories = [...published.categories.keys()];
    const streets = ((read('seeds/units.json') as { id: string; kind: string }[]) ?? [])
      .filter((u) => u.kind === 'street')
      .map((u) => u.id);

    // 10k cases spread over the window, routed by the published rules; half of them dispatched.
    const window = replayWindow(now.toISOString(), MONTHS);
    const from = Date.parse(window.from);
    const span = now.getTime() - from;
    const random = sequence(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const inputs: { input: CaseInput; receivedAt: string }[] = [];
    for (let i = 0; i < CASES; i++) {
      const text = pick(TEXTS);
      inputs.push({
        receivedAt: new Date(from + Math.floor(((i + 0.5) / CASES) * span)).toISOString(),
        input: {
          category: i % 3 === 0 ? 'environment.noise' : pick(categories),
          channel: pick(CHANNELS),
          text,
          requesterType: random() < 0.2 ? 'enterprise' : 'citizen',
          streetId: pick(streets),
        },
      });
    }
    for (let start = 0; start < CASES; start += 500) {
      await store.transaction(async (tx) => {
        for (let i = start; i < Math.min(start + 500, CASES); i++) {
          const { input, receivedAt } = inputs[i]!;
          const decision = routeCase(published.routing, input, {
            asOf: published.defaultCalendar.toLocalIso(receivedAt).slice(0, 10),
          });
          const handle: TimerState | undefined =
            i % 2 === 0
              ? {
                  name: 'handle',
                  status: 'running',
                  run: 1,
                  startedAt: new Date(Date.parse(receivedAt) + 3_600_000).toISOString(),
                  pauses: [],
                  extensions: [],
                }
              : undefined;
          const record: CaseRecord = {
            id: `case-${i}`,
            number: `B-${String(i).padStart(6, '0')}`,
            channel: input.channel!,
            externalId: null,
            category: input.category,
            status: handle ? 'dispatched' : 'pendingDispatch',
            priority: decision.priority,
            leadUnitId: decision.leadUnitId,
            assistingUnitIds: decision.assistingUnitIds,
            ruleSetId: published.ruleSetId,
            ruleSetVersion: published.version,
            slaPolicyId: decision.slaPolicyId,
            workflowId: published.workflow.id,
            queryPasswordHash: 'x',
            text: input.text!,
            data: {},
            requester: { type: input.requesterType },
            location: { streetId: input.streetId },
            routing: routingRecordOf(decision, published.version),
            state: { timers: handle ? { handle } : {} } as never,
            timers: {},
            slaLight: 'none',
            dueAt: null,
            waitingRoles: [],
            waitingUnitIds: [],
            supervisionLevel: 0,
            eventCount: 2,
            nextCheckAt: null,
            createdAt: receivedAt,
            updatedAt: receivedAt,
          };
          await tx.cases.insert(record);
        }
      });
    }

    // The draft: construction noise goes to urban management; normal standard cases get 7 working days.
    const active = (await getActiveRuleSet(deps, { ruleSetId: published.ruleSetId }))!;
    const content = structuredClone(active.content) as { documents: Record<string, any>[] };
    const table = content.documents.find((d) => d.kind === 'routingTable')!;
    table.table.rules.find((r: { id: string }) => r.id === 'r-noise-construction').outputs[0] =
      'dept-urban-management';
    const sla = content.documents.find((d) => d.kind === 'slaPolicy' && d.id === 'sla-standard')!;
    sla.limits.find((l: { priority: string }) => l.priority === 'normal').handle = {
      amount: 7,
      unit: 'workingDays',
    };

    return { deps, published, active, content, inputs, window, close };
  } catch (error) {
    await close();
    throw error;
  }
}

const suite: BenchSuite = {
  name: 'cases-what-if',
  async run(): Promise<BenchResult[]> {
    const { deps, published, active, content, inputs, window, close } = await prepareBench();
    try {
      // Baseline: routing the same cases with the published rules in a plain loop.
      const baseStart = performance.now();
      let routed = 0;
      for (const { input, receivedAt } of inputs) {
        const d = routeCase(published.routing, input, {
          asOf: published.defaultCalendar.toLocalIso(receivedAt).slice(0, 10),
        });
        if (d.leadUnitId) routed++;
      }
      const baseline = (performance.now() - baseStart) / 1000;

      // What-if: compile the draft, read the cases in pages, replay, tally, name.
      const start = performance.now();
      const draft = compileRules(published.ruleSetId, active.number + 1, content);
      const result = await replayCases(deps, { draft, window });
      const value = (performance.now() - start) / 1000;
      if (routed !== CASES || result.totals.cases !== CASES || result.failures.count !== 0)
        throw new Error(
          `case what-if replayed ${result.totals.cases} of ${CASES} (routed ${routed}, failures ${result.failures.count})`,
        );
      if (result.totals.moved === 0 || result.deadlines.later === 0)
        throw new Error('case what-if found no moved case or deadline: the draft change did not apply');
      const plainLoop = 'cases: route 10k cases (published rules, plain loop)';
      return [
        measured(plainLoop, baseline, 's'),
        compared('cases: what-if of 10k cases', value, 's', plainLoop, baseline, '<= 3 s'),
      ];
    } finally {
      await close();
    }
  },
};

export default suite;
