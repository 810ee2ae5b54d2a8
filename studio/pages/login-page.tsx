/** @module Login page: username and password, the server's error message on failure. */
import type { Component } from 'solid-js';
import { createSignal, Show } from 'solid-js';
import type { Session } from '../api/http.ts';
import { ApiError, api } from '../api/http.ts';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { t } from '../i18n/index.ts';

/** Shown when nobody is signed in. */
export const LoginPage: Component<{ onLogin: (session: Session) => void }> = (props) => {
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal('');
  const [isBusy, setBusy] = createSignal(false);

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
      setError(err instanceof ApiError ? err.message : String(err));
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
        <div class="login__brand">
          <span class="brand-mark" aria-hidden="true">
            棒
          </span>
          <div>
            <div class="login__product">{t('app.name')}</div>
            <div class="login__tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <h1 id="login-title" class="login__title">
          {t('login.title')}
        </h1>
        <p class="login__subtitle">{t('login.subtitle')}</p>
        <form class="login__form" onSubmit={submit} novalidate>
          <div class="field">
            <label for="login-username">{t('login.username')}</label>
            <input
              id="login-username"
              name="username"
              class="jf-input"
              autocomplete="username"
              value={username()}
              onInput={(e) => setUsername(e.currentTarget.value)}
              aria-invalid={error() ? 'true' : undefined}
              aria-describedby={error() ? 'login-error' : undefined}
            />
          </div>
          <div class="field">
            <label for="login-password">{t('login.password')}</label>
            <input
              id="login-password"
              name="password"
              type="password"
              class="jf-input"
              autocomplete="current-password"
              value={password()}
              onInput={(e) => setPassword(e.currentTarget.value)}
              aria-invalid={error() ? 'true' : undefined}
              aria-describedby={error() ? 'login-error' : undefined}
            />
          </div>
          <Show when={error()}>
            <div id="login-error" class="alert alert--error" role="alert">
              {error()}
            </div>
          </Show>
          <button type="submit" class="btn btn--primary btn--block" disabled={isBusy()}>
            {isBusy() ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <p class="login__footer">{t('login.footer')}</p>
      </main>
    </div>
  );
};
