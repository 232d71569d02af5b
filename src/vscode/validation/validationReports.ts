// The last validation report of each PRP, kept in workspaceState (it survives a reload), with the fingerprint of the
// staged changes it was made on, so the review can tell whether it covers what it shows.
import vscode = require('vscode');
import type { ChangeEntry } from '../../core/changes/changeEntry';
import { changesFingerprint } from '../../core/validation/validatedChanges';
import type { ValidationReport } from '../../core/validation/validationRun';

const STORAGE_KEY = 'devBackend.validation.reports';
/** Reports kept (the most recent PRPs). */
const MAX_REPORTS = 50;

interface StoredReport {
  prpPath: string;
  report: ValidationReport;
  /** changesFingerprint of the staged changes when the report was set. */
  changes: string;
  at: string;
}

export class ValidationReports implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the PRP path whose report was set. */
  readonly onDidChange = this.changed.event;

  /** `staged` gives the changes the gates ran on at `set` time (default: none staged). */
  constructor(
    private readonly state: vscode.Memento,
    private readonly staged: () => readonly ChangeEntry[] = () => [],
  ) {}

  async set(prpPath: string, report: ValidationReport): Promise<void> {
    const entry: StoredReport = { prpPath, report, changes: changesFingerprint(this.staged()), at: new Date().toISOString() };
    const others = this.stored().filter((r) => r.prpPath !== prpPath);
    await this.state.update(STORAGE_KEY, [entry, ...others].slice(0, MAX_REPORTS));
    this.changed.fire(prpPath);
  }

  get(prpPath: string): ValidationReport | undefined {
    return this.stored().find((r) => r.prpPath === prpPath)?.report;
  }

  /** Whether the PRP's report was made on exactly these staged changes. */
  covers(prpPath: string, entries: readonly ChangeEntry[]): boolean {
    const stored = this.stored().find((r) => r.prpPath === prpPath);
    return stored !== undefined && stored.changes === changesFingerprint(entries);
  }

  private stored(): StoredReport[] {
    const value = this.state.get<unknown>(STORAGE_KEY);
    return Array.isArray(value) ? value.filter(isStoredReport) : [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Storage written by another version must not break the command: keep only well-formed reports. */
function isStoredReport(value: unknown): value is StoredReport {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  const report = r.report as Record<string, unknown> | undefined;
  return typeof r.prpPath === 'string' && typeof r.changes === 'string' && typeof report === 'object' && report !== null && Array.isArray(report.gates) && Array.isArray(report.fixRounds);
}
