/** @module Citizen portal (public, no sign-in): submit a request from its category's intake form, track it by number + password, rate the result. */
import type { Component } from 'solid-js';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { CaseCategory, PublicCase } from '../../api/cases.ts';
import { publicCasesApi, casesApi } from '../../api/cases.ts';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { FormActions, SubmitButton } from '../../components/form-actions.tsx';
import type { JsonFormsHandle } from '../../forms/index.ts';
import { href, navigate, routePath } from '../../router.ts';
import { ct, formatWhen, localText } from './messages.ts';
import '../rule-sets/rule-sets.css';
import './cases.css';
import { CaseLoadError, CaseStatusBadge, createRequester, RequesterFields } from './shared.tsx';
import { errorText } from '../../lib/error-text.ts';
import { busyWhile } from '../../lib/busy.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { NoticeAlert } from '../../components/notice-alert.tsx';
import { BrandBlock } from '../../components/brand.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { TitledPanel } from '../../components/titled-panel.tsx';
import { lazyPage } from '../../lib/lazy-page.tsx';

/** Groups categories by their group label, keeping the document order. */
const groupCategories = (items: CaseCategory[]): { group: string; items: CaseCategory[] }[] => {
  const groups: { group: string; items: CaseCategory[] }[] = [];
  for (const item of items) {
    const group = localText(item.group);
    const existing = groups.find((g) => g.group === group);
    if (existing) existing.items.push(item);
    else groups.push({ group, items: [item] });
  }
  return groups;
};

// The form renderers (JSON Forms, ajv) load once a category is chosen: tracking a case never needs them.
const CaseIntakeForm = lazyPage(
  () => import('./case-form.tsx').then((m) => m.CaseIntakeForm),
  () => <p class="muted">{ct('common.loading')}</p>,
);

/** What the receipt shows, in order: the case number, then the password to track it with. */
const receiptCodes = [
  { key: 'number', label: 'portal.caseNumber', testId: 'receipt-number' },
  { key: 'queryPassword', label: 'portal.queryPassword', testId: 'receipt-password' },
] as const;

const SubmitView: Component<{ onTrack: (number: string, password: string) => void }> = (props) => {
  const [categories] = createResource(() => casesApi.categories());
  const [code, setCode] = createSignal('');
  const requester = createRequester();
  const [invalidCount, setInvalidCount] = createSignal(0);
  const [isBusy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal('');
  const [receipt, setReceipt] = createSignal<{ number: string; queryPassword: string } | null>(null);
  const category = () => categories()?.find((c) => c.code === code());
  let form: JsonFormsHandle | undefined;

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setFailure('');
    if (!form || !category()) return;
    const outcome = form.validateAll();
    // One per field to fix: a missing required field's error sits on its parent (instancePath ''),
    // and one field may break several keywords.
    const count = new Set(
      outcome.errors.map((e) =>
        e.keyword === 'required' ? `${e.instancePath}/${String(e.params.missingProperty)}` : e.instancePath,
      ),
    ).size;
    setInvalidCount(outcome.valid ? 0 : Math.max(count, 1));
    if (!outcome.valid) return;
    if (!requester.phone().trim()) {
      setFailure(ct('portal.phoneMissing'));
      return;
    }
    const data = { ...(outcome.data as Record<string, unknown>) };
    const text = String(data.content ?? '');
    await busyWhile(
      setBusy,
      (error) => setFailure(errorText(error)),
      async () => {
        const reply = await publicCasesApi.submit({
          category: code(),
          text,
          data,
          requester: requester.body(),
          location: typeof data.address === 'string' ? { address: data.address } : undefined,
        });
        setReceipt({ number: reply.number, queryPassword: reply.queryPassword });
      },
    );
  };

  return (
    <Show
      when={receipt()}
      fallback={
        <form class="panel portal-form" onSubmit={submit} novalidate data-testid="portal-submit-form">
          <SelectField
            id="portal-category"
            label={ct('portal.chooseCategory')}
            hint={ct('portal.chooseCategoryHelp')}
            value={code()}
            onValue={(value) => {
              setCode(value);
              setInvalidCount(0);
            }}
            placeholder={ct('portal.chooseCategory')}
          >
            <For each={groupCategories(categories() ?? [])}>
              {(group) => (
                <optgroup label={group.group}>
                  <For each={group.items}>{(c) => <option value={c.code}>{localText(c.name)}</option>}</For>
                </optgroup>
              )}
            </For>
          </SelectField>
          <CaseLoadError error={categories.error} />
          <Show when={category()} keyed>
            {(chosen) => (
              <>
                <h2 class="panel__title portal-form__title">{localText(chosen.name)}</h2>
                <CaseIntakeForm
                  category={chosen}
                  controller={(handle) => {
                    form = handle;
                  }}
                />
                <fieldset class="portal-requester">
                  <legend>{ct('portal.requester')}</legend>
                  <RequesterFields idPrefix="portal" requester={requester} isPublic />
                </fieldset>
                <Show when={invalidCount() > 0}>
                  <div class="alert alert--error" role="alert" data-testid="portal-invalid">
                    {ct('portal.invalid', { count: invalidCount() })}
                  </div>
                </Show>
                <ErrorAlert message={failure()} />
                <FormActions busy={isBusy()} busyLabel={ct('portal.submitting')}>
                  {ct('portal.submit')}
                </FormActions>
              </>
            )}
          </Show>
        </form>
      }
    >
      {(done) => (
        <section class="panel receipt" aria-labelledby="receipt-title" data-testid="portal-receipt">
          <h2 id="receipt-title" class="receipt__title">
            ✓ {ct('portal.submitted')}
          </h2>
          <dl class="receipt__codes">
            <For each={receiptCodes}>
              {(code) => (
                <div>
                  <dt>{ct(code.label)}</dt>
                  <dd class="receipt__code" data-testid={code.testId}>
                    {done()[code.key]}
                  </dd>
                </div>
              )}
            </For>
          </dl>
          <p class="receipt__note" role="note">
            {ct('portal.keepNote')}
          </p>
          <div class="form-actions">
            <button
              type="button"
              class="btn btn--primary"
              onClick={() => props.onTrack(done().number, done().queryPassword)}
            >
              {ct('portal.trackThis')}
            </button>
            <button
              type="button"
              class="btn"
              onClick={() => {
                setReceipt(null);
                setCode('');
              }}
            >
              {ct('portal.newCase')}
            </button>
          </div>
        </section>
      )}
    </Show>
  );
};

