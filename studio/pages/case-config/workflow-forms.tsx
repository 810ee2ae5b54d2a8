/**
 * @module Forms of the workflow and SLA documents beside the diagram: state labels, types and public
 * flags, action names, and SLA limits per priority and timer with warning thresholds — no JSON typed.
 * Choices (state types, limit units) come from the document schemas.
 */
import type { Component } from 'solid-js';
import { For, Index, Show } from 'solid-js';
import slaSchema from '../../../schemas/sla-policy.schema.json';
import workflowSchema from '../../../schemas/workflow.schema.json';
import type { SlaPolicy, Workflow } from '../../../schemas/types.gen.ts';
import type { RuleDocument } from '../../api/rule-sets.ts';
import { ct, ctOr, localText } from '../cases/messages.ts';
import { cc, ccOr } from './messages.ts';

const stateTypes = (): string[] =>
  ((workflowSchema as { $defs?: { state?: { properties?: { type?: { enum?: string[] } } } } }).$defs?.state
    ?.properties?.type?.enum ?? []) as string[];
const limitUnits = (): string[] => {
  const defs =
    (slaSchema as { $defs?: Record<string, { properties?: { unit?: { enum?: string[] } } }> }).$defs ?? {};
  for (const def of Object.values(defs)) if (def.properties?.unit?.enum) return def.properties.unit.enum;
  return [];
};

type Label = { en: string; zh: string };

/** A guard in words where the builder knows it (`!!` of an action input: “须填写 <field title>”), else its JSON. */
export function guardText(
  guard: unknown,
  action: { input?: { schema?: { properties?: Record<string, { title?: string }> } } } | undefined,
): string {
  if (!guard) return '—';
  const g = guard as Record<string, unknown>;
  const arg = Array.isArray(g['!!']) ? (g['!!'] as unknown[])[0] : undefined;
  const name = arg && typeof arg === 'object' ? (arg as { var?: unknown }).var : undefined;
  if (typeof name === 'string' && name.startsWith('input.')) {
    const field = name.slice('input.'.length);
    const title = action?.input?.schema?.properties?.[field]?.title ?? field;
    return cc('cc.wf.requires', { field: title });
  }
  return JSON.stringify(guard);
}

