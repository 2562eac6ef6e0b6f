import { useEffect, useState, type FormEvent } from 'react';
import { callServer, ServerCallError } from '../../../shared/server-api/call-server.js';
import { App } from '../app-shell/app.js';
import { installWebTransport } from './web-transport.js';
import './web-session.css';

const ORIGIN = '';

function say(err: unknown): string {
  return err instanceof ServerCallError ? err.message : 'The team server could not be reached.';
}

/** Sign in to the team server (argon2id password, HttpOnly cookie, CSRF token), then the app itself. */
export function WebSignIn() {
  const [signedIn, setSignedIn] = useState<boolean | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [csrfToken, setCsrfToken] = useState<string | null>(null);

  const enter = (session: { user: { displayName: string }; csrfToken: string }) => {
    installWebTransport({ csrfToken: session.csrfToken, displayName: session.user.displayName });
    if (!window.location.hash) window.location.hash = '#/requisitions';
    setCsrfToken(session.csrfToken);
    setNotice(null);
    setSignedIn(true);
  };

  const signOut = async () => {
    setError(null);
    try {
      await callServer(ORIGIN, 'session.logout', {}, { csrfToken: csrfToken ?? undefined });
    } catch (err) {
      // An expired session is signed out already; anything else is said, and they stay in.
      if (!(err instanceof ServerCallError && err.status === 401)) {
        setError(`Could not sign out: ${say(err)}`);
        return;
      }
    }
    delete (window as unknown as { debrief?: unknown }).debrief;
    setCsrfToken(null);
    history.replaceState(null, '', window.location.pathname);
    setNotice('You are signed out.');
    setSignedIn(false);
  };

  useEffect(() => {
    callServer(ORIGIN, 'session.current', {})
      .then((s) => (s.csrfToken ? enter({ user: s.user, csrfToken: s.csrfToken }) : setSignedIn(false)))
      .catch(() => setSignedIn(false));
  }, []);

  const signIn = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    try {
      enter(await callServer(ORIGIN, 'session.login', { email: String(form.get('email')), password: String(form.get('password')) }));
    } catch (err) {
      setError(say(err));
    }
  };

  if (signedIn === undefined) return <p className="muted">Connecting to the team server…</p>;
  if (signedIn) {
    return (
      <App
        sessionBar={
          <div className="web-session">
            <button type="button" className="button web-session__sign-out" onClick={() => void signOut()}>
              Sign out
            </button>
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
          </div>
        }
      />
    );
  }
  return (
    <main className="view web-sign-in">
      <h1>Debrief team</h1>
      <p className="view__lede">Sign in to review your requisitions, rubrics, scorecards and debriefs.</p>
      {notice && (
        <p className="muted" role="status">
          {notice}
        </p>
      )}
      <form className="panel" onSubmit={(e) => void signIn(e)} aria-label="Sign in">
        <div className="field">
          <label htmlFor="web-email">Email</label>
          <input id="web-email" name="email" type="email" autoComplete="username" required />
        </div>
        <div className="field">
          <label htmlFor="web-password">Password</label>
          <input id="web-password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            Sign in
          </button>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
