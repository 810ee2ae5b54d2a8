/**
 * @module The blocks of the scoring-rule builder: each rule node is a block with a kind (number, text,
 * yes/no, variable, operation, list) and its editor. Operators are offered by their catalogue names
 * (保留小数, 完成率得分) with the catalogue's description; arguments are named by the catalogue;
 * enumerated arguments (rounding modes, directions) are dropdowns of named choices; variables are
 * picked from the form's fields by title.
 */
import type { Component } from 'solid-js';
import { createContext, For, Match, Show, Switch, useContext } from 'solid-js';
import type { LocalizedText } from '../../../../engine/core/errors.ts';
import { CATEGORY_LABELS } from '../../../../engine/core/scoring/operators/labels.ts';
import { dt } from '../designer-messages.ts';
import { local, pt } from '../messages.ts';
import type { EditKind, FieldVariable, RuleVariable } from '../rule-blocks.ts';
import {
  argName,
  argSchema,
  arity,
  catalogueByCategory,
  choicesOf,
  defaultArg,
  editKindOf,
  kindOf,
  newOperation,
  nodeOfEditKind,
  operatorDescription,
  operatorName,
  operatorOf,
  opParts,
  STANDARD_OPERATORS,
  withChild,
} from '../rule-blocks.ts';

/** What the blocks may read: the form's fields by title and the other variables (context, case metrics). */
export interface BlockVariables {
  fields: () => FieldVariable[];
  others: () => { path: string; label: LocalizedText }[];
  isReadOnly: () => boolean;
}

const VariablesContext = createContext<BlockVariables>({
  fields: () => [],
  others: () => [],
  isReadOnly: () => false,
});

/** Provides the variables to the blocks below. */
export const BlockVariablesProvider = VariablesContext.Provider;

/** The variables a rule reads besides the form fields: assessment values and peers, case metrics by name. */
export const otherVariables = (
  fields: FieldVariable[],
  extra: RuleVariable[],
): { path: string; label: LocalizedText }[] => [
  ...extra.filter((v) => v.label).map((v) => ({ path: v.path, label: v.label as LocalizedText })),
  { path: 'target', label: { zh: dt('rules.var.target'), en: 'Target (target)' } },
  { path: 'month', label: { zh: dt('rules.var.month'), en: 'Month (month)' } },
  ...fields
    .filter((f) => f.type === 'number' || f.type === 'integer')
    .map((f) => ({
      path: `peers.${f.path.slice('entry.'.length)}`,
      label: { zh: `同组单位的${f.label.zh}`, en: `Peers’ ${f.label.en}` },
    })),
];

const EDIT_KINDS: EditKind[] = ['number', 'text', 'bool', 'var', 'op', 'list'];
const KIND_NAMES: Record<EditKind, () => string> = {
  number: () => dt('rules.number'),
  text: () => dt('rules.text'),
  bool: () => `${dt('rules.yes')}/${dt('rules.no')}`,
  var: () => pt('rules.kind.var'),
  op: () => pt('rules.kind.op'),
  list: () => pt('rules.kind.list'),
};

/** The path a `var` node reads. */
const varPath = (node: unknown): string => {
  const v = (node as { var: unknown }).var;
  return Array.isArray(v) ? String(v[0] ?? '') : String(v ?? '');
};