/** States and actions of the workflow as forms. */
export const WorkflowForms: Component<{
  workflow: Workflow;
  canEdit: boolean;
  onChange: (doc: RuleDocument) => void;
}> = (props) => {
  const emit = (next: Workflow) => props.onChange(next as unknown as RuleDocument);
  const setState = (i: number, change: Record<string, unknown>) =>
    emit({
      ...props.workflow,
      states: props.workflow.states.map((s, j) => (j === i ? { ...s, ...change } : s)),
    });
  const setAction = (i: number, change: Record<string, unknown>) =>
    emit({
      ...props.workflow,
      actions: (props.workflow.actions ?? []).map((a, j) => (j === i ? { ...a, ...change } : a)),
    });
  const label = (value: unknown): Label => (value as Label | undefined) ?? { zh: '', en: '' };
  return (
    <section class="panel" aria-labelledby="wf-forms" data-testid="workflow-forms">
      <h3 id="wf-forms" class="section-title">
        {cc('cc.wf.forms')}
      </h3>
      <div class="table-wrap">
        <table class="table table--compact" data-testid="workflow-state-forms">
          <thead>
            <tr>
              <th scope="col">{ct('config.stateLabel')}</th>
              <th scope="col">{cc('cc.wf.stateZh')}</th>
              <th scope="col">{cc('cc.wf.stateEn')}</th>
              <th scope="col">{cc('cc.wf.type')}</th>
              <th scope="col">{ct('config.public')}</th>
            </tr>
          </thead>
          <tbody>
            <Index each={props.workflow.states}>
              {(state, i) => {
                const name = () => localText(label(state().label)) || state().name;
                return (
                  <tr>
                    <th scope="row">{name()}</th>
                    <td>
                      <input
                        class="jf-input"
                        aria-label={`${name()} ${cc('cc.wf.stateZh')}`}
                        value={label(state().label).zh}
                        readOnly={!props.canEdit}
                        onChange={(e) =>
                          setState(i, { label: { ...label(state().label), zh: e.currentTarget.value } })
                        }
                      />
                    </td>
                    <td>
                      <input
                        class="jf-input"
                        aria-label={`${name()} ${cc('cc.wf.stateEn')}`}
                        value={label(state().label).en}
                        readOnly={!props.canEdit}
                        onChange={(e) =>
                          setState(i, { label: { ...label(state().label), en: e.currentTarget.value } })
                        }
                      />
                    </td>
                    <td>
                      <select
                        class="jf-input input--auto"
                        aria-label={`${name()} ${cc('cc.wf.type')}`}
                        value={(state() as { type?: string }).type ?? 'open'}
                        disabled={!props.canEdit}
                        onChange={(e) => setState(i, { type: e.currentTarget.value })}
                      >
                        <For each={stateTypes()}>
                          {(t) => <option value={t}>{ccOr(`cc.wf.type.${t}`, t)}</option>}
                        </For>
                      </select>
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${name()} ${ct('config.public')}`}
                        checked={Boolean((state() as { public?: boolean }).public)}
                        disabled={!props.canEdit}
                        onChange={(e) => setState(i, { public: e.currentTarget.checked })}
                      />
                    </td>
                  </tr>
                );
              }}
            </Index>
          </tbody>
        </table>
      </div>
      <h4>{cc('cc.wf.actions')}</h4>
      <div class="table-wrap">
        <table class="table table--compact" data-testid="workflow-action-forms">
          <thead>
            <tr>
              <th scope="col">{ct('config.action')}</th>
              <th scope="col">{cc('cc.wf.actionZh')}</th>
              <th scope="col">{cc('cc.wf.actionEn')}</th>
            </tr>
          </thead>
          <tbody>
            <Index each={props.workflow.actions ?? []}>
              {(action, i) => {
                const name = () => localText(label(action().label)) || action().name;
                return (
                  <tr>
                    <th scope="row">{name()}</th>
                    <td>
                      <input
                        class="jf-input"
                        aria-label={`${name()} ${cc('cc.wf.actionZh')}`}
                        value={label(action().label).zh}
                        readOnly={!props.canEdit}
                        onChange={(e) =>
                          setAction(i, { label: { ...label(action().label), zh: e.currentTarget.value } })
                        }
                      />
                    </td>
                    <td>
                      <input
                        class="jf-input"
                        aria-label={`${name()} ${cc('cc.wf.actionEn')}`}
                        value={label(action().label).en}
                        readOnly={!props.canEdit}
                        onChange={(e) =>
                          setAction(i, { label: { ...label(action().label), en: e.currentTarget.value } })
                        }
                      />
                    </td>
                  </tr>
                );
              }}
            </Index>
          </tbody>
        </table>
      </div>
    </section>
  );
};

type Limit = { amount: number; unit: string };
const TIMERS = ['accept', 'handle', 'reply'] as const;

/** The limits of one SLA policy per priority and timer, and its warning thresholds, as a form. */
export const SlaForm: Component<{
  policy: RuleDocument;
  canEdit: boolean;
  onChange: (doc: RuleDocument) => void;
}> = (props) => {
  const p = () =>
    props.policy as unknown as Omit<SlaPolicy, 'limits'> & { limits: Record<string, unknown>[] };
  const setLimit = (row: number, timer: string, change: Partial<Limit>) => {
    const limits = p().limits.map((limit, i) => {
      if (i !== row) return limit;
      const current = (limit[timer] as Limit | undefined) ?? {
        amount: 1,
        unit: limitUnits()[0] ?? 'workingDays',
      };
      return { ...limit, [timer]: { ...current, ...change } };
    });
    props.onChange({ ...props.policy, limits } as RuleDocument);
  };
  const thresholds = () =>
    ((p() as { warningThresholds?: number[] }).warningThresholds ?? [])
      .map((w) => Math.round(w * 100))
      .join(', ');
  return (
    <div class="sla-form" data-testid={`sla-form-${props.policy.id}`}>
      <div class="table-wrap">
        <table class="table table--compact">
          <thead>
            <tr>
              <th scope="col">{ct('cases.priority')}</th>
              <For each={TIMERS}>{(timer) => <th scope="col">{ctOr(`timer.${timer}`, timer)}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <Index each={p().limits}>
              {(limit, row) => {
                const priority = () => ctOr(`priority.${String(limit().priority)}`, String(limit().priority));
                return (
                  <tr>
                    <th scope="row">{priority()}</th>
                    <For each={TIMERS}>
                      {(timer) => {
                        const value = () => limit()[timer] as Limit | undefined;
                        const timerName = () => ctOr(`timer.${timer}`, timer);
                        return (
                          <td>
                            <Show when={value() || props.canEdit} fallback="—">
                              <input
                                type="number"
                                min="0"
                                step="0.5"
                                class="jf-input input--narrow"
                                aria-label={cc('cc.sla.amount', { timer: timerName(), priority: priority() })}
                                value={value()?.amount ?? ''}
                                readOnly={!props.canEdit}
                                onChange={(e) => {
                                  const amount = Number(e.currentTarget.value);
                                  if (Number.isFinite(amount) && amount >= 0)
                                    setLimit(row, timer, { amount });
                                }}
                              />{' '}
                              <select
                                class="jf-input input--auto"
                                aria-label={cc('cc.sla.unit', { timer: timerName(), priority: priority() })}
                                value={value()?.unit ?? ''}
                                disabled={!props.canEdit}
                                onChange={(e) => setLimit(row, timer, { unit: e.currentTarget.value })}
                              >
                                <For each={limitUnits()}>
                                  {(u) => <option value={u}>{ccOr(`cc.sla.unit.${u}`, u)}</option>}
                                </For>
                              </select>
                            </Show>
                          </td>
                        );
                      }}
                    </For>
                  </tr>
                );
              }}
            </Index>
          </tbody>
        </table>
      </div>
      <label class="sla-form__warnings">
        {cc('cc.sla.warnings')}{' '}
        <input
          class="jf-input input--auto"
          value={thresholds()}
          readOnly={!props.canEdit}
          onChange={(e) => {
            const values = e.currentTarget.value
              .split(/[,，、\s]+/)
              .map((v) => Number(v))
              .filter((v) => Number.isFinite(v) && v > 0 && v <= 100)
              .sort((a, b) => a - b)
              .map((v) => v / 100);
            props.onChange({ ...props.policy, warningThresholds: values } as RuleDocument);
          }}
        />
      </label>
    </div>
  );
};
