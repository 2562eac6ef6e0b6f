import type { IpcError } from '../../../shared/ipc/contract.js';

/** An error the user should read, announced by screen readers as it appears. */
export function ErrorMessage({ error, title }: { error: IpcError; title?: string }) {
  return (
    <div className="error-message" role="alert" data-code={error.code}>
      {title && <strong className="error-message__title">{title}</strong>}
      <span>{error.message}</span>
    </div>
  );
}