/** One block: the argument's name, a kind picker and the editor of that kind; operations and lists nest blocks. */
export const Block: Component<{
  node: unknown;
  onChange: (next: unknown) => void;
  label?: string;
  help?: string;
  schema?: Record<string, unknown> | undefined;
}> = (props) => {
  const vars = useContext(VariablesContext);
  const choices = () => choicesOf(props.schema);
  const kind = (): EditKind =>
    choices().length > 0 && props.node === null ? 'text' : editKindOf(props.node);
  const op = () => (kind() === 'op' ? opParts(props.node).op : undefined);
  const name = () => props.label ?? KIND_NAMES[kind()]();
  return (
    <div class={`perf-block perf-block--${kindOf(props.node)}`} data-kind={kindOf(props.node)} data-op={op()}>
      <div class="perf-block__head">
        <Show when={props.label}>
          <span class="perf-block__label" title={props.help}>
            {props.label}
          </span>
        </Show>
        <select
          class="perf-block__kind"
          aria-label={`${name()} · ${pt('rules.kind')}`}
          value={kind()}
          disabled={vars.isReadOnly()}
          onChange={(e) => {
            const next = e.currentTarget.value as EditKind;
            props.onChange(
              next === 'text' && choices().length > 0
                ? choices()[0]!.value
                : nodeOfEditKind(next, vars.fields()[0]?.path ?? 'target'),
            );
          }}
        >
          <For each={EDIT_KINDS}>{(k) => <option value={k}>{KIND_NAMES[k]()}</option>}</For>
        </select>
        <Switch>
          <Match when={kind() === 'number'}>
            <input
              type="number"
              step="any"
              class="perf-block__const"
              aria-label={name()}
              readOnly={vars.isReadOnly()}
              value={typeof props.node === 'number' ? String(props.node) : ''}
              placeholder={props.node === null ? pt('rules.optional') : ''}
              onChange={(e) => {
                const text = e.currentTarget.value.trim();
                props.onChange(text === '' ? null : Number(text));
              }}
            />
          </Match>
          <Match when={kind() === 'text' && choices().length > 0}>
            <select
              aria-label={name()}
              data-testid="rule-choice"
              value={typeof props.node === 'string' ? props.node : ''}
              disabled={vars.isReadOnly()}
              onChange={(e) => props.onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}
            >
              <Show
                when={
                  props.node === null || ((props.schema?.enum as unknown[] | undefined) ?? []).includes(null)
                }
              >
                <option value="" selected={props.node === null}>
                  {dt('rules.choiceDefault')}
                </option>
              </Show>
              <Show when={typeof props.node === 'string' && !choices().some((c) => c.value === props.node)}>
                <option value={props.node as string}>{props.node as string}</option>
              </Show>
              <For each={choices()}>
                {(c) => (
                  <option value={c.value} selected={c.value === props.node}>
                    {local(c.label)}
                  </option>
                )}
              </For>
            </select>
          </Match>
          <Match when={kind() === 'text'}>
            <input
              class="perf-block__const"
              aria-label={name()}
              readOnly={vars.isReadOnly()}
              value={typeof props.node === 'string' ? props.node : ''}
              onChange={(e) => props.onChange(e.currentTarget.value)}
            />
          </Match>
          <Match when={kind() === 'bool'}>
            <select
              aria-label={name()}
              value={props.node === true ? 'true' : 'false'}
              disabled={vars.isReadOnly()}
              onChange={(e) => props.onChange(e.currentTarget.value === 'true')}
            >
              <option value="true">{dt('rules.yes')}</option>
              <option value="false">{dt('rules.no')}</option>
            </select>
          </Match>
          <Match when={kind() === 'var'}>
            <VariablePicker path={varPath(props.node)} label={name()} onChange={props.onChange} />
          </Match>
          <Match when={kind() === 'op'}>
            <OperatorSelect
              value={opParts(props.node).op}
              label={name()}
              onChange={(next) => props.onChange(newOperation(next, opParts(props.node).args))}
            />
          </Match>
        </Switch>
      </div>
      <Show when={kind() === 'op'}>
        <OperationArgs node={props.node} onChange={props.onChange} />
      </Show>
      <Show when={kind() === 'list'}>
        <div class="perf-block__args">
          <For each={props.node as unknown[]}>
            {(item, i) => (
              <div class="perf-block__arg">
                <Block
                  node={item}
                  onChange={(next) => props.onChange(withChild(props.node, i(), next))}
                  label={`#${i() + 1}`}
                />
                <Show when={!vars.isReadOnly()}>
                  <button
                    type="button"
                    class="btn btn--small btn--icon"
                    aria-label={`${pt('rules.removeArg')} #${i() + 1}`}
                    onClick={() => props.onChange((props.node as unknown[]).filter((_, j) => j !== i()))}
                  >
                    ×
                  </button>
                </Show>
              </div>
            )}
          </For>
          <Show when={!vars.isReadOnly()}>
            <button
              type="button"
              class="btn btn--small"
              onClick={() => props.onChange([...(props.node as unknown[]), 0])}
            >
              + {pt('rules.addItem')}
            </button>
          </Show>
        </div>
      </Show>
    </div>
  );
};

const OTHER = '__other__';

