/** @module Input renderers: string, textarea, number, integer, date and date-time. */
import type { StatePropsOfControl } from '@jsonforms/core';
import type { Component, JSX } from 'solid-js';
import { createEffect, createSignal, splitProps } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { RendererProps } from './context.ts';
import { Field } from './field.tsx';
import { type ControlBinding, useControl } from './use-control.ts';
import { fromZonedInput, toZonedInput } from '../lib/zoned-time.ts';
import { districtTimeZone } from '../lib/server-clock.ts';

const emptyToUndefined = (value: string): string | undefined => (value === '' ? undefined : value);

type TextAttrs = { class: string; type?: string; rows?: number; maxLength?: number; placeholder?: string };

/**
 * A text control drawn as `tag` (a one-line input or a textarea) with the attributes `attrs` gives
 * for its binding: its text is the string value, and empty text is no value.
 */
const makeTextControl =
  (
    tag: 'input' | 'textarea',
    attrs: (control: () => StatePropsOfControl) => TextAttrs,
  ): Component<RendererProps> =>
  (props) => {
    const b = useControl(props);
    return (
      <Field binding={b}>
        {(aria) => (
          <Dynamic
            component={tag}
            {...aria}
            {...attrs(b.control)}
            value={typeof b.control().data === 'string' ? b.control().data : ''}
            onInput={(e: InputEvent & { currentTarget: HTMLInputElement }) =>
              b.handleChange(emptyToUndefined(e.currentTarget.value))
            }
            onBlur={b.touch}
          />
        )}
      </Field>
    );
  };

/** Single-line text. */
export const StringControl = makeTextControl('input', (control) => ({
  class: 'jf-input',
  type: 'text',
  get maxLength() {
    return control().schema.maxLength;
  },
  get placeholder() {
    return control().uischema.options?.placeholder;
  },
}));

/** Multi-line text (`options.multi`). */
export const TextareaControl = makeTextControl('textarea', (control) => ({
  class: 'jf-input jf-textarea',
  get rows() {
    return control().uischema.options?.rows ?? 4;
  },
}));

/**
 * Writes the bound value into an input only when it differs from what the input already means,
 * so a half-typed value (e.g. "1." or an incomplete date) is not overwritten while typing.
 */
const syncInput = <T,>(
  el: () => HTMLInputElement | undefined,
  value: () => T,
  codec: { format: (v: T) => string; parse: (raw: string) => T },
): void => {
  createEffect(() => {
    const v = value();
    const input = el();
    if (input && codec.parse(input.value) !== v) input.value = codec.format(v);
  });
};

const numberCodec = {
  format: (v: unknown) => (typeof v === 'number' ? String(v) : ''),
  parse: (raw: string): unknown => (raw.trim() === '' ? undefined : Number(raw)),
};

type Codec = { format: (v: unknown) => string; parse: (raw: string) => unknown };

/**
 * The bound `<input>` of the number, date and date-time controls: the value is written in through
 * `codec` without overwriting a half-typed text (see `syncInput`), and what is typed is read out
 * with `read` (default `codec.parse`). Other attributes go to the input.
 */
const SyncedInput: Component<
  {
    binding: ControlBinding<StatePropsOfControl>;
    codec: Codec;
    read?: (raw: string) => unknown;
  } & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'ref' | 'onInput' | 'onBlur'>
> = (props) => {
  const [own, rest] = splitProps(props, ['binding', 'codec', 'read']);
  const b = own.binding;
  const [input, setInput] = createSignal<HTMLInputElement>();
  syncInput(input, () => b.control().data, own.codec);
  return (
    <Field binding={b}>
      {(aria) => (
        <input
          {...aria}
          ref={setInput}
          {...rest}
          onInput={(e) => b.handleChange((own.read ?? own.codec.parse)(e.currentTarget.value))}
          onBlur={b.touch}
        />
      )}
    </Field>
  );
};

const makeNumberControl = (isInteger: boolean): Component<RendererProps> => {
  return (props) => {
    const b = useControl(props);
    return (
      <SyncedInput
        binding={b}
        codec={numberCodec}
        class="jf-input jf-input--number"
        type="number"
        inputmode={isInteger ? 'numeric' : 'decimal'}
        step={isInteger ? '1' : 'any'}
        min={b.control().schema.minimum}
        max={b.control().schema.maximum}
      />
    );
  };
};

/** Decimal numbers. */
export const NumberControl = makeNumberControl(false);
/** Whole numbers. */
export const IntegerControl = makeNumberControl(true);

const dateCodec = {
  format: (v: unknown) => (typeof v === 'string' ? v : ''),
  parse: (raw: string): unknown => emptyToUndefined(raw),
};

/** Calendar date, stored as `YYYY-MM-DD`. */
export const DateControl: Component<RendererProps> = (props) => {
  const b = useControl(props);
  return <SyncedInput binding={b} codec={dateCodec} class="jf-input jf-input--date" type="date" />;
};

/** `YYYY-MM-DDTHH:mm` on the district's wall clocks from an RFC 3339 date-time, for a datetime-local input. */
export const toLocalInput = (value: unknown): string => toZonedInput(value, districtTimeZone());

/**
 * RFC 3339 date-time with the district's UTC offset at that moment (e.g. `2025-03-05T09:30:00+08:00`)
 * from a datetime-local value read on the district's wall clocks, whatever the browser's zone.
 */
export const fromLocalInput = (raw: string): string | undefined => fromZonedInput(raw, districtTimeZone());

/** Date and time, stored as RFC 3339 with offset. */
export const DateTimeControl: Component<RendererProps> = (props) => {
  const b = useControl(props);
  const codec: Codec = {
    format: toLocalInput,
    parse: (raw: string): unknown => {
      // Compare in the input's own (minute) precision so an equal instant is not rewritten.
      const iso = fromLocalInput(raw);
      const current = b.control().data;
      return iso !== undefined && toLocalInput(current) === raw.slice(0, 16) ? current : iso;
    },
  };
  return (
    <SyncedInput
      binding={b}
      codec={codec}
      read={fromLocalInput}
      class="jf-input jf-input--datetime"
      type="datetime-local"
    />
  );
};
