import './sign-off-badge.css';
import { formatDate } from './format.js';

/** Who signed this version off and when; shown wherever the rubric is. */
export function SignOffBadge({ signedOff }: { signedOff: { by: string; at: string } | null }) {
  if (!signedOff) return <span className="sign-off-badge sign-off-badge--draft" data-testid="sign-off-badge">Not signed off</span>;
  return (
    <span className="sign-off-badge" data-testid="sign-off-badge" title={signedOff.at}>
      <span aria-hidden="true">✓ </span>Signed off by {signedOff.by} on <time dateTime={signedOff.at}>{formatDate(signedOff.at)}</time>
    </span>
  );
}