/** States in which the handling is finished, so the deadline was met or missed rather than still running. */
const handledStates = new Set([
  'handled',
  'replied',
  'verified',
  'notified',
  'reviewPending',
  'rated',
  'closed',
]);

const onTimeText = (status: string, isOnTime: boolean): string =>
  handledStates.has(status)
    ? ct(isOnTime ? 'portal.metOnTime' : 'portal.metLate')
    : ct(isOnTime ? 'portal.onTime' : 'portal.overdue');

const TrackView: Component<{ initial?: { number: string; password: string } }> = (props) => {
  const [number, setNumber] = createSignal(props.initial?.number ?? '');
  const [password, setPassword] = createSignal(props.initial?.password ?? '');
  const [found, setFound] = createSignal<PublicCase | null>(null);
  const [failure, setFailure] = createSignal('');
  const [isBusy, setBusy] = createSignal(false);
  const [satisfaction, setSatisfaction] = createSignal('');
  const [comment, setComment] = createSignal('');
  const [isRated, setRated] = createSignal(false);

  const lookup = async (event?: SubmitEvent): Promise<void> => {
    event?.preventDefault();
    setFailure('');
    await busyWhile(
      setBusy,
      (error) => {
        setFound(null);
        setFailure(errorText(error));
      },
      async () => {
        setFound(await publicCasesApi.lookup({ number: number().trim(), password: password().trim() }));
      },
    );
  };
  const rate = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setFailure('');
    if (!satisfaction()) return;
    await busyWhile(
      setBusy,
      (error) => setFailure(errorText(error)),
      async () => {
        setFound(
          await publicCasesApi.rate({
            number: number().trim(),
            password: password().trim(),
            satisfaction: satisfaction(),
            comment: comment().trim() || undefined,
          }),
        );
        setRated(true);
      },
    );
  };
  if (props.initial) void lookup();

  return (
    <>
      <form class="panel track-form" onSubmit={lookup} data-testid="portal-track-form">
        <h2 class="panel__title">{ct('portal.trackTitle')}</h2>
        <p class="muted">{ct('portal.trackHelp')}</p>
        <div class="track-form__fields">
          <TextField
            id="track-number"
            label={ct('portal.caseNumber')}
            value={number()}
            autocomplete="off"
            onValue={setNumber}
          />
          <TextField
            id="track-password"
            label={ct('portal.queryPassword')}
            type="password"
            inputmode="numeric"
            autocomplete="off"
            value={password()}
            onValue={setPassword}
          />
          <SubmitButton busy={isBusy()} busyLabel={ct('portal.tracking')} disabled={!number() || !password()}>
            {ct('portal.track')}
          </SubmitButton>
        </div>
        <ErrorAlert message={failure()} />
      </form>
      <Show when={found()}>
        {(item) => (
          <TitledPanel
            titleId="track-result-title"
            testId="portal-case"
            title={
              <>
                {ct('portal.caseNumber')} {item().number}
              </>
            }
          >
            <Show when={item().mergedInto}>
              {(carrier) => (
                <p
                  class="alert alert--warning portal-merged"
                  role="status"
                  data-testid="portal-merged-into"
                  data-case={carrier().number}
                >
                  {ct('portal.mergedInto', { number: carrier().number })}
                </p>
              )}
            </Show>
            <dl class="facts">
              <dt>{ct('portal.status')}</dt>
              <dd data-testid="portal-status">
                <CaseStatusBadge status={item().status} label={item().statusLabel} />
              </dd>
              <dt>{ct('portal.category')}</dt>
              <dd>{localText(item().categoryName) || item().category}</dd>
              <dt>{ct('portal.submittedAt')}</dt>
              <dd>{formatWhen(item().createdAt)}</dd>
              <Show when={item().sla}>
                {(sla) => (
                  <>
                    <dt>{ct('portal.deadline')}</dt>
                    <dd
                      data-testid="portal-deadline"
                      data-deadline={sla().deadline ?? ''}
                      data-on-time={sla().isOnTime === null ? '' : String(sla().isOnTime)}
                    >
                      {sla().deadline ? formatWhen(sla().deadline) : ct('portal.notTimed')}
                      <Show when={sla().isOnTime !== null}>
                        {' '}
                        <span
                          class={sla().isOnTime ? 'portal-sla--ok' : 'portal-sla--late'}
                          data-testid="portal-on-time"
                        >
                          {onTimeText(item().status, sla().isOnTime === true)}
                        </span>
                      </Show>
                    </dd>
                  </>
                )}
              </Show>
              <Show when={item().leadUnitName}>
                <dt>{ct('cases.lead')}</dt>
                <dd>{localText(item().leadUnitName)}</dd>
              </Show>
            </dl>
            <h3 class="section-title">{ct('portal.timeline')}</h3>
            <ol class="timeline" data-testid="portal-timeline">
              <For each={item().progress}>
                {(step) => (
                  <li class="timeline__item">
                    <time class="timeline__time">{formatWhen(step.at)}</time>
                    <span class="timeline__label">{localText(step.label)}</span>
                  </li>
                )}
              </For>
            </ol>
            <h3 class="section-title">{ct('portal.result')}</h3>
            <p class="reply-text" data-testid="portal-reply">
              {item().reply ?? ct('portal.noResult')}
            </p>
            <Show when={item().rating}>
              {(rating) => (
                <p data-testid="portal-rating">
                  {ct('portal.rateTitle')}：
                  {ct(`satisfaction.${rating().satisfaction}` as 'satisfaction.satisfied')}
                  <Show when={rating().comment}> — {rating().comment}</Show>
                </p>
              )}
            </Show>
            <NoticeAlert message={isRated() ? ct('portal.rated') : ''} />
            <Show when={item().canRate}>
              <form class="rate-form" onSubmit={rate} data-testid="portal-rate-form">
                <fieldset>
                  <legend>{ct('portal.rateTitle')}</legend>
                  <p class="muted">{ct('portal.rateHelp')}</p>
                  <div class="radio-row">
                    <For each={['satisfied', 'basicallySatisfied', 'unsatisfied'] as const}>
                      {(value) => (
                        <label class="radio-pill">
                          <input
                            type="radio"
                            name="satisfaction"
                            value={value}
                            checked={satisfaction() === value}
                            onChange={() => setSatisfaction(value)}
                          />
                          {ct(`satisfaction.${value}`)}
                        </label>
                      )}
                    </For>
                  </div>
                  <TextAreaField
                    id="rate-comment"
                    label={ct('portal.comment')}
                    class="jf-textarea"
                    rows={3}
                    value={comment()}
                    onValue={setComment}
                  />
                  <SubmitButton busy={isBusy()} disabled={!satisfaction()}>
                    {ct('portal.rate')}
                  </SubmitButton>
                </fieldset>
              </form>
            </Show>
          </TitledPanel>
        )}
      </Show>
    </>
  );
};

