/** @module Login page: username and password, the server's error message on failure. */
import type { Component } from 'solid-js';
import { createSignal, For, Show } from 'solid-js';
import { errorText } from '../lib/error-text.ts';
import type { Session } from '../api/http.ts';
import { api } from '../api/http.ts';
import { BrandBlock } from '../components/brand.tsx';
import { SubmitButton } from '../components/form-actions.tsx';
import { TextField } from '../components/fields.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { t } from '../i18n/index.ts';

/** Shown when nobody is signed in. */
export const LoginPage: Component<{ onLogin: (session: Session) => void }> = (props) => {
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal('');
  const [isBusy, setBusy] = createSignal(false);
  const fields = [
    {
      name: 'username',
      label: () => t('login.username'),
      type: undefined,
      autocomplete: 'username',
      value: username,
      onValue: setUsername,
    },
    {
      name: 'password',
      label: () => t('login.password'),
      type: 'password',
      autocomplete: 'current-password',
      value: password,
      onValue: setPassword,
    },
  ] as const;

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (!username().trim() || !password()) {
      setError(t('login.missing'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      props.onLogin(await api.login(username().trim(), password()));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="login">
      <div class="login__lang">
        <LanguageSwitch />
      </div>
      <main class="login__card" aria-labelledby="login-title">
        <BrandBlock class="login__brand">
          <div class="login__product">{t('app.name')}</div>
          <div class="login__tagline">{t('app.tagline')}</div>
        </BrandBlock>
        <h1 id="login-title" class="login__title">
          {t('login.title')}
        </h1>
        <p class="login__subtitle">{t('login.subtitle')}</p>
        <form class="login__form" onSubmit={submit} novalidate>
          <For each={fields}>
            {(field) => (
              <TextField
                id={`login-${field.name}`}
                name={field.name}
                type={field.type}
                label={field.label()}
                autocomplete={field.autocomplete}
                value={field.value()}
                onValue={field.onValue}
                aria-invalid={error() ? 'true' : undefined}
                aria-describedby={error() ? 'login-error' : undefined}
              />
            )}
          </For>
          <Show when={error()}>
            <div id="login-error" class="alert alert--error" role="alert">
              {error()}
            </div>
          </Show>
          <SubmitButton class="btn btn--primary btn--block" busy={isBusy()} busyLabel={t('login.submitting')}>
            {t('login.submit')}
          </SubmitButton>
        </form>
        <p class="login__footer">{t('login.footer')}</p>
      </main>
    </div>
  );
};
