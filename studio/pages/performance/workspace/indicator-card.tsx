/** @module One indicator of the monthly form: its heading, its form (our JSON Forms renderers) prefilled with what was submitted, its evidence files. */
import type { JsonFormsI18nState, JsonSchema, Translator, UISchemaElement } from '@jsonforms/core';
import type Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import type { Component } from 'solid-js';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { evaluate } from '../../../../engine/core/rule-language.ts';
import type { JsonFormsHandle } from '../../../forms/index.ts';
import { createErrorTranslator, JsonForms } from '../../../forms/index.ts';
import { locale, tryT } from '../../../i18n/index.ts';
import { errorText } from '../../../lib/error-text.ts';
import { busyWhile } from '../../../lib/busy.ts';
import { formatDistrictTime } from '../../../lib/server-clock.ts';
import type { AttachmentMeta } from '../../../api/performance.ts';
import { performanceApi } from '../../../api/performance.ts';
import { localizeUiSchema } from '../form-model.ts';
import { local } from '../messages.ts';
import type { MonthlyIndicator } from '../../../api/performance-workspace.ts';
import { localizeSchema } from './field-values.tsx';
import { wt } from './messages.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { StatusHint } from '../../../components/feedback.tsx';

/** What the monthly form asks of a card when it submits. */
export interface CardCollect {
  indicatorId: string;
  /** Nothing typed in: the indicator is left out of the submission. */
  isEmpty: boolean;
  /** Fields failing the schema or a cross-field check (0 when valid). */
  invalidCount: number;
  data: Record<string, unknown>;
  /** Evidence files picked in this session (undefined: keep the entry's files). */
  files: string[] | undefined;
}

/** The card's side of the monthly form: collect its values, show the server's errors at the fields. */
export interface CardApi {
  collect: () => CardCollect;
  showErrors: (errors: { path: string; message: string }[]) => void;
}

/** True when a value holds nothing typed in (empty text, empty list, object of empties). */
export const isBlank = (value: unknown): boolean => {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value as object).every(isBlank);
  return false;
};

/** Messages of the cross-field checks that fail for `data` (same JSON Logic as the server), as field errors. */
const failedChecks = (indicator: MonthlyIndicator, data: unknown): ErrorObject[] =>
  (indicator.checks ?? []).flatMap((check) => {
    let isOk = false;
    try {
      isOk = Boolean(evaluate(check.rule, data));
    } catch {
      isOk = false;
    }
    return isOk
      ? []
      : [
          {
            instancePath: check.path ?? '',
            keyword: 'check',
            schemaPath: '',
            params: {},
            message: local(check.message),
          } as ErrorObject,
        ];
  });

const readBase64 = (file: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });

