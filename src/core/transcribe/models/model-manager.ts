import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserFacingError } from '../../errors.js';
import type { DownloadProgress } from './download-model.js';
import { inspectGgmlModel, type GgmlModelInfo } from './inspect-model.js';
import { findCatalogEntry, MODEL_CATALOG, type CatalogEntry } from './model-catalog.js';
import type { InstallRecord, ModelsSidecar } from './models-sidecar.js';

export interface ModelEntry {
  /** 'tiny.en' for catalog models; the file name without 'ggml-' and '.bin' for others. */
  name: string;
  fileName: string;
  /** Where the file is, or would be once installed. */
  path: string;
  installed: boolean;
  /** 'partial': an interrupted download that `download` resumes. */
  status: 'installed' | 'partial' | 'available';
  /** null for a file that Debrief neither downloaded nor imported. */
  kind: 'whisper' | 'vad' | null;
  /** Installed: size on disk. Otherwise the catalog's size (exact, else approximate); null when unknown. */
  bytes: number | null;
  /** Size of the interrupted download, when status is 'partial'. */
  partialBytes: number | null;
  catalog: CatalogEntry | null;
  origin: 'download' | 'import' | null;
  /** SHA-1 recorded at download or import. */
  sha1: string | null;
  /** Whether the recorded SHA-1 matches the catalog's; null when either is unknown. */
  checksumMatchesCatalog: boolean | null;
}

export interface DownloadModelOptions {
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Replaces the catalog's host and folder (tests, mirrors): the file is fetched from `${baseUrl}/${fileName}`. */
  baseUrl?: string;
  /** An abort keeps the partial file, so the next download resumes it (pause, as opposed to cancel). */
  keepPartialOnAbort?: boolean;
}

export interface ImportModelOptions {
  /** Installs as ggml-<name>.bin; defaults to the source file's name. */
  name?: string;
  /** Replace an installed model of the same name. */
  overwrite?: boolean;
}

export interface ModelManager {
  readonly modelsDir: string;
  /** Catalog models (installed or not), then other installed models. */
  list(): Promise<ModelEntry[]>;
  /** A model name ('tiny.en', 'ggml-tiny.en.bin', an imported name) or a file path → the model file's absolute path. */
  resolve(nameOrPath: string): Promise<string>;
  inspect(nameOrPath: string): Promise<GgmlModelInfo>;
  download(name: string, options?: DownloadModelOptions): Promise<ModelEntry>;
  importFile(srcPath: string, options?: ImportModelOptions): Promise<ModelEntry>;
  remove(name: string): Promise<void>;
}

