/** @module Small pieces the case pages share: SLA light, status and priority badges, unit names, event lines labelled from the workflow in force. */
import type { Component } from 'solid-js';
import { createSignal, For, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { Unit } from '../../api/http.ts';
import { api } from '../../api/http.ts';
import type { CaseEventRecord } from '../../api/cases.ts';
import type { Bilingual } from '../../api/http.ts';
import type { FieldOption } from '../../components/fields.tsx';
import { RadioGroupField, SelectField, TextField } from '../../components/fields.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { UNIT_FORMAT } from '../../forms/formats.ts';
import { locale } from '../../i18n/index.ts';
import { actionLabel, actionOf, stateLabel, stateOf } from './case-workflow.ts';
import { ct, ctOr, formatWhen, localText } from './messages.ts';

/** A case page's load failure, worded "…: message" by the cases catalogue (`common.error`). */
export const CaseLoadError: Component<{ error: unknown }> = (props) => (
  <LoadError error={props.error} format={(message) => ct('common.error', { message })} />
);

/** Traffic-light badge of an SLA status; `none` reads as "not timed". */
export const SlaLightBadge: Component<{ light: string | null | undefined }> = (props) => {
  const light = (): string => (props.light && props.light !== 'none' ? props.light : 'grey');
  return (
    <span class={`sla sla--${light()}`} data-light={light()}>
      <span class="sla__dot" aria-hidden="true" />
      {ctOr(`light.${light()}`, light())}
    </span>
  );
};

/**
 * The workflow state's own label (from the server) as a badge, in the colour the workflow in force
 * gives the state (or `colour` when the caller knows it); the state's label in force when the case
 * brings none.
 */
export const CaseStatusBadge: Component<{
  status: string;
  label?: Bilingual | null;
  colour?: string | null;
}> = (props) => {
  const colour = (): string => props.colour ?? stateOf(props.status)?.colour ?? 'blue';
  return (
    <span class={`case-status case-status--${colour()}`} data-status={props.status} data-colour={colour()}>
      {props.label ? localText(props.label) : stateLabel(props.status)}
    </span>
  );
};

/** Priority as text, urgent ones highlighted. */
export const PriorityText: Component<{ priority: string }> = (props) => (
  <span class={`priority priority--${props.priority}`}>
    {ctOr(`priority.${props.priority}`, props.priority)}
  </span>
);

/** Who files a case: a citizen or an enterprise. */
export type RequesterType = 'citizen' | 'enterprise';

/** The two requester types as choices, labelled in the current language. */
export const requesterTypeOptions = (): FieldOption[] => [
  { value: 'citizen', label: ct('portal.citizen') },
  { value: 'enterprise', label: ct('portal.enterprise') },
];

/**
 * Who an intake form files the case for, as it is typed: name, phone and type; `body()` is the
 * request's `requester` (name and phone trimmed, left out when empty).
 */
export const createRequester = () => {
  const [name, setName] = createSignal('');
  const [phone, setPhone] = createSignal('');
  const [type, setType] = createSignal<RequesterType>('citizen');
  const body = () => ({ name: name().trim() || undefined, phone: phone().trim() || undefined, type: type() });
  return { name, setName, phone, setPhone, type, setType, body };
};

/** The requester of an intake form, from `createRequester`. */
export type Requester = ReturnType<typeof createRequester>;

/**
 * The requester's name, phone and type fields (`${idPrefix}-name`, `-phone`, `-type`). On the public
 * portal (`isPublic`) the phone is marked required and asks for a phone keyboard, and the type is a
 * row of radios; the hotline's operator picks the type from a drop-down.
 */
export const RequesterFields: Component<{ idPrefix: string; requester: Requester; isPublic?: boolean }> = (
  props,
) => (
  <>
    <TextField
      id={`${props.idPrefix}-name`}
      label={ct('portal.requesterName')}
      value={props.requester.name()}
      onValue={props.requester.setName}
    />
    <TextField
      id={`${props.idPrefix}-phone`}
      label={
        props.isPublic ? (
          <>
            {ct('portal.requesterPhone')} <span class="jf-required">*</span>
          </>
        ) : (
          ct('portal.requesterPhone')
        )
      }
      type="tel"
      inputmode={props.isPublic ? 'tel' : undefined}
      autocomplete={props.isPublic ? 'tel' : undefined}
      value={props.requester.phone()}
      onValue={props.requester.setPhone}
    />
    <Dynamic
      component={props.isPublic ? RadioGroupField : SelectField}
      {...(props.isPublic ? { name: `${props.idPrefix}-type` } : { id: `${props.idPrefix}-type` })}
      label={ct('portal.requesterType')}
      value={props.requester.type()}
      onValue={(value: string) => props.requester.setType(value as RequesterType)}
      options={requesterTypeOptions()}
    />
  </>
);

const [units, setUnits] = createSignal<Unit[]>([]);

/** Loads the units visible to the caller (pages call it on mount; the scope depends on who is signed in). */
export const loadUnits = async (): Promise<void> => {
  try {
    setUnits((await api.units()).items);
  } catch {
    // Names fall back to unit ids.
  }
};

/** All units visible to the caller. */
export const allUnits = (): Unit[] => units();

/** The display name of a unit id, or the id itself when unknown. */
export const unitName = (id: string | null | undefined): string => {
  if (!id) return '—';
  const unit = units().find((u) => u.id === id);
  if (!unit) return id;
  return locale() === 'en' && unit.nameEn ? unit.nameEn : unit.name;
};

/** Unit names joined for display. */
export const unitNames = (ids: readonly string[] | null | undefined): string =>
  ids && ids.length > 0 ? ids.map(unitName).join('、') : '—';

/**
 * One history event as a readable line: the action's label; a ladder step (催办, 督办) by the label
 * the SLA policy gives it, a supervision with its level; a deadline notice by its kind; else the type.
 */
export const eventTitle = (event: CaseEventRecord): string => {
  if (event.type === 'transitioned' && event.payload.action) return actionLabel(event.payload.action);
  if (event.type === 'caseOpened') return ct('cases.opened');
  const stepLabel = localText(event.payload.label as Bilingual | undefined);
  if (event.type === 'reminded') return stepLabel || ct('cases.event.reminded');
  if (event.type === 'escalated') {
    const level = typeof event.payload.level === 'number' ? event.payload.level : 1;
    return `${stepLabel || ct('cases.event.escalated')} · ${ct('cases.event.level', { level })}`;
  }
  const title = ctOr(`cases.event.${event.type}`, event.type);
  const threshold = event.payload.threshold;
  return event.type === 'slaWarning' && typeof threshold === 'number'
    ? `${title} · ${ct('cases.event.used', { percent: Math.round(threshold * 100) })}`
    : title;
};

const isShown = (value: unknown): boolean =>
  value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

/** A field's title in the current language from its schema (`title`, `x-title-en`), or its key. */
const fieldTitle = (schema: Record<string, unknown> | undefined, key: string): string => {
  const zh = typeof schema?.title === 'string' ? schema.title : '';
  const en = typeof schema?.['x-title-en'] === 'string' ? (schema['x-title-en'] as string) : '';
  return (locale() === 'en' ? en || zh : zh || en) || key;
};

/** A value as its schema shows it: yes/no, unit names for `baton-unit`, the title of a `oneOf` choice, lists joined. */
const fieldText = (schema: Record<string, unknown> | undefined, value: unknown): string => {
  if (Array.isArray(value)) {
    const items = schema?.items as Record<string, unknown> | undefined;
    return value.map((v) => fieldText(items, v)).join('、');
  }
  if (typeof value === 'boolean') return ct(value ? 'config.yes' : 'config.no');
  if (schema?.format === UNIT_FORMAT && typeof value === 'string') return unitName(value);
  const choice = (schema?.oneOf as { const?: unknown; title?: string }[] | undefined)?.find(
    (c) => c.const === value,
  );
  if (choice?.title) return choice.title;
  // Instants (declared date-time, or an RFC 3339 value) in the district's zone, like every time shown.
  if (
    typeof value === 'string' &&
    (schema?.format === 'date-time' ||
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value))
  )
    return formatWhen(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

/** What a person entered with an action, each field labelled and shown as the action's declared form shows it. */
export const EventInput: Component<{ action?: string; input?: Record<string, unknown> }> = (props) => {
  const properties = (): Record<string, Record<string, unknown>> =>
    ((props.action ? actionOf(props.action)?.input?.schema.properties : undefined) ?? {}) as Record<
      string,
      Record<string, unknown>
    >;
  const entries = () => Object.entries(props.input ?? {}).filter(([, value]) => isShown(value));
  return (
    <Show when={entries().length > 0}>
      <dl class="event-input">
        <For each={entries()}>
          {([key, value]) => (
            <>
              <dt>{fieldTitle(properties()[key], key)}</dt>
              <dd>{fieldText(properties()[key], value)}</dd>
            </>
          )}
        </For>
      </dl>
    </Show>
  );
};
