/** @module Small pieces the case pages share: SLA light, status and priority badges, unit names, event lines. */
import type { Component } from 'solid-js';
import { createSignal, Show } from 'solid-js';
import type { Unit } from '../../api.ts';
import { api } from '../../api.ts';
import type { Bilingual, CaseEventRecord } from '../../cases-api.ts';
import { locale } from '../../i18n/index.ts';
import { ct, ctOr, localText } from './messages.ts';

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

/** The workflow state's own label (from the server) as a badge. */
export const CaseStatusBadge: Component<{ status: string; label?: Bilingual | null }> = (props) => (
  <span class={`case-status case-status--${props.status}`} data-status={props.status}>
    {props.label ? localText(props.label) : props.status}
  </span>
);

/** The single row a case table shows while its list loads, or when the list is empty. */
export const LoadingOrEmptyRow: Component<{ colSpan: number; loading: boolean; empty: string }> = (props) => (
  <tr>
    <td colSpan={props.colSpan} class="muted">
      {props.loading ? ct('common.loading') : props.empty}
    </td>
  </tr>
);

/** Priority as text, urgent ones highlighted. */
export const PriorityText: Component<{ priority: string }> = (props) => (
  <span class={`priority priority--${props.priority}`}>
    {ctOr(`priority.${props.priority}`, props.priority)}
  </span>
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

/** One history event as a readable line: the action's label, or the event type. */
export const eventTitle = (event: CaseEventRecord): string => {
  if (event.type === 'transitioned' && event.payload.action) {
    return ctOr(`action.${event.payload.action}`, event.payload.action);
  }
  if (event.type === 'caseOpened') return ctOr('action.intake', event.type);
  return event.type;
};

const inputKeys = ['reason', 'result', 'reply', 'opinion', 'comment', 'satisfaction', 'workingDays'] as const;

/** The texts a person typed with an action (reason, reply …), labelled. */
export const EventInput: Component<{ input?: Record<string, unknown> }> = (props) => (
  <Show
    when={props.input && inputKeys.some((k) => props.input?.[k] !== undefined && props.input?.[k] !== '')}
  >
    <dl class="event-input">
      {inputKeys
        .filter((k) => props.input?.[k] !== undefined && props.input?.[k] !== '')
        .map((k) => {
          const value = props.input?.[k];
          const label =
            k === 'satisfaction'
              ? ct('portal.rateTitle')
              : k === 'comment'
                ? ct('portal.comment')
                : k === 'workingDays'
                  ? ct('cases.workingDays')
                  : ct(`cases.${k}` as 'cases.reason');
          const text =
            k === 'satisfaction' ? ctOr(`satisfaction.${String(value)}`, String(value)) : String(value);
          return (
            <>
              <dt>{label}</dt>
              <dd>{text}</dd>
            </>
          );
        })}
    </dl>
  </Show>
);
