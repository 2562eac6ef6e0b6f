import type { IpcResult } from '../../../shared/ipc/contract.js';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpc } from '../ui/use-ipc.js';

/**
 * The printable sheet, exactly the HTML the PDF export prints (built and escaped in the main
 * process from stored values only), styled here by the app's own stylesheet.
 */
export function ScorecardSheet({ load, cacheKey }: { load: () => Promise<IpcResult<{ html: string }>>; cacheKey: string }) {
  const [sheet] = useIpc(load, cacheKey);
  if (sheet.state === 'loading') return null;
  if (sheet.state === 'error') return <ErrorMessage error={sheet.error} />;
  return <div className="sheet-host" data-testid="sheet" dangerouslySetInnerHTML={{ __html: sheet.value.html }} />;
}
