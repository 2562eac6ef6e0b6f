import { callServer, ServerCallError, type ServerAuth } from '../../src/shared/server-api/call-server.js';
import type { ServerApiInput, ServerApiName, ServerApiOutput } from '../../src/shared/server-api/server-api.js';
import { initTeam, startTeamServer, type RunningServer } from '../../src/server/team-server.js';
import { startTestPostgres, type TestPostgres } from './postgres.js';

export const ADMIN_PASSWORD = 'admin-password-1';

/** A real team server over a real (throwaway) PostgreSQL, with its first admin joined from a device. */
export interface TestTeam {
  pg: TestPostgres;
  server: RunningServer;
  teamId: string;
  admin: Member;
  /** Another instance on the same database (stateless servers behind a balancer). */
  startInstance(): Promise<RunningServer>;
  /** Invites and joins a person with a role; returns their device token. */
  join(role: 'admin' | 'recruiter' | 'hiring_manager' | 'interviewer', name: string, password?: string): Promise<Member>;
  close(): Promise<void>;
}

export interface Member {
  userId: string;
  deviceId: string;
  auth: ServerAuth;
  call<N extends ServerApiName>(name: N, input: ServerApiInput<N>): Promise<ServerApiOutput<N>>;
}

export async function startTestTeam(): Promise<TestTeam> {
  const pg = await startTestPostgres();
  const instances: RunningServer[] = [];
  try {
    const init = await initTeam({ ownerUrl: pg.ownerUrl, teamName: 'Acme hiring', adminEmail: 'admin@example.com', adminName: 'Ada Admin', adminPassword: ADMIN_PASSWORD });
    const startInstance = async () => {
      const s = await startTeamServer({ databaseUrl: pg.appUrl, logLevel: 'silent', bodyLimit: 256 * 1024 });
      instances.push(s);
      return s;
    };
    const server = await startInstance();
    const member = (userId: string, deviceId: string, auth: ServerAuth, origin = server.origin): Member => ({
      userId,
      deviceId,
      auth,
      call: (name, input) => callServer(origin, name, input, auth),
    });
    const joined = await callServer(server.origin, 'device.join', { invite: init.invite, deviceName: 'admin laptop' });
    const admin = member(joined.user.id, joined.deviceId, { deviceToken: joined.deviceToken });
    return {
      pg,
      server,
      teamId: init.teamId,
      admin,
      startInstance,
      async join(role, name, password) {
        const { invite } = await admin.call('invite.create', { role });
        const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`;
        const j = await callServer(server.origin, 'device.join', { invite, deviceName: `${name}'s laptop`, email, displayName: name, password });
        return member(j.user.id, j.deviceId, { deviceToken: j.deviceToken });
      },
      async close() {
        for (const s of instances) await s.close().catch(() => undefined);
        await pg.stop();
      },
    };
  } catch (err) {
    for (const s of instances) await s.close().catch(() => undefined);
    await pg.stop();
    throw err;
  }
}

/** Calls and returns the refusal (status, code, message); fails if the call succeeds. */
export async function refusal(promise: Promise<unknown>): Promise<ServerCallError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ServerCallError) return err;
    throw err;
  }
  throw new Error('expected the team server to refuse this call, and it answered');
}
