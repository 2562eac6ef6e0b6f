import type { InputOf } from '../../../shared/ipc/contract.js';

/** A file the user chose: a token from the OS dialog, or the path of a file dropped on the page. */
export type ChosenFile = { fileToken: string; name: string } | { path: string; name: string };
export type FilePurpose = InputOf<'files:choose'>['purpose'];

/** What an import channel takes for a chosen file. */
export const fileArgs = (file: ChosenFile) => ('fileToken' in file ? { fileToken: file.fileToken } : { path: file.path });

/** Opens the OS dialog in the main process; undefined when cancelled. Errors come back as IpcResult. */
export async function chooseFile(purpose: FilePurpose) {
  const r = await window.debrief.filesChoose({ purpose });
  if (!r.ok) return r;
  return { ok: true as const, value: r.value ? ({ fileToken: r.value.token, name: r.value.name } satisfies ChosenFile) : undefined };
}

/** A dropped file's path, where the app can know it (Electron); undefined otherwise. */
export function droppedFile(file: File | undefined): ChosenFile | undefined {
  if (!file) return undefined;
  const path = window.debrief.pathForFile(file);
  return path ? { path, name: file.name } : undefined;
}
