import type { OutputOf } from '../../../shared/ipc/contract.js';

export const STATUS_LABELS: Record<OutputOf<'requisitions:list'>[number]['status'], string> = {
  draft: 'Draft',
  open: 'Open',
  'on-hold': 'On hold',
  filled: 'Filled',
  closed: 'Closed',
};
