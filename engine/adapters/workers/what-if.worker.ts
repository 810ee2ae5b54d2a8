/** @module Worker thread entry: runs what-if evaluations off the event loop (loaded through tsx by `what-if.ts`), one job at a time. */
import { parentPort } from 'node:worker_threads';
import { serializeError } from './worker-thread.ts';
import type { IndicatorInput } from '../../core/scoring/pipeline.ts';
import type { CaseReplayTask, CaseRulesSource, VersionContent } from '../../ports/what-if-runner.ts';
import {
  addCaseRules,
  type CaseReplayState,
  finishCaseReplay,
  replayCasePage,
  runScoreWhatIf,
  startCaseReplay,
} from './what-if-core.ts';

/** Messages from the main thread (see `what-if.ts`). */
type Message =
  | {
      type: 'scores';
      id: number;
      published: VersionContent;
      draft: VersionContent;
      periods?: string[];
      steps: number;
    }
  | { type: 'inputs'; id: number; items: IndicatorInput[] }
  | { type: 'runScores'; id: number; seq: number }
  | { type: 'cases'; id: number; seq: number; task: CaseReplayTask; steps: number }
  | {
      type: 'rules';
      id: number;
      key: string;
      source: CaseRulesSource | null;
      error?: { code: string; en: string; zh: string };
    }
  | { type: 'page'; id: number; seq: number; cases: never[] }
  | { type: 'finishCases'; id: number; seq: number };

const port = parentPort!;

let scoreJob: {
  id: number;
  published: VersionContent;
  draft: VersionContent;
  periods?: string[];
  steps: number;
  inputs: IndicatorInput[];
} | null = null;
let caseJob: { id: number; state: CaseReplayState } | null = null;

function handle(message: Message): void {
  switch (message.type) {
    case 'scores':
      caseJob = null;
      scoreJob = {
        id: message.id,
        published: message.published,
        draft: message.draft,
        ...(message.periods ? { periods: message.periods } : {}),
        steps: message.steps,
        inputs: [],
      };
      return;
    case 'inputs':
      if (scoreJob?.id === message.id) for (const x of message.items) scoreJob.inputs.push(x);
      return;
    case 'runScores': {
      const job = scoreJob;
      scoreJob = null;
      if (job?.id !== message.id) throw new Error('no score what-if was started');
      const result = runScoreWhatIf(job, job.steps, (progress) =>
        port.postMessage({ id: message.id, progress }),
      );
      port.postMessage({ id: message.id, seq: message.seq, result });
      return;
    }
    case 'cases':
      scoreJob = null;
      caseJob = { id: message.id, state: startCaseReplay(message.task, message.steps) };
      port.postMessage({ id: message.id, seq: message.seq, result: true });
      return;
    case 'rules':
      if (caseJob?.id === message.id) addCaseRules(caseJob.state, message.key, message.source, message.error);
      return;
    case 'page':
      if (caseJob?.id !== message.id) throw new Error('no case what-if was started');
      replayCasePage(caseJob.state, message.cases);
      port.postMessage({ id: message.id, seq: message.seq, result: true });
      return;
    case 'finishCases': {
      const job = caseJob;
      caseJob = null;
      if (job?.id !== message.id) throw new Error('no case what-if was started');
      port.postMessage({ id: message.id, seq: message.seq, result: finishCaseReplay(job.state) });
      return;
    }
  }
}

port.on('message', (message: Message) => {
  try {
    handle(message);
  } catch (error) {
    if (message.type === 'cases' || message.type === 'page') caseJob = null;
    port.postMessage({
      id: message.id,
      seq: 'seq' in message ? message.seq : undefined,
      error: serializeError(error),
    });
  }
});
port.postMessage({ ready: true });
