/**
 * @module Forms of the workflow and SLA documents beside the diagram: state labels, types and public
 * flags, action names, and SLA limits per priority and timer with warning thresholds — no JSON typed.
 * Choices (state types, limit units) come from the document schemas.
 */
import type { Component, JSX } from 'solid-js';
import { For, Index, Show } from 'solid-js';
import slaSchema from '../../../schemas/sla-policy.schema.json';
import workflowSchema from '../../../schemas/workflow.schema.json';
import type { SlaPolicy, Workflow } from '../../../schemas/types.gen.ts';
import type { RuleDocument } from '../../api/rule-sets.ts';
import { ct, ctOr, localText } from '../cases/messages.ts';
import { InlineInput, InlineSelect } from './inline-controls.tsx';
import { cc, ccOr } from './messages.ts';
import { TitledPanel } from '../../components/titled-panel.tsx';

const stateTypes = (): string[] =>
  ((workflowSchema as { $defs?: { state?: { properties?: { type?: { enum?: string[] } } } } }).$defs?.state
    ?.properties?.type?.enum ?? []) as string[];
const limitUnits = (): string[] => {
  const defs =
    (slaSchema as { $defs?: Record<string, { properties?: { unit?: { enum?: string[] } } }> }).$defs ?? {};
  for (const def of Object.values(defs)) if (def.properties?.unit?.enum) return def.properties.unit.enum;
  return [];
};
const stateTypeOptions = () => stateTypes().map((t) => ({ value: t, label: ccOr(`cc.wf.type.${t}`, t) }));
const unitOptions = () => limitUnits().map((u) => ({ value: u, label: ccOr(`cc.sla.unit.${u}`, u) }));

type Label = { en: string; zh: string };
/** The languages of a label, in the order of their columns. */
const LABEL_LANGUAGES = ['zh', 'en'] as const;

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

const labelOf = (value: unknown): Label => (value as Label | undefined) ?? { zh: '', en: '' };

/**
 * A table of named items (states, actions) whose Chinese and English labels are inputs; `columns`
 * heads the name and the two label columns, `extraHeaders` and `extraCells` add columns after them.
 */
const LabelTable = <T extends { name: string; label?: unknown }>(props: {
  testId: string;
  columns: [name: string, zh: string, en: string];
  extraHeaders?: readonly string[];
  items: readonly T[];
  readOnly: boolean;
  onLabel: (i: number, label: Label) => void;
  extraCells?: (item: () => T, i: number, name: () => string) => JSX.Element;
}): JSX.Element => (
  <div class="table-wrap">
    <table class="table table--compact" data-testid={props.testId}>
      <thead>
        <tr>
          <For each={[...props.columns, ...(props.extraHeaders ?? [])]}>
            {(h) => <th scope="col">{h}</th>}
          </For>
        </tr>
      </thead>
      <tbody>
        <Index each={props.items}>
          {(item, i) => {
            const label = () => labelOf(item().label);
            const name = () => localText(label()) || item().name;
            return (
              <tr>
                <th scope="row">{name()}</th>
                <For each={LABEL_LANGUAGES}>
                  {(lang, k) => (
                    <td>
                      <InlineInput
                        label={`${name()} ${props.columns[k() + 1]}`}
                        value={label()[lang]}
                        readOnly={props.readOnly}
                        onValue={(text) => props.onLabel(i, { ...label(), [lang]: text })}
                      />
                    </td>
                  )}
                </For>
                {props.extraCells?.(item, i, name)}
              </tr>
            );
          }}
        </Index>
      </tbody>
    </table>
  </div>
);

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
  return (
    <TitledPanel level={3} titleId="wf-forms" title={cc('cc.wf.forms')} testId="workflow-forms">
      <LabelTable
        testId="workflow-state-forms"
        columns={[ct('config.stateLabel'), cc('cc.wf.stateZh'), cc('cc.wf.stateEn')]}
        extraHeaders={[cc('cc.wf.type'), ct('config.public')]}
        items={props.workflow.states}
        readOnly={!props.canEdit}
        onLabel={(i, label) => setState(i, { label })}
        extraCells={(state, i, name) => (
          <>
            <td>
              <InlineSelect
                label={`${name()} ${cc('cc.wf.type')}`}
                value={(state() as { type?: string }).type ?? 'open'}
                disabled={!props.canEdit}
                onValue={(type) => setState(i, { type })}
                options={stateTypeOptions()}
              />
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
          </>
        )}
      />
      <h4>{cc('cc.wf.actions')}</h4>
      <LabelTable
        testId="workflow-action-forms"
        columns={[ct('config.action'), cc('cc.wf.actionZh'), cc('cc.wf.actionEn')]}
        items={props.workflow.actions ?? []}
        readOnly={!props.canEdit}
        onLabel={(i, label) => setAction(i, { label })}
      />
    </TitledPanel>
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
                              <InlineSelect
                                label={cc('cc.sla.unit', { timer: timerName(), priority: priority() })}
                                value={value()?.unit ?? ''}
                                disabled={!props.canEdit}
                                onValue={(unit) => setLimit(row, timer, { unit })}
                                options={unitOptions()}
                              />
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
