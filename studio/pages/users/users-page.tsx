/** @module Users page: list and filter accounts, create them, disable/enable and reset passwords (admin; auditors read only). */
import type { Component } from 'solid-js';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import type { Role, Unit } from '../../api/http.ts';
import { api } from '../../api/http.ts';
import { AdminPageHead } from '../../components/admin-page-head.tsx';
import { FormActions } from '../../components/form-actions.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import type { FilterSpec } from '../../components/filter-bar.tsx';
import { FilterBar } from '../../components/filter-bar.tsx';
import type { FieldOption } from '../../components/fields.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { Loaded } from '../../components/load-error.tsx';
import { NoticeAlert } from '../../components/notice-alert.tsx';
import { TitledPanel } from '../../components/titled-panel.tsx';
import { locale, t, tryT } from '../../i18n/index.ts';
import { errorText } from '../../lib/error-text.ts';
import type { AdminUser, UserWithPassword } from '../../api/users.ts';
import { ASSIGNABLE_ROLES, usersApi } from '../../api/users.ts';

/** The users page; `isReadOnly` (auditors) hides every control that changes something. */
export const UsersPage: Component<{ isReadOnly: boolean }> = (props) => {
  const [unitFilter, setUnitFilter] = createSignal('');
  const [roleFilter, setRoleFilter] = createSignal('');
  const [tick, setTick] = createSignal(0);
  const [units] = createResource(locale, () => api.units());
  // Refetch on language change too, so server-side messages follow the locale.
  const [users] = createResource(
    () => ({ lang: locale(), unitId: unitFilter(), role: roleFilter(), tick: tick() }),
    (source) => usersApi.list({ unitId: source.unitId, role: source.role }),
  );
  const unitById = createMemo(() => new Map((units()?.items ?? []).map((u) => [u.id, u])));
  const unitName = (unit: Unit): string => (locale() === 'en' && unit.nameEn ? unit.nameEn : unit.name);
  const unitLabel = (id: string | null): string => {
    if (!id) return '—';
    const unit = unitById().get(id);
    return unit ? unitName(unit) : id;
  };
  const roleLabel = (role: string): string => tryT(`role.${role}`) ?? role;
  /** Every unit as a choice, "code · name". */
  const unitOptions = (): FieldOption[] =>
    (units()?.items ?? []).map((unit) => ({ value: unit.id, label: `${unit.code} · ${unitName(unit)}` }));
  /** Every role a user may hold, plugin accounts too. */
  const roleOptions = (): FieldOption[] =>
    [...ASSIGNABLE_ROLES, 'plugin'].map((role) => ({ value: role, label: roleLabel(role) }));
  /** The list's filters: by unit, by role. */
  const filters: FilterSpec[] = [
    { key: 'unit', label: 'users.filterUnit', state: [unitFilter, setUnitFilter], options: unitOptions },
    { key: 'role', label: 'users.filterRole', state: [roleFilter, setRoleFilter], options: roleOptions },
  ];

  const [error, setError] = createSignal('');
  const [notice, setNotice] = createSignal('');
  const [oneTime, setOneTime] = createSignal<UserWithPassword | null>(null);
  const [busy, setBusy] = createSignal(false);

  const [username, setUsername] = createSignal('');
  const [displayName, setDisplayName] = createSignal('');
  const [roles, setRoles] = createSignal<Role[]>([]);
  const [unitId, setUnitId] = createSignal('');
  const [unitError, setUnitError] = createSignal('');
  const needsUnit = (): boolean => roles().includes('unit');

  const toggleRole = (role: Role, isOn: boolean): void => {
    setRoles((current) => (isOn ? [...current, role] : current.filter((r) => r !== role)));
    if (!needsUnit()) setUnitError('');
  };

  const run = async (action: () => Promise<void>): Promise<void> => {
    setError('');
    setNotice('');
    setBusy(true);
    try {
      await action();
      setTick((n) => n + 1);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const onCreate = (event: SubmitEvent): void => {
    event.preventDefault();
    if (roles().length === 0) {
      setError(t('users.rolesRequired'));
      return;
    }
    if (needsUnit() && !unitId()) {
      setUnitError(t('users.unitRequired'));
      return;
    }
    setUnitError('');
    void run(async () => {
      const created = await usersApi.create({
        username: username().trim(),
        ...(displayName().trim() ? { displayName: displayName().trim() } : {}),
        roles: roles(),
        unitId: unitId() || null,
      });
      setOneTime(created);
      setNotice(t('users.created', { username: created.user.username }));
      setUsername('');
      setDisplayName('');
      setRoles([]);
      setUnitId('');
    });
  };

  const onToggle = (user: AdminUser): void => {
    void run(async () => {
      setOneTime(null);
      const updated = user.disabled ? await usersApi.enable(user.id) : await usersApi.disable(user.id);
      setNotice(
        t(updated.disabled ? 'users.disabledNotice' : 'users.enabledNotice', { username: user.username }),
      );
    });
  };

  const onReset = (user: AdminUser): void => {
    if (!window.confirm(t('users.resetConfirm', { username: user.username }))) return;
    void run(async () => {
      const reset = await usersApi.resetPassword(user.id);
      setOneTime(reset);
      setNotice(t('users.resetNotice', { username: user.username }));
    });
  };

  return (
    <section class="page" aria-labelledby="page-title">
      <AdminPageHead area="users" isReadOnly={props.isReadOnly} />
      <ErrorAlert message={error()} testId="users-error" />
      <NoticeAlert message={notice()} testId="users-notice" />
      <Show when={oneTime()}>
        {(shown) => (
          <section
            class="notice one-time-password"
            aria-labelledby="one-time-title"
            data-testid="one-time-password"
          >
            <div>
              <h2 id="one-time-title" class="notice__title">
                {t('users.oneTimeTitle', { username: shown().user.username })}
              </h2>
              <p>
                <code class="mono" data-testid="one-time-password-value">
                  {shown().password}
                </code>
              </p>
              <p>
                <strong>{t('users.oneTimeNote')}</strong>
              </p>
              <button type="button" class="btn btn--small" onClick={() => setOneTime(null)}>
                {t('users.oneTimeDismiss')}
              </button>
            </div>
          </section>
        )}
      </Show>

      <Show when={!props.isReadOnly}>
        <TitledPanel titleId="create-user-title" title={t('users.createTitle')}>
          <form onSubmit={onCreate} data-testid="create-user-form" novalidate>
            <TextField
              id="new-username"
              label={t('users.username')}
              required
              maxLength={100}
              pattern="[A-Za-z0-9._@\-]+"
              autocomplete="off"
              value={username()}
              onValue={setUsername}
            />
            <TextField
              id="new-display-name"
              label={t('users.displayName')}
              maxLength={200}
              autocomplete="off"
              value={displayName()}
              onValue={setDisplayName}
            />
            <fieldset class="field">
              <legend>{t('users.roles')}</legend>
              <For each={ASSIGNABLE_ROLES}>
                {(role) => (
                  <label class="jf-check">
                    <input
                      type="checkbox"
                      value={role}
                      checked={roles().includes(role)}
                      onChange={(e) => toggleRole(role, e.currentTarget.checked)}
                    />{' '}
                    {roleLabel(role)}
                  </label>
                )}
              </For>
            </fieldset>
            <SelectField
              id="new-unit"
              label={
                <>
                  {t('users.unit')}
                  <Show when={needsUnit()}>
                    <span class="jf-required" aria-hidden="true">
                      {' *'}
                    </span>
                  </Show>
                </>
              }
              value={unitId()}
              required={needsUnit()}
              error={unitError()}
              onValue={(value) => {
                setUnitId(value);
                setUnitError('');
              }}
              placeholder={t('users.noUnit')}
              options={unitOptions()}
            />
            <FormActions busy={busy()} testId="create-user-submit">
              {t('users.create')}
            </FormActions>
          </form>
        </TitledPanel>
      </Show>

      <TitledPanel titleId="users-list-title" title={t('users.listTitle')}>
        <FilterBar idPrefix="users-filter" anyLabel="users.filterAny" filters={filters} />
        <Loaded resource={users}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p>{t('users.empty')}</p>}>
              <p class="muted" data-testid="users-count">
                {t('users.count', { count: list().length })}
              </p>
              <DataTable
                testId="users-table"
                rows={list()}
                rowProps={(user) => ({ 'data-testid': 'user-row', 'data-username': user.username })}
                columns={[
                  { key: 'username', label: t('users.username'), class: 'mono', sort: 'text' },
                  { key: 'displayName', label: t('users.displayName'), sort: 'text' },
                  {
                    key: 'roles',
                    label: t('users.roles'),
                    cell: (user) => user.roles.map(roleLabel).join('、'),
                  },
                  { key: 'unit', label: t('users.unit'), cell: (user) => unitLabel(user.unitId) },
                  {
                    key: 'status',
                    label: t('users.status'),
                    testId: 'user-status',
                    cell: (user) => (user.disabled ? t('users.statusDisabled') : t('users.statusActive')),
                  },
                  ...(props.isReadOnly
                    ? []
                    : [
                        {
                          key: 'actions',
                          label: t('users.actions'),
                          cell: (user: AdminUser) => (
                            <>
                              <button
                                type="button"
                                class={user.disabled ? 'btn btn--small' : 'btn btn--small btn--danger'}
                                disabled={busy()}
                                onClick={() => onToggle(user)}
                                data-testid="user-toggle"
                              >
                                {user.disabled ? t('users.enable') : t('users.disable')}
                              </button>{' '}
                              <button
                                type="button"
                                class="btn btn--small"
                                disabled={busy()}
                                onClick={() => onReset(user)}
                                data-testid="user-reset"
                              >
                                {t('users.resetPassword')}
                              </button>
                            </>
                          ),
                        },
                      ]),
                ]}
              />
            </Show>
          )}
        </Loaded>
      </TitledPanel>
    </section>
  );
};
