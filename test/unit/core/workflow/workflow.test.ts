/** @module The case workflow interpreted from the 2026 seed document: happy path, every branch, roles, unit scope, guards and static checks. */
import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../../../schemas/types.gen.ts';
import {
  ConflictError,
  PermissionError,
  RuleError,
  ValidationError,
} from '../../../../engine/core/errors.ts';
import {
  applyTransition,
  availableActions,
  checkWorkflowDocument,
  compileWorkflow,
  openCase,
  replayCase,
} from '../../../../engine/core/workflow/index.ts';
import {
  actOn,
  citizen,
  dispatcher,
  drive,
  reviewer,
  seedWorkflow,
  supervisor,
  unitUser,
  type Step,
} from '../routing/cases-seed.ts';

const wf = compileWorkflow(seedWorkflow());
const street = unitUser('street-xinhua');
const urban = unitUser('dept-urban-management');

function open(assisting: string[] = []) {
  return openCase(wf, {
    caseId: 'C-1',
    at: '2026-03-02T08:30:00+08:00',
    routing: {
      leadUnitId: 'street-xinhua',
      assistingUnitIds: assisting,
      priority: 'normal',
      slaPolicyId: 'sla-standard',
      ruleSetVersion: 3,
    },
    pauseInStates: ['returned'],
    data: { category: 'urban.street-vending', channel: 'hotline', text: '路口有流动摊贩占道经营' },
  });
}

const act = actOn(wf);

const toHandling: Step[] = [
  { action: 'accept', actor: dispatcher, at: '2026-03-02T08:40:00+08:00' },
  { action: 'dispatch', actor: dispatcher, at: '2026-03-02T09:00:00+08:00' },
  { action: 'signFor', actor: street, at: '2026-03-02T10:00:00+08:00' },
];
const toNotified: Step[] = [
  ...toHandling,
  { action: 'handle', actor: street, at: '2026-03-04T15:00:00+08:00', input: { result: '已劝离摊贩' } },
  { action: 'reply', actor: street, at: '2026-03-04T16:00:00+08:00', input: { reply: '已处理' } },
  { action: 'verify', actor: dispatcher, at: '2026-03-05T09:00:00+08:00' },
  { action: 'notifyCitizen', actor: dispatcher, at: '2026-03-05T09:10:00+08:00' },
];
/** The citizen's rating of the notified case, the morning after it was notified. */
const rating = (satisfaction: 'satisfied' | 'unsatisfied'): Step => ({
  action: 'rate',
  actor: citizen,
  at: '2026-03-05T10:00:00+08:00',
  input: { satisfaction },
});
/** The lead street's request for more working days, the day after it signed for the case. */
const extensionRequest = (reason: string, workingDays: number): Step => ({
  action: 'requestExtension',
  actor: street,
  at: '2026-03-03T10:00:00+08:00',
  input: { reason, workingDays },
});

