// The last run's conversation per PRP, so "Continue" resumes where a run stopped. Kept in memory and written
// to the extension's workspace storage (best effort: a failed write only costs the resume after a reload).
import { createHash } from 'node:crypto';
import vscode = require('vscode');
import type { ChatMessage } from '../../core/llm/modelClient';
import type { StoredTranscript, TranscriptStore as TranscriptPort } from '../../core/session/sessionPorts';

export type { StoredTranscript };

export class TranscriptStore implements TranscriptPort {
  private readonly memory = new Map<string, StoredTranscript>();

  /** `folder`: where to persist (context.storageUri); undefined keeps transcripts in memory only. */
  constructor(
    private readonly folder: vscode.Uri | undefined,
    private readonly onError: (message: string) => void = () => undefined,
  ) {}

  async get(prpPath: string): Promise<StoredTranscript | undefined> {
    const known = this.memory.get(prpPath);
    if (known || !this.folder) return known;
    try {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(this.fileFor(prpPath))));
      if (!isStoredTranscript(parsed) || parsed.prpPath !== prpPath) return undefined;
      this.memory.set(prpPath, parsed);
      return parsed;
    } catch {
      return undefined; // none saved, or unreadable: start fresh
    }
  }

  async set(transcript: StoredTranscript): Promise<void> {
    this.memory.set(transcript.prpPath, transcript);
    if (!this.folder) return;
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(this.folder, 'transcripts'));
      await vscode.workspace.fs.writeFile(this.fileFor(transcript.prpPath), new TextEncoder().encode(JSON.stringify(transcript)));
    } catch (error) {
      this.onError(`Could not save the run transcript: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async delete(prpPath: string): Promise<void> {
    this.memory.delete(prpPath);
    if (!this.folder) return;
    try {
      await vscode.workspace.fs.delete(this.fileFor(prpPath));
    } catch {
      // nothing saved
    }
  }

  private fileFor(prpPath: string): vscode.Uri {
    const name = createHash('sha256').update(prpPath).digest('hex').slice(0, 24);
    return vscode.Uri.joinPath(this.folder ?? vscode.Uri.file('/'), 'transcripts', `${name}.json`);
  }
}

function isStoredTranscript(value: unknown): value is StoredTranscript {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.prpPath === 'string' && typeof v.status === 'string' && Array.isArray(v.messages) &&
    v.messages.every((m) => typeof m === 'object' && m !== null && ((m as ChatMessage).role === 'user' || (m as ChatMessage).role === 'assistant') && Array.isArray((m as ChatMessage).content));
}
