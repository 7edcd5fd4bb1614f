/**
 * The live copy of a workbook that executions in several processes share (docs/local-runtime.md, "How the
 * runtime works" and "Your edits win").
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { restoreWorkbookSnapshot, type WorkbookModel, workbookSnapshot } from './workbook';

interface LiveFile {
  version: number;
  /** The .xlsx (by content hash) this copy belongs to: one edited since then wins over it. */
  xlsxHash: string;
  workbook: string;
}

/**
 * One live copy of a workbook shared by the executions of several processes. In Google a spreadsheet is a
 * single live document; here each process loads the .xlsx into its own model, so the model is published to
 * `<workbook>.live.json` whenever an execution releases the document lock, and taken over by the next
 * execution that acquires it. That is what makes two concurrent runs see each other's Alert log rows.
 *
 * A live copy belongs to the .xlsx it was saved with. When the .xlsx on disk is another one — the user
 * edited it in Excel or LibreOffice between two runs — the file is the truth: the copy is never taken
 * over, not when the workbook opens and not later at a lock (docs/local-runtime.md, "Your edits win").
 */
export function liveCopy(workbook: WorkbookModel, workbookPath: string) {
  const livePath = `${workbookPath.replace(/\.xlsx$/i, '')}.live.json`;
  // Hashing a large .xlsx costs time, so the hash is kept for as long as size and mtime stay the same.
  let known: { mtimeMs: number; size: number; hash: string } | null = null;
  const xlsxHash = () => {
    const stat = statSync(workbookPath);
    if (!known || known.mtimeMs !== stat.mtimeMs || known.size !== stat.size) {
      known = {
        mtimeMs: stat.mtimeMs,
        size: stat.size,
        hash: createHash('sha1').update(readFileSync(workbookPath)).digest('hex'),
      };
    }
    return known.hash;
  };
  const read = (): LiveFile | null => {
    try {
      return JSON.parse(readFileSync(livePath, 'utf8')) as LiveFile;
    } catch {
      return null;
    }
  };
  const write = (file: LiveFile) => {
    // Written to a temporary file and renamed, so a reader never sees half a copy.
    const tmp = `${livePath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(file));
    renameSync(tmp, livePath);
  };
  const opening = read();
  // Below this version nothing is taken over: not a copy the user's edit made stale.
  let version = opening?.version ?? 0;
  let baseHash = xlsxHash();
  const editedOutside = opening !== null && opening.xlsxHash !== baseHash;
  if (opening && !editedOutside) restoreWorkbookSnapshot(workbook, opening.workbook);
  return {
    /** True when the .xlsx changed since the runtime last saved it: its edits were taken, the live copy dropped. */
    editedOutside,
    /** Takes over a newer copy another execution published, if it belongs to the .xlsx on disk now. */
    catchUp(): void {
      const file = read();
      if (!file || file.version <= version || file.xlsxHash !== xlsxHash()) return;
      restoreWorkbookSnapshot(workbook, file.workbook);
      version = file.version;
      baseHash = file.xlsxHash;
    },
    /** Publishes this execution's copy for the next one. */
    publish(): void {
      version = Math.max(version, read()?.version ?? 0) + 1;
      write({ version, xlsxHash: baseHash, workbook: workbookSnapshot(workbook) });
    },
    /** After the .xlsx was saved: the live copy now belongs to that file. */
    saved(): void {
      baseHash = xlsxHash();
      write({ version, xlsxHash: baseHash, workbook: workbookSnapshot(workbook) });
    },
  };
}
