/** @module Unit pickers for strings of `format: "baton-unit"` (one unit id: a select) and arrays of them (any number: checkboxes), showing unit names from `config.units`. */
import type { StatePropsOfControl } from '@jsonforms/core';
import type { Component } from 'solid-js';
import { createMemo, For, Show } from 'solid-js';
import type { RendererProps } from './context.ts';
import { useForms } from './context.ts';
import { BoundSelect } from './bound-select.tsx';
import { useControl } from './use-control.ts';

/** A unit the pickers offer; pass the list as `<JsonForms config={{ units }}>`. */
export interface UnitOption {
  id: string;
  name: string;
  nameEn?: string | null;
}

/** The units of the form's config and their names in the form's locale. */
const useUnits = () => {
  const ctx = useForms();
  const units = createMemo(() => (ctx.state().jsonforms.config?.units ?? []) as UnitOption[]);
  const isEnglish = () => (ctx.state().jsonforms.i18n?.locale ?? 'zh-CN').startsWith('en');
  const nameOf = (unit: UnitOption): string => (isEnglish() && unit.nameEn ? unit.nameEn : unit.name);
  return { units, nameOf };
};

/** One unit: a select of unit names whose value is the unit id. An id the list lacks is kept and shown as is. */
export const UnitControl: Component<RendererProps> = (props) => {
  const b = useControl(props);
  const { units, nameOf } = useUnits();
  const value = () => (typeof b.control().data === 'string' ? (b.control().data as string) : '');
  const isUnlisted = () => value() !== '' && !units().some((u) => u.id === value());
  return (
    <BoundSelect
      binding={b}
      data-format="baton-unit"
      read={(id) => (id === '' ? undefined : id)}
      isEmpty={value() === ''}
    >
      <Show when={isUnlisted()}>
        <option value={value()} selected>
          {value()}
        </option>
      </Show>
      <For each={units()}>
        {(unit) => (
          <option value={unit.id} selected={unit.id === value()}>
            {nameOf(unit)}
          </option>
        )}
      </For>
    </BoundSelect>
  );
};

/** Any number of units: a fieldset of checkboxes labelled with unit names; the value is the list of ids (absent when none). */
export const UnitListControl: Component<RendererProps> = (props) => {
  const ctx = useForms();
  const b = useControl<StatePropsOfControl>(props);
  const { units, nameOf } = useUnits();
  const chosen = createMemo(() => {
    const data = b.control().data;
    return Array.isArray(data) ? data.map(String) : [];
  });
  const toggle = (id: string, isOn: boolean): void => {
    const next = isOn ? [...chosen().filter((x) => x !== id), id] : chosen().filter((x) => x !== id);
    b.handleChange(next.length > 0 ? next : undefined);
    b.touch();
  };
  const errorId = () => `${b.id()}-error`;
  return (
    <Show when={b.control().visible}>
      <fieldset
        class={`jf-field jf-unit-list${b.error() ? ' jf-field--invalid' : ''}`}
        id={b.id()}
        data-format="baton-unit"
        aria-describedby={b.error() ? errorId() : undefined}
        aria-invalid={b.error() ? 'true' : undefined}
      >
        <legend class="jf-label">
          {b.control().label}
          <Show when={b.control().required}>
            <span class="jf-required" title={ctx.translate('forms.required', 'Required')}>
              {' *'}
            </span>
          </Show>
        </legend>
        <Show when={b.control().description}>
          <div class="jf-help">{b.control().description}</div>
        </Show>
        <div class="jf-unit-list__options">
          <For each={units()}>
            {(unit) => (
              <label class="jf-unit-list__option">
                <input
                  type="checkbox"
                  class="jf-checkbox"
                  value={unit.id}
                  disabled={!b.control().enabled}
                  checked={chosen().includes(unit.id)}
                  onChange={(e) => toggle(unit.id, e.currentTarget.checked)}
                />
                {nameOf(unit)}
              </label>
            )}
          </For>
        </div>
        <Show when={b.error()}>
          <div class="jf-error" id={errorId()} role="alert">
            {b.error()}
          </div>
        </Show>
      </fieldset>
    </Show>
  );
};
