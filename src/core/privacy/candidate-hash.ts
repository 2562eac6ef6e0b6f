import { createHash } from 'node:crypto';

/** What an erasure receipt keeps of a candidate: a hash of their id (the server computes the same in SQL). */
export const candidateHash = (candidateId: string) => createHash('sha256').update(`debrief-candidate:${candidateId}`).digest('hex');
