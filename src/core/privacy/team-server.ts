/**
 * Where erasures are pushed so the team server deletes its copy and keeps only a receipt. There is
 * no team server yet: `noTeamServer` is the one implementation, and says so in every receipt.
 */
export interface ErasureNotice {
  candidateHash: string;
  erasedAt: string;
  erasedBy: string;
}

export interface TeamServer {
  /** Returns the server's receipt, in words for the local receipt. */
  pushErasure(notice: ErasureNotice): Promise<string>;
}

export const NO_TEAM_SERVER = 'no team server configured';

export const noTeamServer: TeamServer = {
  pushErasure: async () => NO_TEAM_SERVER,
};
