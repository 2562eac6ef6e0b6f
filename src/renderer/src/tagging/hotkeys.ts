/**
 * Tagging keys during a call: 1–9 tag the current moment to the criterion with that number, F flags it
 * to revisit. Keys typed into a field, or pressed with Ctrl/Alt/Meta (the system's and the app's own
 * shortcuts), are not tags.
 */
export const FLAG_KEY = 'F';

export type TagAction = { kind: 'criterion'; criterionId: string } | { kind: 'flag' };

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** Auto-repeat of a held key: one press is one tag. */
  repeat: boolean;
  /** True while the focus is in a text field, select or editable element. */
  typing: boolean;
}

export function tagActionFor(press: KeyPress, criteria: readonly { id: string; hotkey: string | null }[]): TagAction | null {
  if (press.typing || press.repeat || press.ctrlKey || press.altKey || press.metaKey) return null;
  if (press.key.toUpperCase() === FLAG_KEY) return { kind: 'flag' };
  const criterion = /^[1-9]$/.test(press.key) ? criteria.find((c) => c.hotkey === press.key) : undefined;
  return criterion ? { kind: 'criterion', criterionId: criterion.id } : null;
}

/** Fields where a digit or an F is text, not a tag. Buttons and checkboxes are not. */
export function isTypingTarget(target: { tagName?: string; isContentEditable?: boolean; type?: string } | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName?.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'color', 'file'].includes((target.type ?? 'text').toLowerCase());
}
