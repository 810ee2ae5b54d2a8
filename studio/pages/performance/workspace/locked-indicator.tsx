/** @module One indicator of a locked month: the submitted values as labelled read-only fields, and the amendment request made from the same screen. */
import type Ajv from 'ajv';
import type { Component } from 'solid-js';
import { createSignal, For, Show } from 'solid-js';
import { ApiError } from '../../../api/http.ts';
import { showToast } from '../../../components/feedback.tsx';
import { NoticeAlert } from '../../../components/notice-alert.tsx';
import type { JsonFormsHandle } from '../../../forms/index.ts';
import { locale } from '../../../i18n/index.ts';
import { errorText } from '../../../lib/error-text.ts';
import { performanceApi } from '../../../api/performance.ts';
import { local } from '../messages.ts';
import type { MonthlyIndicator } from '../../../api/performance-workspace.ts';
import { FieldValues } from './field-values.tsx';
import { EntryFiles, IndicatorForm, IndicatorHeading } from './indicator-card.tsx';
import { wt } from './messages.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';

/** The amendment editor: the indicator's form prefilled with the locked values, and a reason. */
const AmendEditor: Component<{
  indicator: MonthlyIndicator;
  ajv: Ajv;
  onDone: () => void;
  onClose: () => void;
}> = (props) => {
  const [reason, setReason] = createSignal('');
  const [errors, setErrors] = createSignal<string[]>([]);
  const [success, setSuccess] = createSignal('');
  const [isBusy, setBusy] = createSignal(false);
  const reasonId = `ws-reason-${props.indicator.indicatorId.replace(/[^\w-]/g, '-')}`;
  let handle: JsonFormsHandle | undefined;

  const submit = async (): Promise<void> => {
    const entry = props.indicator.entry;
    if (!entry || !handle) return;
    setSuccess('');
    const outcome = handle.validateAll();
    if (!outcome.valid) {
      setErrors([wt('ws.invalid', { count: new Set(outcome.errors.map((e) => e.instancePath)).size })]);
      return;
    }
    if (!reason().trim()) {
      setErrors([wt('ws.reasonMissing')]);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      await performanceApi.requestAmendment({
        entryId: entry.id,
        values: outcome.data,
        reason: reason().trim(),
      });
      setSuccess(wt('ws.amendSent'));
      showToast(wt('ws.amendSent'));
      props.onDone();
    } catch (error) {
      const issues =
        error instanceof ApiError
          ? (error.details as { issues?: { message: string; messageZh?: string }[] } | undefined)?.issues
          : undefined;
      const texts = issues?.length
        ? issues.map((i) => (locale() === 'zh-CN' ? (i.messageZh ?? i.message) : i.message))
        : [errorText(error)];
      setErrors(texts);
      showToast(texts[0] ?? '', 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="ws-amend" data-testid="amend-panel">
      <h5 class="ws-amend__title">{wt('ws.amendTitle', { indicator: local(props.indicator.name) })}</h5>
      <IndicatorForm
        indicator={props.indicator}
        ajv={props.ajv}
        controller={(h) => {
          handle = h;
        }}
      />
      <label class="field" for={reasonId}>
        <span>{wt('ws.reason')}</span>
      </label>
      <textarea
        id={reasonId}
        class="ws-amend__reason"
        rows={3}
        value={reason()}
        data-testid="amend-reason"
        onInput={(e) => setReason(e.currentTarget.value)}
      />
      <For each={errors()}>{(text) => <ErrorAlert message={text} testId="amend-error" />}</For>
      <NoticeAlert message={success()} testId="amend-success" />
      <div class="form-actions">
        <button
          type="button"
          class="btn btn--primary"
          disabled={isBusy() || success() !== ''}
          data-testid="amend-submit"
          onClick={() => void submit()}
        >
          {isBusy() ? wt('ws.submitting') : wt('ws.amendSubmit')}
        </button>
        <button type="button" class="btn" onClick={() => props.onClose()}>
          {wt('ws.cancel')}
        </button>
      </div>
    </div>
  );
};

/** An indicator of a locked month: labelled values, evidence, and "申请更正" opening the editor in place. */
export const LockedIndicator: Component<{ indicator: MonthlyIndicator; ajv: Ajv; onAmended: () => void }> = (
  props,
) => {
  const [isEditing, setEditing] = createSignal(false);
  const headingId = `ws-ind-${props.indicator.indicatorId.replace(/[^\w-]/g, '-')}`;
  return (
    <article
      class="ws-card ws-card--locked"
      aria-labelledby={headingId}
      data-testid={`indicator-${props.indicator.indicatorId}`}
      data-indicator={props.indicator.indicatorId}
    >
      <IndicatorHeading indicator={props.indicator} headingId={headingId} />
      <Show when={props.indicator.entry} fallback={<p class="muted small">{wt('ws.noEntry')}</p>}>
        {(entry) => (
          <>
            <FieldValues schema={props.indicator.schema} values={entry().values} testId="entry-values" />
            <EntryFiles shas={entry().attachments} />
            <Show
              when={isEditing()}
              fallback={
                <Show when={!props.indicator.pendingAmendment}>
                  <button
                    type="button"
                    class="btn btn--small"
                    data-testid="amend-open"
                    onClick={() => setEditing(true)}
                  >
                    {wt('ws.amend')}
                  </button>
                </Show>
              }
            >
              <AmendEditor
                indicator={props.indicator}
                ajv={props.ajv}
                onDone={props.onAmended}
                onClose={() => setEditing(false)}
              />
            </Show>
          </>
        )}
      </Show>
    </article>
  );
};
