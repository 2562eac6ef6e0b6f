/**
 * Where erasures are pushed so the team server deletes its copy and keeps only a receipt. The
 * laptop's server-mode implementation is `serverErasure` (src/backend/sync/server-erasure.ts);
 * `noTeamServer` is for a laptop that syncs with no server.
 */
export interface ErasureNotice {
  candidateId: string;
  candidateHash: string;
  erasedAt: string;
  erasedBy: string;
  /** The erasure change waiting in the sync outbox: what is sent again while the server is out of reach. */
  changeId: string | null;
}

export interface ServerErasureAnswer {
  /** What the server did, in words for the receipt ("pending at the team server …" until confirmed). */
  server: string;
  /** True once the team server has answered it: the erasure change need not be sent again. Otherwise it stays in the outbox (retried, or carried to a shared folder). */
  delivered: boolean;
}

export interface TeamServer {
  pushErasure(notice: ErasureNotice): Promise<ServerErasureAnswer>;
}

export const NO_TEAM_SERVER = 'no team server configured';
export const FROM_TEAM_SYNC = 'erased here because the erasure came through team sync';

export const noTeamServer: TeamServer = {
  pushErasure: async () => ({ server: NO_TEAM_SERVER, delivered: false }),
};

/** The receipt text while an erasure waits to reach the server; confirmation replaces it. */
export const PENDING_AT_SERVER = 'pending at the team server';
