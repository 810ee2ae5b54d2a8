/** @module A list's filter bar: a `<div class="filters">` of drop-downs whose first, empty choice means "any". */
import type { Accessor, Component, Signal } from 'solid-js';
import { For } from 'solid-js';
import type { MessageKey } from '../i18n/index.ts';
import { t } from '../i18n/index.ts';
import type { FieldOption } from './fields.tsx';
import { SelectField } from './fields.tsx';

/** One filter: its select is `${idPrefix}-${key}` (data-testid `${testIdPrefix}-${key}`). */
export interface FilterSpec {
  key: string;
  /** The message naming the filter. */
  label: MessageKey;
  /** The chosen value, '' for any. */
  state: Signal<string>;
  options: Accessor<readonly FieldOption[]>;
}

/** The filters side by side, in order; the message `anyLabel` names the empty choice of each. */
export const FilterBar: Component<{
  filters: readonly FilterSpec[];
  anyLabel: MessageKey;
  idPrefix: string;
  /** The prefix of the selects' data-testid; `idPrefix` when omitted. */
  testIdPrefix?: string;
}> = (props) => (
  <div class="filters">
    <For each={props.filters}>
      {(filter) => (
        <SelectField
          id={`${props.idPrefix}-${filter.key}`}
          label={t(filter.label)}
          value={filter.state[0]()}
          onValue={filter.state[1]}
          data-testid={`${props.testIdPrefix ?? props.idPrefix}-${filter.key}`}
          placeholder={t(props.anyLabel)}
          options={filter.options()}
        />
      )}
    </For>
  </div>
);
