import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { callServer, ServerCallError } from '../../../shared/server-api/call-server.js';
import type { ServerUser } from '../../../shared/server-api/server-api.js';

/**
 * The hiring manager's web view, served by the team server: sign in, see the rubric versions of
 * your requisitions, sign one off as yourself. It calls the server's API table over HTTP with the
 * session cookie (same origin) and the CSRF token the server hands out.
 */
interface RubricVersion {
  id: string;
  requisitionId: string;
  title: string;
  signedOffBy: string | null;
  contentHash: string | null;
}

const ORIGIN = '';

function say(err: unknown): string {
  return err instanceof ServerCallError ? err.message : 'The team server could not be reached.';
}

async function loadRubricVersions(csrfToken: string): Promise<RubricVersion[]> {
  const latest = new Map<string, { version: number; payload: Record<string, unknown> | null }>();
  let since = 0;
  for (;;) {
    const page = await callServer(ORIGIN, 'sync.pull', { since, limit: 500 }, { csrfToken });
    for (const { change, version } of page.changes) {
      if (change.entity !== 'rubric_version') continue;
      if ((latest.get(change.entityId)?.version ?? 0) < version) latest.set(change.entityId, { version, payload: change.payload });
    }
    since = page.next;
    if (!page.more) break;
  }
  return [...latest]
    .filter(([, row]) => row.payload)
    .map(([id, { payload }]) => ({
      id,
      requisitionId: String(payload!.requisitionId),
      title: typeof payload!.title === 'string' ? payload!.title : id,
      signedOffBy: typeof payload!.signedOffBy === 'string' ? payload!.signedOffBy : null,
      contentHash: typeof payload!.contentHash === 'string' ? payload!.contentHash : null,
    }));
}

export function TeamWebApp() {
  const [session, setSession] = useState<{ user: ServerUser; csrfToken: string } | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    callServer(ORIGIN, 'session.current', {})
      .then((s) => setSession(s.csrfToken ? { user: s.user, csrfToken: s.csrfToken } : null))
      .catch(() => setSession(null));
  }, []);

  const signIn = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    try {
      setSession(await callServer(ORIGIN, 'session.login', { email: String(form.get('email')), password: String(form.get('password')) }));
    } catch (err) {
      setError(say(err));
    }
  };

  if (session === undefined) return <p>Connecting to the team server…</p>;
  if (session === null) {
    return (
      <main>
        <h1>Debrief team</h1>
        <form onSubmit={(e) => void signIn(e)} aria-label="Sign in">
          <label>
            Email <input name="email" type="email" autoComplete="username" required />
          </label>
          <label>
            Password <input name="password" type="password" autoComplete="current-password" required />
          </label>
          <button type="submit">Sign in</button>
          {error && <p className="error" role="alert">{error}</p>}
        </form>
      </main>
    );
  }
  return <RubricSignOff user={session.user} csrfToken={session.csrfToken} />;
}

function RubricSignOff({ user, csrfToken }: { user: ServerUser; csrfToken: string }) {
  const [versions, setVersions] = useState<RubricVersion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    loadRubricVersions(csrfToken).then(setVersions, (err: unknown) => setError(say(err)));
  }, [csrfToken]);
  useEffect(reload, [reload]);

  const signOff = async (id: string) => {
    setError(null);
    try {
      await callServer(ORIGIN, 'rubric.signOff', { rubricVersionId: id }, { csrfToken });
      reload();
    } catch (err) {
      setError(say(err));
    }
  };

  return (
    <main>
      <h1>Rubrics</h1>
      <p>Signed in as {user.displayName}</p>
      {error && <p className="error" role="alert">{error}</p>}
      {versions === null ? (
        <p>Loading…</p>
      ) : versions.length === 0 ? (
        <p>No rubric versions on your requisitions yet.</p>
      ) : (
        versions.map((v) => (
          <section key={v.id} className="rubric-version" aria-label={v.title}>
            <h2>{v.title}</h2>
            <p>Requisition {v.requisitionId}</p>
            {v.signedOffBy ? (
              <p className="signed">
                Signed off{v.signedOffBy === user.id ? ' by you' : ''} · content hash <code>{v.contentHash?.slice(0, 12)}</code>
              </p>
            ) : (
              <button type="button" onClick={() => void signOff(v.id)}>
                Sign off as {user.displayName}
              </button>
            )}
          </section>
        ))
      )}
    </main>
  );
}
