/** @module Plugins (插件): list with enable toggle, status and upgrade, config and write-only credential forms from the plugin's schemas, connection test, delivery log with replay. */
import type { JsonSchema } from '@jsonforms/core';
import type { Component } from 'solid-js';
import { createMemo, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { AdminPageHead } from '../../components/admin-page-head.tsx';
import { FormActions } from '../../components/form-actions.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import type { OutcomeNoteValue } from '../../components/fields.tsx';
import { OutcomeNote } from '../../components/fields.tsx';
import type { FilterSpec } from '../../components/filter-bar.tsx';
import { FilterBar } from '../../components/filter-bar.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { TitledPanel } from '../../components/titled-panel.tsx';
import type { JsonFormsHandle } from '../../forms/index.ts';
import { JsonForms } from '../../forms/index.ts';
import { locale, t, tryT } from '../../i18n/index.ts';
import { errorText } from '../../lib/error-text.ts';
import {
  DELIVERY_STATUSES,
  type Delivery,
  localizeSchema,
  type PluginSettings,
  type PluginSummary,
  pluginsApi,
  pluginTitle,
} from '../../api/plugins.ts';
import './plugins.css';

const timeOf = (iso: string | null): string => {
  if (!iso) return '—';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};

/** The plugins page; `isReadOnly` (auditors) hides every control that changes something. */
export const PluginsPage: Component<{ isReadOnly: boolean }> = (props) => {
  const [plugins, { mutate: mutatePlugins, refetch: refetchPlugins }] = createResource(() =>
    pluginsApi.list(),
  );
  const [selected, setSelected] = createSignal<string | null>(null);
  const [listError, setListError] = createSignal<string | null>(null);
  const [switching, setSwitching] = createSignal<ReadonlySet<string>>(new Set());
  const setSwitchingOf = (name: string, isSwitching: boolean): void => {
    const next = new Set(switching());
    if (isSwitching) next.add(name);
    else next.delete(name);
    setSwitching(next);
  };

  const [upgrading, setUpgrading] = createSignal<string | null>(null);
  const [upgradeNote, setUpgradeNote] = createSignal<{ ok: boolean; text: string } | null>(null);
  const upgrade = async (plugin: PluginSummary): Promise<void> => {
    setUpgrading(plugin.name);
    setUpgradeNote(null);
    try {
      const updated = await pluginsApi.upgrade(plugin.name);
      mutatePlugins((list) => list?.map((p) => (p.name === updated.name ? updated : p)));
      setUpgradeNote({
        ok: true,
        text: t('plugins.upgraded', {
          name: pluginTitle(updated, locale()),
          from: plugin.version ?? '—',
          to: updated.version ?? '—',
        }),
      });
    } catch (error) {
      setUpgradeNote({ ok: false, text: t('plugins.upgradeFailed', { message: errorText(error) }) });
    } finally {
      setUpgrading(null);
    }
  };

  const toggle = async (plugin: PluginSummary, input: HTMLInputElement): Promise<void> => {
    // The browser flips the box on click; until the server answers it must keep showing the stored
    // state, or the switch says "on" next to a status that still says 未启用.
    input.checked = plugin.isEnabled;
    if (switching().has(plugin.name)) return;
    // Data minimisation: enabling a plugin that asks for personal data is an explicit grant.
    const declared = plugin.personalData ?? [];
    const isGranting = !plugin.isEnabled && declared.length > 0;
    if (isGranting) {
      const fields = declared.map((field) => tryT(`plugins.personal.${field}`) ?? field).join(', ');
      if (!window.confirm(t('plugins.grantConfirm', { name: pluginTitle(plugin, locale()), fields }))) return;
    }
    setListError(null);
    setSwitchingOf(plugin.name, true);
    try {
      const updated = await pluginsApi.setEnabled(
        plugin.name,
        !plugin.isEnabled,
        isGranting ? declared : undefined,
      );
      // The answer is the plugin as stored now: switch and status change together, at once.
      mutatePlugins((list) => list?.map((p) => (p.name === updated.name ? updated : p)));
    } catch (error) {
      setListError(errorText(error));
    } finally {
      setSwitchingOf(plugin.name, false);
    }
    // Called in the same tick as the update above, so a list request started before the change
    // (e.g. after saving credentials) is superseded and cannot bring the old state back.
    await refetchPlugins();
  };

  return (
    <section class="page plugins-page" aria-labelledby="page-title">
      <AdminPageHead area="plugins" isReadOnly={props.isReadOnly} />
      <LoadError error={plugins.error} />
      <ErrorAlert message={listError() ?? ''} testId="plugins-error" />
      <OutcomeNote note={upgradeNote()} testId="plugin-upgrade-result" />
      <DataTable
        class="table plugins-table"
        testId="plugins-table"
        rows={plugins.latest ?? []}
        selected={(plugin) => selected() === plugin.name}
        rowProps={(plugin) => ({ 'data-testid': `plugin-row-${plugin.name}` })}
        columns={[
          {
            key: 'name',
            label: t('plugins.col.name'),
            cell: (plugin) => (
              <>
                <strong>{pluginTitle(plugin, locale())}</strong>
                <div class="muted mono">{plugin.name}</div>
              </>
            ),
          },
          {
            key: 'version',
            label: t('plugins.col.version'),
            class: 'mono',
            cell: (plugin) => plugin.version ?? '—',
          },
          {
            key: 'capabilities',
            label: t('plugins.col.capabilities'),
            cell: (plugin) => (
              <>
                <For each={plugin.capabilities}>
                  {(capability) => (
                    <span class="chip">{tryT(`plugins.capability.${capability}`) ?? capability}</span>
                  )}
                </For>
                <For each={plugin.personalData ?? []}>
                  {(field) => (
                    <span
                      class="chip chip--secret"
                      title={t('plugins.personalHelp')}
                      data-testid={`plugin-personal-${plugin.name}-${field}`}
                    >
                      {tryT(`plugins.personal.${field}`) ?? field}
                      <Show when={plugin.grantedPersonalData?.includes(field)}>
                        {` · ${t('plugins.personalGranted')}`}
                      </Show>
                    </span>
                  )}
                </For>
              </>
            ),
          },
          {
            key: 'enabled',
            label: t('plugins.col.enabled'),
            cell: (plugin) => (
              <label class="switch">
                <input
                  type="checkbox"
                  checked={plugin.isEnabled}
                  disabled={props.isReadOnly || switching().has(plugin.name)}
                  aria-busy={switching().has(plugin.name)}
                  aria-label={t('plugins.enableLabel', { name: pluginTitle(plugin, locale()) })}
                  data-testid={`plugin-enabled-${plugin.name}`}
                  onChange={(event) => void toggle(plugin, event.currentTarget)}
                />
                <span>{plugin.isEnabled ? t('plugins.enabled') : t('plugins.disabled')}</span>
              </label>
            ),
          },
          {
            key: 'status',
            label: t('plugins.col.status'),
            testId: (plugin) => `plugin-status-${plugin.name}`,
            cell: (plugin) => (
              <>
                <Show
                  when={!plugin.loadError}
                  fallback={
                    <span class="status status--bad" title={plugin.loadError ?? ''}>
                      {t('plugins.status.loadError')}
                    </span>
                  }
                >
                  <span class={`status ${plugin.isEnabled ? 'status--ok' : 'status--idle'}`}>
                    {plugin.isEnabled ? t('plugins.status.active') : t('plugins.status.inactive')}
                  </span>
                </Show>
                <div class="muted">
                  {t('plugins.credentials')}:{' '}
                  {plugin.credentials === 'set' ? t('plugins.secret.set') : t('plugins.secret.notSet')}
                </div>
              </>
            ),
          },
          {
            key: 'open',
            label: <span class="sr-only">{t('plugins.configure')}</span>,
            cell: (plugin) => (
              <>
                <button
                  type="button"
                  class="btn btn--small"
                  data-testid={`plugin-open-${plugin.name}`}
                  onClick={() => setSelected(selected() === plugin.name ? null : plugin.name)}
                >
                  {props.isReadOnly ? t('plugins.view') : t('plugins.configure')}
                </button>
                <Show when={!props.isReadOnly}>
                  <button
                    type="button"
                    class="btn btn--small"
                    disabled={upgrading() !== null}
                    aria-busy={upgrading() === plugin.name}
                    title={t('plugins.upgradeHelp')}
                    data-testid={`plugin-upgrade-${plugin.name}`}
                    onClick={() => void upgrade(plugin)}
                  >
                    {upgrading() === plugin.name ? t('plugins.upgrading') : t('plugins.upgrade')}
                  </button>
                </Show>
              </>
            ),
          },
        ]}
      />
      <Show when={selected()} keyed>
        {(name) => (
          <PluginSettingsPanel
            name={name}
            isReadOnly={props.isReadOnly}
            onSaved={() => void refetchPlugins()}
          />
        )}
      </Show>
      <DeliveryLog plugins={plugins.latest ?? []} isReadOnly={props.isReadOnly} />
    </section>
  );
};

/** Config form, write-only credential form and connection test of one plugin. */
const PluginSettingsPanel: Component<{ name: string; isReadOnly: boolean; onSaved: () => void }> = (
  props,
) => {
  const [settings, { mutate }] = createResource(() => pluginsApi.settings(props.name));
  let configForm: JsonFormsHandle | undefined;
  let credentialsForm: JsonFormsHandle | undefined;
  const [configNote, setConfigNote] = createSignal<{ ok: boolean; text: string } | null>(null);
  const [credentialsNote, setCredentialsNote] = createSignal<{ ok: boolean; text: string } | null>(null);
  const [testResult, setTestResult] = createSignal<{ ok: boolean; message?: string } | null>(null);
  const [isTesting, setTesting] = createSignal(false);
  const testNote = createMemo(() => {
    const result = testResult();
    if (!result) return null;
    const verdict = result.ok ? t('plugins.testOk') : t('plugins.testFailed');
    return { ok: result.ok, text: `${verdict}${result.message ? `: ${result.message}` : ''}` };
  });
  const configSchema = createMemo(() => {
    const s = settings.latest;
    return s ? (localizeSchema(s.configSchema, locale()) as JsonSchema) : undefined;
  });
  const credentialsSchema = createMemo(() => {
    const s = settings.latest;
    if (!s) return undefined;
    // Write-only: stored values are never shown, so nothing is pre-filled and no field is forced.
    return localizeSchema(s.credentialsSchema, locale()) as JsonSchema;
  });
  const fieldTitle = (s: PluginSettings, field: string): string => {
    const props = (
      localizeSchema(s.credentialsSchema, locale()) as { properties?: Record<string, { title?: string }> }
    ).properties;
    return props?.[field]?.title ?? field;
  };

  /**
   * The submit of one of the two forms: once the form validates, `save` stores its data, then the
   * form's note says it was saved (message `savedKey`) or why not.
   */
  const submitWith =
    (
      form: () => JsonFormsHandle | undefined,
      setNote: (note: OutcomeNoteValue) => void,
      savedKey: 'plugins.configSaved' | 'plugins.credentialsSaved',
      save: (data: unknown) => Promise<void>,
    ) =>
    async (event: SubmitEvent): Promise<void> => {
      event.preventDefault();
      const outcome = form()?.validateAll();
      if (!outcome?.valid) return;
      try {
        await save(outcome.data);
        setNote({ ok: true, text: t(savedKey) });
        props.onSaved();
      } catch (error) {
        setNote({ ok: false, text: errorText(error) });
      }
    };
  const saveConfig = submitWith(
    () => configForm,
    setConfigNote,
    'plugins.configSaved',
    async (data) => void mutate(await pluginsApi.putConfig(props.name, data)),
  );
  const saveCredentials = submitWith(
    () => credentialsForm,
    setCredentialsNote,
    'plugins.credentialsSaved',
    async (data) => {
      const status = await pluginsApi.putCredentials(props.name, data);
      const current = settings.latest;
      if (current) mutate({ ...current, ...status });
      credentialsForm?.reset({});
    },
  );
  const test = async (): Promise<void> => {
    setTesting(true);
    setTestResult(null);
    try {
      setTestResult(await pluginsApi.testConnection(props.name));
    } catch (error) {
      setTestResult({ ok: false, message: errorText(error) });
    } finally {
      setTesting(false);
    }
  };
  // Typed secrets are masked like passwords; our text renderer has no password variant.
  const maskInputs = (el: HTMLElement) => {
    queueMicrotask(() => {
      for (const input of el.querySelectorAll<HTMLInputElement>('input[type="text"]')) {
        input.type = 'password';
        input.autocomplete = 'new-password';
      }
    });
  };

  return (
    <section
      class="panel plugin-settings"
      aria-labelledby="plugin-settings-title"
      data-testid="plugin-settings"
    >
      <h2 id="plugin-settings-title" class="panel__title">
        {t('plugins.settingsOf', { name: props.name })}
      </h2>
      <LoadError error={settings.error} />
      <Show when={settings.latest} keyed>
        {(s) => (
          <div class="plugin-settings__grid">
            <form onSubmit={saveConfig} novalidate data-testid="plugin-config-form">
              <h3>{t('plugins.config')}</h3>
              <Show when={configSchema()} keyed>
                {(schema) => (
                  <JsonForms
                    schema={schema}
                    data={structuredClone(s.config)}
                    readonly={props.isReadOnly}
                    controller={(handle) => {
                      configForm = handle;
                    }}
                  />
                )}
              </Show>
              <Show when={!props.isReadOnly}>
                <FormActions testId="plugin-config-save">{t('plugins.saveConfig')}</FormActions>
              </Show>
              <OutcomeNote note={configNote()} testId="plugin-config-note" role="status" />
            </form>
            <div>
              <h3>{t('plugins.credentials')}</h3>
              <p class="muted">{t('plugins.credentialsHelp')}</p>
              <ul class="secret-list" data-testid="plugin-credential-status">
                <For each={Object.entries(s.credentialFields)}>
                  {([field, status]) => (
                    <li>
                      <span>{fieldTitle(s, field)}</span>
                      <span class={`status ${status === 'set' ? 'status--ok' : 'status--idle'}`}>
                        {status === 'set' ? t('plugins.secret.set') : t('plugins.secret.notSet')}
                      </span>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={!props.isReadOnly}>
                <form
                  onSubmit={saveCredentials}
                  novalidate
                  data-testid="plugin-credentials-form"
                  ref={(el) => maskInputs(el)}
                >
                  <Show when={credentialsSchema()} keyed>
                    {(schema) => (
                      <JsonForms
                        schema={schema}
                        data={{}}
                        controller={(handle) => {
                          credentialsForm = handle;
                        }}
                      />
                    )}
                  </Show>
                  <FormActions testId="plugin-credentials-save">{t('plugins.saveCredentials')}</FormActions>
                  <OutcomeNote note={credentialsNote()} testId="plugin-credentials-note" role="status" />
                </form>
                <div class="plugin-test">
                  <button
                    type="button"
                    class="btn"
                    disabled={isTesting()}
                    onClick={() => void test()}
                    data-testid="plugin-test-connection"
                  >
                    {isTesting() ? t('plugins.testing') : t('plugins.testConnection')}
                  </button>
                  <OutcomeNote note={testNote()} testId="plugin-test-result" role="status" />
                </div>
              </Show>
            </div>
          </div>
        )}
      </Show>
    </section>
  );
};

/** The delivery log: filters, expandable attempts, dead letters highlighted, replay. Refreshes every 2 s. */
const DeliveryLog: Component<{ plugins: PluginSummary[]; isReadOnly: boolean }> = (props) => {
  const [plugin, setPlugin] = createSignal('');
  const [status, setStatus] = createSignal('');
  const [tick, setTick] = createSignal(0);
  const [deliveries] = createResource(
    () => ({ plugin: plugin(), status: status(), tick: tick() }),
    (q) =>
      pluginsApi.deliveries({
        ...(q.plugin ? { plugin: q.plugin } : {}),
        ...(q.status ? { status: q.status } : {}),
        limit: 100,
      }),
  );
  const pluginOptions = () => props.plugins.map((p) => ({ value: p.name, label: pluginTitle(p, locale()) }));
  const statusOptions = () =>
    DELIVERY_STATUSES.map((s) => ({ value: s, label: tryT(`plugins.delivery.${s}`) ?? s }));
  const filters: FilterSpec[] = [
    { key: 'plugin', label: 'plugins.filter.plugin', state: [plugin, setPlugin], options: pluginOptions },
    { key: 'status', label: 'plugins.filter.status', state: [status, setStatus], options: statusOptions },
  ];
  const [expanded, setExpanded] = createSignal<ReadonlySet<string>>(new Set());
  const [replayError, setReplayError] = createSignal<string | null>(null);
  const timer = setInterval(() => setTick((n) => n + 1), 2000);
  onCleanup(() => clearInterval(timer));

  const toggle = (id: string) => {
    const next = new Set(expanded());
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  };
  const replay = async (id: string): Promise<void> => {
    setReplayError(null);
    try {
      await pluginsApi.replay(id);
    } catch (error) {
      setReplayError(errorText(error));
    }
    setTick((n) => n + 1);
  };

  return (
    <TitledPanel titleId="deliveries-title" testId="delivery-log" title={t('plugins.deliveries')}>
      <FilterBar
        idPrefix="delivery"
        testIdPrefix="delivery-filter"
        anyLabel="plugins.filter.any"
        filters={filters}
      />
      <ErrorAlert message={replayError() ?? ''} />
      <LoadError error={deliveries.error} />
      <Show
        when={(deliveries.latest ?? []).length > 0}
        fallback={<p class="muted">{t('plugins.noDeliveries')}</p>}
      >
        <DataTable
          class="table delivery-table"
          testId="delivery-table"
          rows={deliveries.latest ?? []}
          rowProps={(d) => ({
            class: d.status === 'dead' ? 'delivery--dead' : undefined,
            'data-testid': 'delivery-row',
            'data-status': d.status,
            'data-plugin': d.plugin,
            'data-id': d.id,
          })}
          detail={{
            open: (d) => expanded().has(d.id),
            content: (d) => <AttemptList delivery={d} />,
            props: { class: 'delivery__attempts', 'data-testid': 'delivery-attempts' },
          }}
          columns={[
            {
              key: 'id',
              label: t('plugins.col.delivery'),
              cell: (d) => (
                <button
                  type="button"
                  class="btn btn--ghost btn--small"
                  aria-expanded={expanded().has(d.id)}
                  onClick={() => toggle(d.id)}
                  data-testid="delivery-expand"
                >
                  {expanded().has(d.id) ? '▾' : '▸'} <span class="mono">{d.id.slice(0, 12)}</span>
                </button>
              ),
            },
            { key: 'plugin', label: t('plugins.col.plugin') },
            { key: 'topic', label: t('plugins.col.topic'), class: 'mono' },
            {
              key: 'status',
              label: t('plugins.col.status'),
              cell: (d) => (
                <span class={`status status--${d.status}`} data-testid="delivery-status">
                  {tryT(`plugins.delivery.${d.status}`) ?? d.status}
                </span>
              ),
            },
            { key: 'attempts', label: t('plugins.col.attempts') },
            {
              key: 'lastError',
              label: t('plugins.col.lastError'),
              class: 'delivery__error',
              cell: (d) => d.lastError ?? '',
            },
            { key: 'updated', label: t('plugins.col.updated'), cell: (d) => timeOf(d.updatedAt) },
            {
              key: 'actions',
              label: <span class="sr-only">{t('plugins.col.actions')}</span>,
              cell: (d) => (
                <Show when={d.status === 'dead' && !props.isReadOnly}>
                  <button
                    type="button"
                    class="btn btn--small btn--primary"
                    onClick={() => void replay(d.id)}
                    data-testid="delivery-replay"
                  >
                    {t('plugins.replay')}
                  </button>
                </Show>
              ),
            },
          ]}
        />
      </Show>
    </TitledPanel>
  );
};

const AttemptList: Component<{ delivery: Delivery }> = (props) => (
  <ol class="attempts">
    <For each={props.delivery.attemptLog ?? []} fallback={<li class="muted">{t('plugins.noAttempts')}</li>}>
      {(a) => (
        <li class={`attempt attempt--${a.outcome}`} data-testid="delivery-attempt">
          <span class="mono">#{a.attempt}</span> {timeOf(a.startedAt)} ·{' '}
          <strong>
            {a.outcome === 'delivered' ? t('plugins.attempt.delivered') : t('plugins.attempt.failed')}
          </strong>
          {a.statusCode !== null ? ` · HTTP ${a.statusCode}` : ''} · {a.durationMs} ms
          <Show when={a.error}>
            <div class="muted">{a.error}</div>
          </Show>
        </li>
      )}
    </For>
  </ol>
);