const size = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} kB`
      : `${(bytes / 1048576).toFixed(2)} MB`;

/** A file's fingerprint shortened for reading (the full one is in the title). */
export const fingerprint = (sha256: string): string => `${sha256.slice(0, 8)} ${sha256.slice(8, 16)}`;

/** The i18n hooks of the renderers: our messages, our error translator. */
export const useFormsI18n = () => {
  const translateError = createErrorTranslator();
  return createMemo(
    (): JsonFormsI18nState => ({
      locale: locale(),
      translate: ((id: string, fallback?: string) => tryT(id) ?? fallback) as Translator,
      translateError,
    }),
  );
};

/**
 * An indicator's form prefilled with its entry's values. Built again in the other language (titles
 * and help come from the schema), keeping what was typed.
 */
export const IndicatorForm: Component<{
  indicator: MonthlyIndicator;
  ajv: Ajv;
  additionalErrors?: ErrorObject[];
  controller: (handle: JsonFormsHandle) => void;
}> = (props) => {
  const i18n = useFormsI18n();
  let typed: unknown = structuredClone(props.indicator.entry?.values ?? {});
  const schema = createMemo(() => localizeSchema(props.indicator.schema) as JsonSchema);
  const uischema = createMemo(
    () =>
      (props.indicator.uiSchema ? localizeUiSchema(props.indicator.uiSchema, locale()) : undefined) as
        | UISchemaElement
        | undefined,
  );
  return (
    <Show when={locale()} keyed>
      {(_language) => (
        <JsonForms
          schema={schema()}
          uischema={uischema()}
          data={structuredClone(typed)}
          i18n={i18n()}
          ajv={props.ajv}
          additionalErrors={props.additionalErrors}
          onChange={(change) => {
            typed = change.data ?? {};
          }}
          controller={props.controller}
        />
      )}
    </Show>
  );
};

/** An indicator's header line: code, name, status chips, target and who submitted when. */
export const IndicatorHeading: Component<{ indicator: MonthlyIndicator; headingId: string }> = (props) => (
  <div class="ws-card__head">
    <h4 class="ws-card__title" id={props.headingId}>
      <span class="mono small">{props.indicator.code}</span> {local(props.indicator.name)}
    </h4>
    <div class="ws-card__facts">
      <Show
        when={props.indicator.entry}
        fallback={
          <span class="perf-status perf-status--notDue" data-testid="indicator-state" data-state="empty">
            {wt('ws.indicator.empty')}
          </span>
        }
      >
        <span class="perf-status perf-status--submitted" data-testid="indicator-state" data-state="filled">
          {wt('ws.indicator.filled')}
        </span>
      </Show>
      <Show when={props.indicator.entry?.isLate}>
        <span class="perf-status perf-status--late">{wt('ws.indicator.late')}</span>
      </Show>
      <Show when={props.indicator.pendingAmendment}>
        <span class="perf-status perf-status--pending" data-testid="indicator-pending">
          {wt('ws.indicator.pending')}
        </span>
      </Show>
      <Show when={props.indicator.target !== null}>
        <span class="muted small">{wt('ws.target', { value: props.indicator.target })}</span>
      </Show>
      <Show when={props.indicator.entry}>
        {(entry) => (
          <span class="muted small">
            {wt('ws.lastSubmitted', { by: entry().submittedBy, at: formatDistrictTime(entry().submittedAt) })}
          </span>
        )}
      </Show>
    </div>
  </div>
);

/** Links to an entry's evidence files, each with its fingerprint. */
export const EntryFiles: Component<{ shas: readonly string[]; testId?: string }> = (props) => (
  <Show when={props.shas.length > 0}>
    <ul class="ws-files">
      <For each={props.shas}>
        {(sha, i) => (
          <li>
            <a
              href={performanceApi.attachmentUrl(sha)}
              data-testid={props.testId ?? 'entry-attachment'}
              data-sha={sha}
              title={wt('ws.attachFingerprint', { code: sha })}
            >
              {wt('ws.attachFile', { n: i() + 1 })}
            </a>{' '}
            <span class="muted small">{wt('ws.attachFingerprint', { code: fingerprint(sha) })}</span>
          </li>
        )}
      </For>
    </ul>
  </Show>
);

/** One indicator of an open month: its form, prefilled with the submitted values, and its evidence. */
export const IndicatorCard: Component<{
  indicator: MonthlyIndicator;
  ajv: Ajv;
  register: (api: CardApi) => void;
}> = (props) => {
  const ind = props.indicator;
  const headingId = `ws-ind-${ind.indicatorId.replace(/[^\w-]/g, '-')}`;
  const [extraErrors, setExtraErrors] = createSignal<ErrorObject[]>([]);
  const [files, setFiles] = createSignal<AttachmentMeta[] | undefined>();
  const [isUploading, setUploading] = createSignal(false);
  const [uploadError, setUploadError] = createSignal('');
  let handle: JsonFormsHandle | undefined;

  props.register({
    collect: () => {
      const data = (handle?.data() ?? {}) as Record<string, unknown>;
      const picked = files()?.map((f) => f.sha256);
      if (isBlank(data))
        return { indicatorId: ind.indicatorId, isEmpty: true, invalidCount: 0, data, files: picked };
      const checks = failedChecks(ind, data);
      setExtraErrors(checks);
      const outcome = handle?.validateAll() ?? { valid: true, errors: [] };
      const paths = new Set([
        ...outcome.errors.map((e) => e.instancePath),
        ...checks.map((e) => e.instancePath),
      ]);
      return {
        indicatorId: ind.indicatorId,
        isEmpty: false,
        invalidCount: outcome.valid && checks.length === 0 ? 0 : paths.size,
        data,
        files: picked,
      };
    },
    showErrors: (errors) =>
      setExtraErrors(
        errors.map(
          (e) =>
            ({
              instancePath: e.path,
              keyword: 'server',
              schemaPath: '',
              params: {},
              message: e.message,
            }) as ErrorObject,
        ),
      ),
  });

  const upload = async (list: FileList | null): Promise<void> => {
    if (!list || list.length === 0) return;
    setUploadError('');
    await busyWhile(
      setUploading,
      (error) => setUploadError(errorText(error)),
      async () => {
        for (const file of [...list]) {
          const stored = await performanceApi.uploadAttachment({
            name: file.name,
            mime: file.type || 'application/octet-stream',
            contentBase64: await readBase64(file),
          });
          const kept = files() ?? [];
          setFiles([...kept.filter((a) => a.sha256 !== stored.sha256), stored]);
        }
      },
    );
  };

  return (
    <article
      class="ws-card"
      aria-labelledby={headingId}
      data-testid={`indicator-${ind.indicatorId}`}
      data-indicator={ind.indicatorId}
    >
      <IndicatorHeading indicator={ind} headingId={headingId} />
      <IndicatorForm
        indicator={ind}
        ajv={props.ajv}
        additionalErrors={extraErrors()}
        controller={(h) => {
          handle = h;
        }}
      />
      <details class="ws-attach" data-testid="attachments" open={files() !== undefined || undefined}>
        <summary>
          {wt('ws.attach')}
          <Show when={(files() ?? ind.entry?.attachments ?? []).length > 0}>
            {' '}
            <span class="muted small">({(files() ?? ind.entry?.attachments ?? []).length})</span>
          </Show>
        </summary>
        <p class="muted small">{wt('ws.attachHint')}</p>
        <Show when={files() === undefined}>
          <EntryFiles shas={ind.entry?.attachments ?? []} />
        </Show>
        <label class="ws-attach__pick">
          <span>{wt('ws.attachPick')}</span>
          <input
            type="file"
            multiple
            data-testid="attach-input"
            disabled={isUploading()}
            onChange={(e) => {
              const input = e.currentTarget;
              void upload(input.files).then(() => {
                input.value = '';
              });
            }}
          />
        </label>
        <StatusHint message={isUploading() ? wt('ws.attachUploading') : ''} />
        <ErrorAlert message={uploadError()} />
        <Show when={(files() ?? []).length > 0}>
          <ul class="ws-files" data-testid="attach-list">
            <For each={files()}>
              {(a) => (
                <li data-testid="attach-row" data-sha={a.sha256}>
                  <a href={performanceApi.attachmentUrl(a.sha256)}>{a.name}</a>{' '}
                  <span class="muted small">{size(a.size)}</span>
                  <Show when={a.isDuplicate}>
                    {' '}
                    <span class="badge">{wt('ws.attachDuplicate')}</span>
                  </Show>
                  <div class="muted small" data-testid="attach-sha" data-sha={a.sha256} title={a.sha256}>
                    {wt('ws.attachFingerprint', { code: fingerprint(a.sha256) })}
                  </div>
                  <button
                    type="button"
                    class="btn btn--small"
                    onClick={() => setFiles((files() ?? []).filter((x) => x.sha256 !== a.sha256))}
                  >
                    {wt('ws.attachRemove')}
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </details>
    </article>
  );
};