describe('the seed workflow', () => {
  it('passes the static checks with no errors or warnings', () => {
    expect(checkWorkflowDocument(seedWorkflow())).toEqual([]);
  });

  it('runs the happy path accept → dispatch → handle → reply → verify → notify → rate → close', () => {
    const run = drive(wf, open(), [
      ...toNotified,
      rating('satisfied'),
      { action: 'close', actor: dispatcher, at: '2026-03-05T11:00:00+08:00' },
    ]);
    expect(run.states).toEqual([
      'registered',
      'pendingDispatch',
      'dispatched',
      'handling',
      'handled',
      'replied',
      'verified',
      'notified',
      'rated',
      'closed',
    ]);
    expect(run.state.timers.accept).toMatchObject({
      status: 'stopped',
      stoppedAt: '2026-03-02T10:00:00+08:00',
    });
    expect(run.state.timers.handle).toMatchObject({
      status: 'stopped',
      stoppedAt: '2026-03-04T15:00:00+08:00',
    });
    expect(run.state.timers.reply).toMatchObject({
      status: 'stopped',
      stoppedAt: '2026-03-04T16:00:00+08:00',
    });
    // Dispatch starts the accept and handle timers and notifies the lead unit.
    expect(run.effects[1]).toEqual([
      { type: 'startTimer', timer: 'accept' },
      { type: 'startTimer', timer: 'handle' },
      {
        type: 'notify',
        recipients: ['leadUnit', 'assistingUnits'],
        template: 'case-dispatched',
        unitIds: ['street-xinhua'],
      },
    ]);
    // The event history replays to the same state.
    expect(replayCase(run.events)).toEqual(run.state);
    expect(availableActions(wf, run.state, dispatcher)).toEqual([]);
  });

  it('lets a unit return a mis-routed case, pauses the handle timer and resumes it on re-dispatch', () => {
    const run = drive(wf, open(), [
      ...toHandling.slice(0, 2),
      {
        action: 'return',
        actor: street,
        at: '2026-03-02T10:00:00+08:00',
        input: { reason: '不属于本街道辖区' },
      },
    ]);
    expect(run.state.state).toBe('returned');
    expect(run.state.flags.returnCount).toBe(1);
    expect(run.state.timers.accept?.status).toBe('stopped');
    expect(run.state.timers.handle).toMatchObject({
      status: 'paused',
      pauses: [{ from: '2026-03-02T10:00:00+08:00' }],
    });
    expect(run.effects[2]).toContainEqual({ type: 'pauseTimer', timer: 'handle' });
    const re = act(run.state, 'dispatch', dispatcher, '2026-03-02T15:00:00+08:00', {
      leadUnitId: 'street-dongcheng',
    });
    expect(re.state).toMatchObject({ state: 'dispatched', leadUnitId: 'street-dongcheng' });
    expect(re.state.timers.handle).toMatchObject({
      status: 'running',
      pauses: [{ from: '2026-03-02T10:00:00+08:00', to: '2026-03-02T15:00:00+08:00' }],
    });
    expect(re.state.timers.accept).toMatchObject({ status: 'running', run: 2 });
    expect(re.effects.map((e) => e.type)).toEqual(['startTimer', 'resumeTimer', 'notify']);
    // The old unit can no longer act; the new one can (one return is left: no arbitration yet).
    expect(availableActions(wf, re.state, street)).toEqual([]);
    expect(availableActions(wf, re.state, unitUser('street-dongcheng')).map((a) => a.action)).toEqual([
      'signFor',
      'return',
    ]);
  });

  it('refuses a re-dispatch to the same unit and lets the dispatcher reject a wrongful return instead', () => {
    const returned = drive(wf, open(), [
      ...toHandling.slice(0, 2),
      { action: 'return', actor: street, at: '2026-03-02T10:00:00+08:00', input: { reason: '非本单位职责' } },
    ]).state;
    expect(() =>
      act(returned, 'dispatch', dispatcher, '2026-03-02T11:00:00+08:00', { leadUnitId: 'street-xinhua' }),
    ).toThrow(expect.objectContaining({ code: 'workflow.guard_failed' }));
    const rejected = act(returned, 'rejectReturn', dispatcher, '2026-03-02T11:00:00+08:00', {
      reason: '占道经营属街道职责',
    });
    expect(rejected.state).toMatchObject({ state: 'dispatched', leadUnitId: 'street-xinhua' });
    expect(rejected.events[0]).toMatchObject({ type: 'transitioned', metric: 'returnRejected' });
  });

  it('adds approved extension days to the handle timer', () => {
    const run = drive(wf, open(), [
      ...toHandling,
      extensionRequest('需协调执法', 3),
      { action: 'approveExtension', actor: dispatcher, at: '2026-03-03T11:00:00+08:00' },
    ]);
    expect(run.state.state).toBe('handling');
    expect(run.state.timers.handle?.extensions).toEqual([
      { amount: 3, unit: 'workingDays', at: '2026-03-03T11:00:00+08:00' },
    ]);
    expect(run.effects[4]).toContainEqual({
      type: 'extendTimer',
      timer: 'handle',
      amount: 3,
      unit: 'workingDays',
    });
  });

  it('lets the dispatcher grant fewer days than asked and reject a request with a reason', () => {
    const asked = drive(wf, open(), [...toHandling, extensionRequest('需协调', 5)]).state;
    const granted = act(asked, 'approveExtension', dispatcher, '2026-03-03T11:00:00+08:00', {
      workingDays: 2,
    });
    expect(granted.state.timers.handle?.extensions[0]?.amount).toBe(2);
    const refused = act(asked, 'rejectExtension', dispatcher, '2026-03-03T11:00:00+08:00', {
      reason: '理由不充分',
    });
    expect(refused.state.timers.handle?.extensions).toEqual([]);
    expect(() => act(asked, 'rejectExtension', dispatcher, '2026-03-03T11:00:00+08:00')).toThrow(
      ValidationError,
    );
  });

  it('escalates to tier-1 supervision only after a supervisor approves the dispatcher’s request', () => {
    const handling = drive(wf, open(), toHandling).state;
    expect(availableActions(wf, handling, supervisor)).toEqual([]);
    const requested = act(handling, 'requestSupervision', dispatcher, '2026-03-03T09:00:00+08:00', {
      reason: '多次投诉未解决',
    });
    expect(requested.state.supervisionLevel).toBe(0);
    expect(availableActions(wf, requested.state, supervisor).map((a) => a.action)).toEqual([
      'approveSupervision',
      'rejectSupervision',
    ]);
    const approved = act(requested.state, 'approveSupervision', supervisor, '2026-03-03T10:00:00+08:00');
    expect(approved.state).toMatchObject({
      state: 'handling',
      supervisionLevel: 1,
      flags: { supervisionRequested: false },
    });
    expect(approved.effects).toContainEqual({ type: 'escalate', level: 1 });
    expect(approved.events.map((e) => e.type)).toEqual(['transitioned', 'escalated', 'flagSet']);
    // A supervised case cannot be escalated to tier 1 again.
    expect(() =>
      act(approved.state, 'requestSupervision', dispatcher, '2026-03-03T11:00:00+08:00', {
        reason: '再次督办',
      }),
    ).toThrow(expect.objectContaining({ code: 'workflow.guard_failed' }));
  });

  it('sends an unsatisfied rating to professional review, and a redo back to the lead unit with a new handle timer', () => {
    const run = drive(wf, open(), [...toNotified, rating('unsatisfied')]);
    expect(run.state.state).toBe('reviewPending');
    expect(availableActions(wf, run.state, reviewer).map((a) => a.action)).toEqual([
      'confirmHandling',
      'orderRedo',
    ]);
    const redo = act(run.state, 'orderRedo', reviewer, '2026-03-06T09:00:00+08:00', {
      opinion: '摊贩仍在，未彻底解决',
    });
    expect(redo.state).toMatchObject({
      state: 'handling',
      leadUnitId: 'street-xinhua',
      flags: { redoCount: 1 },
    });
    expect(redo.state.timers.handle).toMatchObject({
      status: 'running',
      run: 2,
      startedAt: '2026-03-06T09:00:00+08:00',
    });
    expect(redo.effects).toContainEqual({
      type: 'notify',
      recipients: ['leadUnit', 'assistingUnits'],
      template: 'case-redo',
      unitIds: ['street-xinhua'],
    });
    const confirmed = act(run.state, 'confirmHandling', reviewer, '2026-03-06T09:00:00+08:00', {
      opinion: '处置得当',
    });
    expect(confirmed.state.state).toBe('rated');
  });

  it('holds a joint case until every assisting unit has given its opinion', () => {
    const handling = drive(wf, open(['dept-urban-management']), toHandling).state;
    expect(handling.assistingUnitIds).toEqual(['dept-urban-management']);
    expect(availableActions(wf, handling, urban).map((a) => a.action)).toEqual(['submitAssist']);
    expect(() => act(handling, 'handle', street, '2026-03-03T09:00:00+08:00', { result: '已处理' })).toThrow(
      expect.objectContaining({ code: 'workflow.guard_failed' }),
    );
    const assisted = act(handling, 'submitAssist', urban, '2026-03-03T09:00:00+08:00', {
      opinion: '已派执法队配合',
    });
    expect(assisted.state.assistsRecorded).toEqual(['dept-urban-management']);
    expect(() =>
      act(assisted.state, 'submitAssist', urban, '2026-03-03T09:30:00+08:00', { opinion: '再次提交' }),
    ).toThrow(expect.objectContaining({ code: 'workflow.guard_failed' }));
    const handled = act(assisted.state, 'handle', street, '2026-03-03T10:00:00+08:00', { result: '已处理' });
    expect(handled.state.state).toBe('handled');
  });

  it('lets the dispatcher dispatch to other units than routing proposed', () => {
    const run = drive(wf, open(), toHandling.slice(0, 1));
    const r = act(run.state, 'dispatch', dispatcher, '2026-03-02T09:00:00+08:00', {
      leadUnitId: 'dept-urban-management',
      assistingUnitIds: ['street-xinhua', 'dept-urban-management'],
    });
    expect(r.state).toMatchObject({
      leadUnitId: 'dept-urban-management',
      assistingUnitIds: ['street-xinhua'],
    });
  });
});

