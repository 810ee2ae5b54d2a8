/** @module Small pieces shared by the rule-set pages: state badges, localized text, issue lists, short hashes, paths. */
import type { Component, ParentComponent } from 'solid-js';
import { For, Show } from 'solid-js';
import { locale, localText, t, tryT } from '../../i18n/index.ts';
import { kindLabel } from '../../../engine/core/ruleset/kinds/registry.ts';
import { formatDistrictTime } from '../../lib/server-clock.ts';
import type { Issue, LocalizedText, VersionStatus } from '../../api/rule-sets.ts';
import { LoadError } from '../../components/load-error.tsx';
import { href } from '../../router.ts';
import { listPath } from './helpers.ts';

export { editorPath, listPath, parseRuleSetPath, reviewPath, shortHash } from './helpers.ts';

/** A name in the current language (falls back to the other one). */
export const textOf = (value: LocalizedText | string | undefined | null): string => localText(value);

/** The other language's text, shown small next to the current one. */
export const otherTextOf = (value: LocalizedText): string => (locale() === 'en' ? value.zh : value.en);

/** A document kind's name from the engine's kind registry; the rule-set header's from the messages. */
export const kindText = (kind: string): string =>
  kind === 'ruleSet' ? (tryT('kind.ruleSet') ?? kind) : kindLabel(kind, locale() === 'en' ? 'en' : 'zh');

/** `YYYY-MM-DD HH:mm` in the district's time zone (the one every page uses); the raw value when it is not a date. */
export const formatTime = formatDistrictTime;

/** The message of an issue in the current language. */
export const issueText = (issue: Issue): string =>
  locale() === 'zh-CN' ? (issue.messageZh ?? issue.message) : issue.message;

/** An issue as listed: rule-set-wide issues name the document they sit in. */
export type ShownIssue = Issue & { documentKey?: string };

/** Coloured lifecycle badge. */
export const StatusBadge: Component<{ status: VersionStatus | string }> = (props) => (
  <span class={`state state--${props.status}`} data-testid="status-badge" data-status={props.status}>
    {tryT(`ruleSets.status.${props.status}`) ?? props.status}
  </span>
);

/** A list of issues with their JSON paths; `onPick` lets the editor jump to a path. */
export const IssueList: Component<{
  issues: ShownIssue[];
  testId: string;
  emptyText?: string;
  /** The empty state is "not checked yet" rather than "fine". */
  isPending?: boolean;
  onPick?: (issue: ShownIssue) => void;
}> = (props) => (
  <Show
    when={props.issues.length > 0}
    fallback={
      <Show when={props.emptyText}>
        <Show
          when={!props.isPending}
          fallback={
            <p class="muted small" data-testid={`${props.testId}-pending`}>
              {props.emptyText}
            </p>
          }
        >
          <p class="issues__ok" data-testid={`${props.testId}-ok`}>
            ✓ {props.emptyText}
          </p>
        </Show>
      </Show>
    }
  >
    <ul class="issues" data-testid={props.testId}>
      <For each={props.issues}>
        {(issue) => (
          <li class={`issue issue--${issue.severity ?? 'error'}`}>
            <button
              type="button"
              class="issue__path mono"
              disabled={!props.onPick}
              onClick={() => props.onPick?.(issue)}
              title={`${t('editor.jumpToPath')} · ${issue.code}`}
            >
              {/* Where the issue is, as a locator into the document (the raw view shows the same path). */}
              <code>
                <Show when={issue.documentKey}>{`${issue.documentKey} `}</Show>
                {issue.path || '/'}
              </code>
            </button>
            <span class="issue__message" data-code={issue.code}>
              {issueText(issue)}
            </span>
          </li>
        )}
      </For>
    </ul>
  </Show>
);

/** A dangerous action behind a second click: the button asks, then says `confirmLabel` and does it, beside a cancel button. */
export const ConfirmButton: Component<{
  label: string;
  confirmLabel: string;
  cancelLabel: string;
  confirming: boolean;
  disabled: boolean;
  onAsk: () => void;
  onConfirm: () => void;
  onCancel: () => void;
}> = (props) => (
  <>
    <button
      type="button"
      class="btn btn--small btn--danger"
      disabled={props.disabled}
      onClick={() => (props.confirming ? props.onConfirm() : props.onAsk())}
    >
      {props.confirming ? props.confirmLabel : props.label}
    </button>
    <Show when={props.confirming}>
      <button type="button" class="btn btn--small btn--ghost" onClick={() => props.onCancel()}>
        {props.cancelLabel}
      </button>
    </Show>
  </>
);

/**
 * The frame of a page about one version (its editor, its review): the wide page titled by
 * `#page-title`, the breadcrumb back to the rule-set list, and the version's load error.
 */
export const VersionPage: ParentComponent<{ error: unknown }> = (props) => (
  <section class="page page--wide" aria-labelledby="page-title">
    <p class="breadcrumb">
      <a href={href(listPath)}>{t('ruleSets.title')}</a> /
    </p>
    <LoadError error={props.error} />
    {props.children}
  </section>
);