export function createModelManager(options: {
  modelsDir: string;
  /** Defaults to the whisper.cpp catalog. */
  catalog?: readonly CatalogEntry[];
}): ModelManager {
  const modelsDir = path.resolve(options.modelsDir);
  const catalog = options.catalog ?? MODEL_CATALOG;
  // models.json is read with zod (~13 MB resident once loaded), so it loads only when a listing, an
  // import or a download needs it: resolving a name or a path, all `transcribe` does, never does.
  let sidecarLoaded: Promise<ModelsSidecar> | undefined;
  const sidecar = () => (sidecarLoaded ??= import('./models-sidecar.js').then(({ ModelsSidecar }) => new ModelsSidecar(modelsDir)));
  const downloading = new Set<string>();

  const nameOf = (fileName: string) =>
    findCatalogEntry(fileName, catalog)?.name ?? fileName.replace(/\.bin$/, '').replace(/^ggml-/, '');

  /** File names a bare model name may be installed under, most specific first. */
  const candidateFileNames = (name: string) => {
    const entry = findCatalogEntry(name, catalog);
    return [...new Set([entry?.fileName, `ggml-${name}.bin`, `${name}.bin`, name.endsWith('.bin') ? name : undefined])].filter(
      (n): n is string => !!n,
    );
  };

  async function installedFileFor(name: string): Promise<string | null> {
    if (!isBareName(name)) return null;
    for (const fileName of candidateFileNames(name)) {
      if (await isFile(path.join(modelsDir, fileName))) return fileName;
    }
    return null;
  }

  async function list(): Promise<ModelEntry[]> {
    const files = new Map<string, number>();
    const parts = new Map<string, number>();
    for (const dirent of await readdir(modelsDir, { withFileTypes: true }).catch(() => [])) {
      if (!dirent.isFile()) continue;
      const size = (await stat(path.join(modelsDir, dirent.name)).catch(() => null))?.size;
      if (size === undefined) continue;
      if (dirent.name.endsWith('.bin')) files.set(dirent.name, size);
      else if (dirent.name.endsWith('.bin.part')) parts.set(dirent.name.slice(0, -'.part'.length), size);
    }
    const records = await (await sidecar()).read();
    const entries = catalog.map((c) => makeEntry(c.fileName, c, files.get(c.fileName), parts.get(c.fileName), records));
    const extra = [...files.keys()].filter((f) => !findCatalogEntry(f, catalog)).sort();
    for (const fileName of extra) entries.push(makeEntry(fileName, null, files.get(fileName), undefined, records));
    return entries;
  }

  function makeEntry(
    fileName: string,
    entry: CatalogEntry | null,
    size: number | undefined,
    partSize: number | undefined,
    records: Record<string, InstallRecord>,
  ): ModelEntry {
    const installed = size !== undefined;
    const found = records[fileName];
    // A record whose size no longer matches describes a file that has since been replaced.
    const record = installed && found && found.bytes === size ? found : undefined;
    return {
      name: entry?.name ?? nameOf(fileName),
      fileName,
      path: path.join(modelsDir, fileName),
      installed,
      status: installed ? 'installed' : partSize !== undefined ? 'partial' : 'available',
      kind: record?.kind ?? entry?.kind ?? null,
      bytes: installed ? size : (entry?.bytes ?? entry?.approxBytes ?? null),
      partialBytes: !installed && partSize !== undefined ? partSize : null,
      catalog: entry,
      origin: record?.origin ?? null,
      sha1: record?.sha1 ?? null,
      checksumMatchesCatalog: record && entry?.sha1 ? record.sha1 === entry.sha1 : null,
    };
  }

  async function entryFor(fileName: string): Promise<ModelEntry> {
    const found = (await list()).find((e) => e.fileName === fileName);
    if (!found) throw new Error(`internal: ${fileName} vanished from ${modelsDir}`);
    return found;
  }

  async function resolve(nameOrPath: string): Promise<string> {
    const wanted = nameOrPath.trim();
    const installed = await installedFileFor(wanted);
    if (installed) return path.join(modelsDir, installed);
    const asPath = path.resolve(wanted);
    if (await isFile(asPath)) return asPath;
    throw await notInstalled(wanted, asPath);
  }

  async function notInstalled(wanted: string, asPath: string): Promise<UserFacingError> {
    const entry = isBareName(wanted) ? findCatalogEntry(wanted, catalog) : undefined;
    if (entry) {
      const size = entry.bytes ?? entry.approxBytes;
      return new UserFacingError(
        `Model "${entry.name}" is not installed in ${modelsDir}. Run "debrief models download ${entry.name}"` +
          `${size ? ` (about ${Math.round(size / 1e6)} MB)` : ''}, or download ${entry.url} yourself and run ` +
          `"debrief models import FILE".`,
        'model-not-found',
      );
    }
    if (!isBareName(wanted)) return new UserFacingError(`Model file not found: ${asPath}`, 'model-not-found');
    const installed = (await list()).filter((e) => e.installed).map((e) => e.name);
    return new UserFacingError(
      `No model named "${wanted}" in ${modelsDir}, and no file at ${asPath}. ` +
        `Installed: ${installed.length ? installed.join(', ') : 'none'}. ` +
        `Download one of ${catalog.map((e) => e.name).join(', ')} with "debrief models download NAME", ` +
        'or install a ggml file with "debrief models import FILE".',
      'model-not-found',
    );
  }

  async function download(name: string, opts: DownloadModelOptions = {}): Promise<ModelEntry> {
    const entry = findCatalogEntry(name.trim(), catalog);
    if (!entry) {
      throw new UserFacingError(
        `"${name}" is not a model Debrief can download. Choose one of: ${catalog.map((e) => e.name).join(', ')}.`,
        'model-unknown',
      );
    }
    const dest = path.join(modelsDir, entry.fileName);
    // Claimed before the first await, so two calls cannot both start writing the same .part.
    if (downloading.has(entry.fileName)) {
      throw new UserFacingError(`Model "${entry.name}" is already being downloaded.`, 'model-download-in-progress');
    }
    downloading.add(entry.fileName);
    try {
      if (await isFile(dest)) return await entryFor(entry.fileName);
      const url = opts.baseUrl ? new URL(entry.fileName, opts.baseUrl.replace(/\/?$/, '/')).href : entry.url;
      const { downloadFile } = await import('./download-model.js');
      const result = await downloadFile({
        url,
        dest,
        expectedSha1: entry.sha1,
        expectedBytes: entry.bytes,
        signal: opts.signal,
        onProgress: opts.onProgress,
        keepPartialOnAbort: opts.keepPartialOnAbort,
      });
      // Most quantized models have no published checksum: at least make sure the server sent a model.
      const info = await inspectGgmlModel(dest).catch(async (err: unknown) => {
        await rm(dest, { force: true });
        throw err instanceof UserFacingError
          ? new UserFacingError(`The file downloaded from ${url} is not a usable model: ${err.message}`, err.code)
          : err;
      });
      if (info.kind !== entry.kind) {
        await rm(dest, { force: true });
        throw new UserFacingError(
          `The file downloaded from ${url} is a ${info.kind} model, but ${entry.name} should be a ${entry.kind} model.`,
          'model-corrupt',
        );
      }
      await (await sidecar()).update((models) => {
        models[entry.fileName] = recordFor('download', url, result.sha1, result.bytes, info);
      });
      return entryFor(entry.fileName);
    } finally {
      downloading.delete(entry.fileName);
    }
  }

  async function importFile(srcPath: string, opts: ImportModelOptions = {}): Promise<ModelEntry> {
    const src = path.resolve(srcPath);
    const fileName = await importFileName(src, opts.name);
    const info = await inspectGgmlModel(src);
    await mkdir(modelsDir, { recursive: true });
    const dest = path.join(modelsDir, fileName);
    const alreadyThere = await isFile(dest);
    const sameFile = alreadyThere && (await realpath(dest)) === (await realpath(src));
    if (alreadyThere && !sameFile && !opts.overwrite) {
      throw new UserFacingError(
        `A model named "${nameOf(fileName)}" is already installed at ${dest}. Remove it first, or import under another name.`,
        'model-exists',
      );
    }
    const { sha1, bytes } = sameFile ? await hashFile(src) : await copyAtomically(src, dest);
    await (await sidecar()).update((models) => {
      models[fileName] = recordFor('import', src, sha1, bytes, info);
    });
    return entryFor(fileName);
  }

  async function remove(name: string): Promise<void> {
    const wanted = name.trim();
    for (const fileName of isBareName(wanted) ? candidateFileNames(wanted) : []) {
      const file = path.join(modelsDir, fileName);
      const part = `${file}.part`;
      if (!(await isFile(file)) && !(await isFile(part))) continue;
      await rm(file, { force: true });
      await rm(part, { force: true });
      await (await sidecar()).update((models) => {
        delete models[fileName];
      });
      return;
    }
    throw new UserFacingError(`No installed model named "${wanted}" in ${modelsDir}.`, 'model-not-found');
  }

  async function inspect(nameOrPath: string): Promise<GgmlModelInfo> {
    return inspectGgmlModel(await resolve(nameOrPath));
  }

  return { modelsDir, list, resolve, inspect, download, importFile, remove };
}

