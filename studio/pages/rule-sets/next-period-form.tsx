/** @module "Prepare next year": a new rule set on the same timeline, copied from a published version for the period that follows. */
import type { Component } from 'solid-js';
import { createSignal, Show } from 'solid-js';
import { errorText } from '../../lib/error-text.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FormActions } from '../../components/form-actions.tsx';
import { rt } from './messages.ts';
import { navigate } from '../../router.ts';
import type { LocalizedText } from '../../api/rule-sets.ts';
import { ruleSetApi } from '../../api/rule-sets.ts';
import { editorPath } from './shared.tsx';

/** The text with its (last) four-digit year moved on by one, or null when it names none. */
export const nextYearIn = (text: string): string | null => {
  const matches = [...text.matchAll(/(?<!\d)(\d{4})(?!\d)/g)];
  const last = matches[matches.length - 1];
  if (!last || last.index === undefined) return null;
  const year = String(Number(last[1]) + 1);
  return text.slice(0, last.index) + year + text.slice(last.index + 4);
};

/** Suggested id and names of the next period's rule set. */
export const suggestNext = (
  id: string,
  name: LocalizedText | string,
): { id: string; name: LocalizedText } => {
  const zh = typeof name === 'string' ? name : name.zh;
  const en = typeof name === 'string' ? name : name.en;
  return {
    id: nextYearIn(id) ?? `${id}-next`,
    name: { zh: nextYearIn(zh) ?? `${zh}（下一期间）`, en: nextYearIn(en) ?? `${en} (next period)` },
  };
};

/** A button that opens a small form, creates the next period's draft and opens it in the editor. */
export const NextPeriodForm: Component<{
  ruleSetId: string;
  number: number;
  name: LocalizedText | string;
  disabled?: boolean;
}> = (props) => {
  const suggested = suggestNext(props.ruleSetId, props.name);
  const [isOpen, setOpen] = createSignal(false);
  const [id, setId] = createSignal(suggested.id);
  const [zh, setZh] = createSignal(suggested.name.zh);
  const [en, setEn] = createSignal(suggested.name.en);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const create = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const draft = await ruleSetApi.prepareNextPeriod(props.ruleSetId, props.number, {
        newId: id().trim(),
        name: { zh: zh().trim(), en: en().trim() },
      });
      navigate(editorPath(draft.ruleSetId, draft.number));
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };

  return (
    <Show
      when={isOpen()}
      fallback={
        <button
          type="button"
          class="btn btn--small"
          disabled={props.disabled}
          data-testid="next-period-open"
          onClick={() => setOpen(true)}
        >
          {rt('nextPeriod.open')}
        </button>
      }
    >
      <form class="next-period" data-testid="next-period-form" onSubmit={create}>
        <strong>{rt('nextPeriod.title')}</strong>
        <p class="muted small">{rt('nextPeriod.hint')}</p>
        <label>
          {rt('nextPeriod.id')}
          <input
            value={id()}
            onInput={(e) => setId(e.currentTarget.value)}
            required
            data-testid="next-period-id"
          />
        </label>
        <label>
          {rt('nextPeriod.zh')}
          <input value={zh()} onInput={(e) => setZh(e.currentTarget.value)} required />
        </label>
        <label>
          {rt('nextPeriod.en')}
          <input value={en()} onInput={(e) => setEn(e.currentTarget.value)} required />
        </label>
        <ErrorAlert message={error() ?? ''} testId="next-period-error" />
        <FormActions
          rowClass="actions"
          class="btn btn--small btn--primary"
          busy={busy()}
          testId="next-period-create"
          secondary={{
            label: rt('common.cancel'),
            onClick: () => setOpen(false),
            class: 'btn btn--small',
          }}
        >
          {rt('nextPeriod.create')}
        </FormActions>
      </form>
    </Show>
  );
};