/** Picks a variable: the form's fields by title, assessment values, or any other path. */
const VariablePicker: Component<{ path: string; label: string; onChange: (next: unknown) => void }> = (
  props,
) => {
  const vars = useContext(VariablesContext);
  const isKnown = () =>
    vars.fields().some((f) => f.path === props.path) || vars.others().some((v) => v.path === props.path);
  return (
    <>
      <select
        aria-label={props.label}
        data-testid="rule-var"
        value={isKnown() ? props.path : OTHER}
        disabled={vars.isReadOnly()}
        onChange={(e) => {
          const value = e.currentTarget.value;
          props.onChange({ var: value === OTHER ? props.path : value });
        }}
      >
        <Show when={vars.fields().length > 0}>
          <optgroup label={dt('rules.field')}>
            <For each={vars.fields()}>{(f) => <option value={f.path}>{local(f.label)}</option>}</For>
          </optgroup>
        </Show>
        <optgroup label={dt('rules.context')}>
          <For each={vars.others()}>{(v) => <option value={v.path}>{local(v.label)}</option>}</For>
        </optgroup>
        <option value={OTHER}>{dt('rules.otherPath')}</option>
      </select>
      <Show when={!isKnown()}>
        <input
          class="mono"
          aria-label={dt('rules.path')}
          data-testid="rule-var-path"
          readOnly={vars.isReadOnly()}
          value={props.path}
          onChange={(e) => props.onChange({ var: e.currentTarget.value.trim() })}
        />
      </Show>
    </>
  );
};

/** Picks an operator by its catalogue name, grouped by category. */
const OperatorSelect: Component<{ value: string; label: string; onChange: (op: string) => void }> = (
  props,
) => {
  const vars = useContext(VariablesContext);
  return (
    <select
      class="perf-block__op"
      aria-label={`${props.label} · ${pt('rules.operator')}`}
      title={props.value}
      data-testid="rule-operator"
      value={props.value}
      disabled={vars.isReadOnly()}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    >
      <Show
        when={!operatorOf(props.value) && !(STANDARD_OPERATORS as readonly string[]).includes(props.value)}
      >
        <option value={props.value}>{dt('rules.unnamedOperator', { op: props.value })}</option>
      </Show>
      <optgroup label={pt('rules.standard')}>
        <For each={STANDARD_OPERATORS}>{(op) => <option value={op}>{local(operatorName(op))}</option>}</For>
      </optgroup>
      <For each={catalogueByCategory()}>
        {([category, ops]) => (
          <optgroup label={local(CATEGORY_LABELS[category] ?? { zh: category, en: category })}>
            <For each={ops}>{(op) => <option value={op.name}>{local(operatorName(op.name))}</option>}</For>
          </optgroup>
        )}
      </For>
    </select>
  );
};

/** The arguments of an operation, named by the catalogue, with the operator's description above them. */
const OperationArgs: Component<{ node: unknown; onChange: (next: unknown) => void }> = (props) => {
  const vars = useContext(VariablesContext);
  const parts = () => opParts(props.node);
  const description = () => operatorDescription(parts().op);
  return (
    <div class="perf-block__args">
      <Show when={description()}>
        {(text) => (
          <p class="muted small perf-block__help" data-testid="rule-operator-help">
            {local(text())}
          </p>
        )}
      </Show>
      <For each={parts().args}>
        {(arg, i) => {
          const schema = () => argSchema(parts().op, i());
          const isOptional = () => i() >= arity(parts().op).min;
          const label = () => {
            const named = argName(parts().op, i());
            const base = named ? local(named) : pt('rules.arg', { n: i() + 1 });
            return `${base}${isOptional() ? ` ${pt('rules.optional')}` : ''}`;
          };
          return (
            <div class="perf-block__arg">
              <Block
                node={arg}
                schema={schema()}
                onChange={(next) => props.onChange(withChild(props.node, i(), next))}
                label={label()}
                help={schema()?.description as string | undefined}
              />
              <Show when={!vars.isReadOnly() && (isOptional() || !operatorOf(parts().op))}>
                <button
                  type="button"
                  class="btn btn--small btn--icon"
                  aria-label={`${pt('rules.removeArg')} ${label()}`}
                  onClick={() => props.onChange({ [parts().op]: parts().args.filter((_, j) => j !== i()) })}
                >
                  ×
                </button>
              </Show>
            </div>
          );
        }}
      </For>
      <Show when={!vars.isReadOnly() && parts().args.length < arity(parts().op).max}>
        <button
          type="button"
          class="btn btn--small"
          onClick={() =>
            props.onChange({
              [parts().op]: [...parts().args, defaultArg(argSchema(parts().op, parts().args.length))],
            })
          }
        >
          + {pt('rules.addArg')}
          <Show when={argName(parts().op, parts().args.length)}>{(named) => <> · {local(named())}</>}</Show>
        </button>
      </Show>
    </div>
  );
};