function recordFor(
  origin: InstallRecord['origin'],
  source: string,
  sha1: string,
  bytes: number,
  info: GgmlModelInfo,
): InstallRecord {
  return {
    origin,
    source,
    sha1,
    bytes,
    kind: info.kind,
    multilingual: info.kind === 'whisper' ? info.multilingual : null,
    installedAt: new Date().toISOString(),
  };
}

/** A name without folders is looked up in the models folder; anything else is a path. */
function isBareName(value: string): boolean {
  return value.length > 0 && !/[\\/]/.test(value) && value !== '.' && value !== '..';
}

async function importFileName(src: string, name: string | undefined): Promise<string> {
  if (name !== undefined) {
    const { modelNameSchema, describeIssues } = await import('./model-name.js');
    const parsed = modelNameSchema.safeParse(name);
    if (!parsed.success) {
      throw new UserFacingError(
        `Invalid model name "${name}": ${describeIssues(parsed.error)}.`,
        'model-name-invalid',
      );
    }
    return name.endsWith('.bin') ? name : `ggml-${name}.bin`;
  }
  // Keep the file's own name, made safe for every file system.
  const base = path.basename(src).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '');
  return base.endsWith('.bin') ? base : `${base || 'model'}.bin`;
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null))?.isFile() ?? false;
}

async function hashFile(file: string): Promise<{ sha1: string; bytes: number }> {
  const hash = createHash('sha1');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha1: hash.digest('hex'), bytes };
}

/** Copies to `dest.part`, fsyncs and renames, so `dest` never holds half a model. */
async function copyAtomically(src: string, dest: string): Promise<{ sha1: string; bytes: number }> {
  const part = `${dest}.part`;
  const hash = createHash('sha1');
  let bytes = 0;
  try {
    const out = await open(part, 'w');
    try {
      for await (const chunk of createReadStream(src)) {
        const buf = chunk as Buffer;
        hash.update(buf);
        let written = 0;
        while (written < buf.length) written += (await out.write(buf, written, buf.length - written)).bytesWritten;
        bytes += buf.length;
      }
      await out.sync();
    } finally {
      await out.close();
    }
    await rename(part, dest);
  } catch (err) {
    await rm(part, { force: true });
    throw new UserFacingError(`Cannot copy ${src} to ${dest}: ${(err as Error).message}`, 'model-import-failed', {
      cause: err,
    });
  }
  return { sha1: hash.digest('hex'), bytes };
}
