import { describe, expect, it } from 'vitest';
import { isTypingTarget, tagActionFor, type KeyPress } from './hotkeys.js';

const criteria = [
  { id: 'discovery', hotkey: '1' },
  { id: 'closing', hotkey: '2' },
  { id: 'tenth', hotkey: null },
];
const press = (key: string, over: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, altKey: false, metaKey: false, repeat: false, typing: false, ...over });

describe('tagActionFor', () => {
  it('tags the numbered criterion and flags with F (either case)', () => {
    expect(tagActionFor(press('1'), criteria)).toEqual({ kind: 'criterion', criterionId: 'discovery' });
    expect(tagActionFor(press('2'), criteria)).toEqual({ kind: 'criterion', criterionId: 'closing' });
    expect(tagActionFor(press('f'), criteria)).toEqual({ kind: 'flag' });
    expect(tagActionFor(press('F'), criteria)).toEqual({ kind: 'flag' });
  });

  it('ignores numbers without a criterion, other keys, typing, modifiers and auto-repeat', () => {
    expect(tagActionFor(press('3'), criteria)).toBeNull();
    expect(tagActionFor(press('0'), criteria)).toBeNull();
    expect(tagActionFor(press('g'), criteria)).toBeNull();
    expect(tagActionFor(press('1', { typing: true }), criteria)).toBeNull();
    expect(tagActionFor(press('f', { typing: true }), criteria)).toBeNull();
    expect(tagActionFor(press('1', { ctrlKey: true }), criteria)).toBeNull();
    expect(tagActionFor(press('f', { metaKey: true }), criteria)).toBeNull();
    expect(tagActionFor(press('2', { altKey: true }), criteria)).toBeNull();
    expect(tagActionFor(press('1', { repeat: true }), criteria)).toBeNull();
  });
});

describe('isTypingTarget', () => {
  it('treats text fields, text areas, selects and editable elements as typing', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'input' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'search' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
  });

  it('lets keys through from buttons, checkboxes and the page', () => {
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BODY' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