describe('role and unit enforcement', () => {
  const replied = drive(wf, open(), toNotified.slice(0, 5)).state;

  it('does not let a unit user verify', () => {
    expect(replied.state).toBe('replied');
    expect(() => act(replied, 'verify', street, '2026-03-05T09:00:00+08:00')).toThrow(PermissionError);
    expect(availableActions(wf, replied, street)).toEqual([]);
  });

  it('does not let a reviewer dispatch', () => {
    const pending = drive(wf, open(), toHandling.slice(0, 1)).state;
    expect(() => act(pending, 'dispatch', reviewer, '2026-03-02T09:00:00+08:00')).toThrow(
      expect.objectContaining({ code: 'workflow.role_forbidden' }),
    );
  });

  it('does not let a unit act on a case that is not its own', () => {
    const dispatched = drive(wf, open(), toHandling.slice(0, 2)).state;
    const other = unitUser('street-binhe');
    expect(availableActions(wf, dispatched, other)).toEqual([]);
    expect(() => act(dispatched, 'signFor', other, '2026-03-02T10:00:00+08:00')).toThrow(
      expect.objectContaining({ code: 'workflow.unit_scope' }),
    );
    // An assisting unit may not sign for the lead.
    const joint = drive(wf, open(['dept-urban-management']), toHandling.slice(0, 2)).state;
    expect(() => act(joint, 'signFor', urban, '2026-03-02T10:00:00+08:00')).toThrow(PermissionError);
  });

  it('refuses actions the current state does not offer, and actions dated before the last change', () => {
    const dispatched = drive(wf, open(), toHandling.slice(0, 2)).state;
    expect(() => act(dispatched, 'verify', dispatcher, '2026-03-02T10:00:00+08:00')).toThrow(ConflictError);
    expect(() => act(dispatched, 'signFor', street, '2026-03-01T10:00:00+08:00')).toThrow(
      expect.objectContaining({ code: 'workflow.time_order' }),
    );
    expect(() => act(dispatched, 'signFor', street, '2026-03-02 10:00')).toThrow(
      expect.objectContaining({ code: 'case.bad_instant' }),
    );
  });
});