/** The public portal at `#/portal` (submit) and `#/portal/track`. */
export const PortalPage: Component = () => {
  const [handoff, setHandoff] = createSignal<{ number: string; password: string } | undefined>();
  const isTrack = () => routePath() === '/portal/track';
  return (
    <div class="portal">
      <header class="portal__header">
        <BrandBlock class="portal__brand">
          <h1 class="portal__title">{ct('portal.title')}</h1>
          <p class="portal__subtitle">{ct('portal.subtitle')}</p>
        </BrandBlock>
        <div class="portal__tools">
          <LanguageSwitch />
          <a class="portal__staff" href={href('/login')}>
            {ct('portal.loginLink')}
          </a>
        </div>
      </header>
      <main class="portal__main" id="main">
        <nav class="portal__tabs" aria-label={ct('portal.title')}>
          <a href={href('/portal')} class="portal__tab" aria-current={!isTrack() ? 'page' : undefined}>
            {ct('portal.submitTab')}
          </a>
          <a href={href('/portal/track')} class="portal__tab" aria-current={isTrack() ? 'page' : undefined}>
            {ct('portal.trackTab')}
          </a>
        </nav>
        <Switch>
          <Match when={isTrack()}>
            <TrackView initial={handoff()} />
          </Match>
          <Match when={!isTrack()}>
            <SubmitView
              onTrack={(number, password) => {
                setHandoff({ number, password });
                navigate('/portal/track');
              }}
            />
          </Match>
        </Switch>
      </main>
    </div>
  );
};
