/** Asks before a retention of 0 days deletes at once; shared by the settings and a requisition's override. */
export function ZeroDayConfirmation({ message, onConfirm, onCancel }: { message: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div role="alertdialog" aria-label="Confirm retention of 0 days" className="error-message">
      <span>{message}</span>
      <button type="button" className="button" onClick={onConfirm}>
        Confirm and apply
      </button>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