describe('guards', () => {
  it("refuse input that does not fit the action's declared input schema, naming the field", () => {
    const dispatched = drive(wf, open(), toHandling.slice(0, 2)).state;
    expect(() => act(dispatched, 'return', street, '2026-03-02T10:00:00+08:00', { reason: '' })).toThrow(
      expect.objectContaining({ code: 'workflow.invalid_input', path: '/input/reason' }),
    );
  });

  it('require a reason to return a case and report the failing guard with its trace', () => {
    // Without declared actions the input reaches the guard, which refuses it with a trace.
    const bare = compileWorkflow({ ...seedWorkflow(), actions: undefined } as Workflow);
    const dispatched = drive(bare, open(), toHandling.slice(0, 2)).state;
    try {
      applyTransition(bare, dispatched, {
        action: 'return',
        actor: street,
        at: '2026-03-02T10:00:00+08:00',
        input: { reason: '' },
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const details = (error as ValidationError).details as {
        failures: { transitionId: string; trace: unknown }[];
      };
      expect(details.failures[0]).toMatchObject({ transitionId: 't-return-dispatched', to: 'returned' });
      expect(details.failures[0]!.trace).toBeDefined();
    }
  });

  it('choose between two transitions of the same action by the rating given', () => {
    const notified = drive(wf, open(), toNotified).state;
    const rate = (satisfaction: string) =>
      act(notified, 'rate', citizen, '2026-03-05T10:00:00+08:00', { satisfaction }).state.state;
    expect(rate('basicallySatisfied')).toBe('rated');
    expect(rate('unsatisfied')).toBe('reviewPending');
    expect(() => rate('maybe')).toThrow(ValidationError);
  });

  it('report actions whose guards read the input as needing input', () => {
    const dispatched = drive(wf, open(), toHandling.slice(0, 2)).state;
    // requestArbitration reads the input too, but its condition over the case (two returns) fails.
    expect(availableActions(wf, dispatched, street)).toEqual([
      { action: 'signFor', to: ['handling'], needsInput: false },
      { action: 'return', to: ['returned'], needsInput: true },
    ]);
  });

  it('offer an input-reading action only when its conditions over the case alone hold: return limit, then arbitration, then the fixed unit', () => {
    const bounce = (at: string): Step[] => [
      { action: 'return', actor: street, at: `${at}T10:00:00+08:00`, input: { reason: '不属于本街道' } },
      { action: 'rejectReturn', actor: dispatcher, at: `${at}T11:00:00+08:00`, input: { reason: '属于' } },
    ];
    const toTwice: Step[] = [...toHandling.slice(0, 2), ...bounce('2026-03-02'), ...bounce('2026-03-03')];
    const twice = drive(wf, open(), toTwice).state;
    expect(twice.flags.returnCount).toBe(2);
    expect(availableActions(wf, twice, street).map((a) => a.action)).toEqual([
      'signFor',
      'requestArbitration',
    ]);
    const fixed = drive(wf, open(), [
      ...toTwice,
      {
        action: 'requestArbitration',
        actor: street,
        at: '2026-03-04T09:00:00+08:00',
        input: { reason: '职责有争议' },
      },
      {
        action: 'arbitrate',
        actor: dispatcher,
        at: '2026-03-04T10:00:00+08:00',
        input: { reason: '由街道办理' },
      },
    ]).state;
    expect(fixed.flags.fixedUnitId).toBe('street-xinhua');
    expect(availableActions(wf, fixed, street).map((a) => a.action)).toEqual(['signFor']);
  });
});

describe('static checks of a workflow document', () => {
  const base = (): Workflow => ({
    kind: 'workflow',
    id: 'wf-test',
    schemaVersion: 1,
    name: { en: 'Test', zh: '测试' },
    states: [
      { name: 'a', label: { en: 'A', zh: '甲' } },
      { name: 'b', label: { en: 'B', zh: '乙' } },
      { name: 'c', label: { en: 'C', zh: '丙' } },
      { name: 'done', label: { en: 'Done', zh: '完成' } },
    ],
    initial: 'a',
    final: ['done'],
    transitions: [
      { from: 'a', to: 'b', action: 'go', roles: ['dispatcher'] },
      { from: 'b', to: 'done', action: 'finish', roles: ['dispatcher'] },
    ],
  });

  it('find unreachable states and dead ends', () => {
    const codes = checkWorkflowDocument(base()).map((i) => `${i.code}@${i.path}`);
    expect(codes).toEqual(['workflow.unreachable_state@/states/2', 'workflow.dead_end@/states/2']);
    expect(() => compileWorkflow(base())).toThrow(RuleError);
  });

  it('warn about states from which no final state can be reached, and find unknown states and ambiguous actions', () => {
    const doc = base();
    doc.transitions.push(
      { from: 'b', to: 'c', action: 'loop', roles: ['dispatcher'] },
      { from: 'c', to: 'c', action: 'spin', roles: ['dispatcher'] },
      { from: 'a', to: 'done', action: 'go', roles: ['dispatcher'] },
      { from: 'a', to: 'nowhere', action: 'jump', roles: ['dispatcher'] },
    );
    const issues = checkWorkflowDocument(doc);
    expect(issues.map((i) => [i.code, i.path, i.severity])).toEqual([
      ['workflow.ambiguous_action', '/transitions/4/action', 'error'],
      ['workflow.unknown_state', '/transitions/5/to', 'error'],
      ['workflow.no_path_to_final', '/states/2', 'warning'],
    ]);
  });

  it('report a guard that does not compile', () => {
    const doc = base();
    doc.transitions[0]!.guard = { no_such_operator: [1] };
    doc.transitions.push({ from: 'b', to: 'c', action: 'park', roles: ['dispatcher'] });
    doc.transitions.push({ from: 'c', to: 'done', action: 'finish', roles: ['dispatcher'] });
    expect(checkWorkflowDocument(doc).map((i) => [i.path, i.code])).toEqual([
      ['/transitions/0/guard', 'workflow.rule'],
    ]);
  });
});

describe('declared actions, state types and channels', () => {
  const doc = (): Workflow => ({
    kind: 'workflow',
    id: 'wf-small',
    schemaVersion: 1,
    name: { en: 'Small', zh: '小流程' },
    states: [
      { name: 'open', label: { en: 'Open', zh: '办理中' } },
      { name: 'onHold', label: { en: 'On hold', zh: '挂起' }, type: 'paused', colour: 'orange' },
      { name: 'done', label: { en: 'Done', zh: '办结' } },
    ],
    initial: 'open',
    final: ['done'],
    actions: [
      {
        name: 'hold',
        label: { en: 'Hold', zh: '挂起' },
        tone: 'neutral',
        input: {
          schema: {
            type: 'object',
            properties: { reason: { type: 'string', minLength: 2 }, days: { type: 'integer', minimum: 1 } },
            required: ['reason'],
          },
        },
      },
      { name: 'resume', label: { en: 'Resume', zh: '恢复' } },
      { name: 'finish', label: { en: 'Finish', zh: '办结' } },
    ],
    channels: [{ code: 'hotline', label: { en: 'Hotline', zh: '热线' }, aliases: ['12345'] }],
    transitions: [
      { from: 'open', to: 'onHold', action: 'hold', roles: ['dispatcher'] },
      { from: 'onHold', to: 'open', action: 'resume', roles: ['dispatcher'] },
      {
        from: 'open',
        to: 'done',
        action: 'finish',
        roles: ['dispatcher'],
        effects: [{ type: 'stopTimer', timer: 'handle' }],
      },
    ],
  });
  const started = (compiled: ReturnType<typeof compileWorkflow>) => {
    const opened = openCase(compiled, { caseId: 'C-9', at: '2026-05-06T09:00:00+08:00' });
    const state = {
      ...opened.state,
      timers: {
        handle: {
          name: 'handle' as const,
          status: 'running' as const,
          run: 1,
          startedAt: '2026-05-06T09:00:00+08:00',
          pauses: [],
          extensions: [],
        },
      },
    };
    return state;
  };

  it('compiles declarations: state types default from final, channels map aliases to codes', () => {
    const compiled = compileWorkflow(doc());
    expect(checkWorkflowDocument(doc())).toEqual([]);
    expect(Object.fromEntries(compiled.stateTypes)).toEqual({
      open: 'open',
      onHold: 'paused',
      done: 'closed',
    });
    expect(compiled.channels?.get('12345')).toBe('hotline');
    expect(compiled.channels?.get('hotline')).toBe('hotline');
    expect(compiled.channels?.get('web')).toBeUndefined();
    expect(compileWorkflow({ ...doc(), channels: undefined } as Workflow).channels).toBeNull();
  });

  it('validates the input against the declared schema before guards, naming the field', () => {
    const compiled = compileWorkflow(doc());
    const state = started(compiled);
    const at = '2026-05-06T10:00:00+08:00';
    const missing = (() => {
      try {
        applyTransition(compiled, state, { action: 'hold', actor: dispatcher, at, input: {} });
      } catch (error) {
        return error;
      }
    })();
    expect(missing).toBeInstanceOf(ValidationError);
    expect((missing as ValidationError).code).toBe('workflow.invalid_input');
    expect((missing as ValidationError).path).toBe('/input/reason');
    expect(() =>
      applyTransition(compiled, state, {
        action: 'hold',
        actor: dispatcher,
        at,
        input: { reason: '等待', days: 1.5 },
      }),
    ).toThrow(/input\/days/);
  });

  it('pauses running timers in a state of type paused and resumes them when the case leaves it', () => {
    const compiled = compileWorkflow(doc());
    const held = applyTransition(compiled, started(compiled), {
      action: 'hold',
      actor: dispatcher,
      at: '2026-05-06T10:00:00+08:00',
      input: { reason: '等待现场条件' },
    });
    expect(held.state.timers.handle?.status).toBe('paused');
    const resumed = applyTransition(compiled, held.state, {
      action: 'resume',
      actor: dispatcher,
      at: '2026-05-07T10:00:00+08:00',
    });
    expect(resumed.state.timers.handle?.status).toBe('running');
    expect(resumed.state.timers.handle?.pauses).toEqual([
      { from: '2026-05-06T10:00:00+08:00', to: '2026-05-07T10:00:00+08:00' },
    ]);
  });

  it('finds undeclared and unused actions, contradictory state types and duplicate channel codes', () => {
    const bad = doc();
    bad.actions = bad.actions!.filter((a) => a.name !== 'finish');
    bad.actions.push({ name: 'spare', label: { en: 'Spare', zh: '备用' } });
    bad.states[2]!.type = 'open';
    bad.states[0]!.type = 'closed';
    bad.channels!.push({ code: 'web', label: { en: 'Web', zh: '网站' }, aliases: ['12345'] });
    const codes = checkWorkflowDocument(bad).map((i) => `${i.code} ${i.path} ${i.severity}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'workflow.undeclared_action /transitions/2/action error',
        'workflow.unused_action /actions/2 warning',
        'workflow.state_type /states/2/type error',
        'workflow.state_type /states/0/type error',
        'workflow.duplicate_channel /channels/1/aliases/0 error',
      ]),
    );
    expect(() => compileWorkflow(bad)).toThrow(RuleError);
  });
});
