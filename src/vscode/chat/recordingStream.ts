// A ChatResponseStream that also keeps what it rendered, so the finished request can be reported
// (the chat's DOM is out of reach of the extension host, and of its tests).
import vscode = require('vscode');
import type { RenderedPart } from '../api';

export class RecordingStream {
  readonly parts: RenderedPart[] = [];

  constructor(private readonly stream: vscode.ChatResponseStream) {}

  markdown(text: string): void {
    const last = this.parts[this.parts.length - 1];
    if (last?.kind === 'markdown') last.text += text;
    else this.parts.push({ kind: 'markdown', text });
    this.safely(() => this.stream.markdown(text));
  }

  progress(text: string): void {
    this.parts.push({ kind: 'progress', text });
    this.safely(() => this.stream.progress(text));
  }

  button(command: vscode.Command): void {
    this.parts.push({ kind: 'button', text: command.title, command: command.command, ...(command.arguments ? { args: command.arguments as unknown[] } : {}) });
    this.safely(() => this.stream.button(command));
  }

  filetree(paths: readonly string[], base: vscode.Uri): void {
    this.parts.push({ kind: 'filetree', text: base.toString(), paths: [...paths] });
    this.safely(() => this.stream.filetree(toFileTree(paths), base));
  }

  reference(uri: vscode.Uri, label: string): void {
    this.parts.push({ kind: 'reference', text: label });
    this.safely(() => this.stream.reference(uri));
  }

  /** All markdown, joined: what the response says. */
  get text(): string {
    return this.parts.filter((p) => p.kind === 'markdown').map((p) => p.text).join('\n');
  }

  /** A response stream throws once its request is over (e.g. cancelled); the record still counts. */
  private safely(write: () => void): void {
    try {
      write();
    } catch {
      // the chat closed this response
    }
  }
}

/** Posix paths to the chat's nested file tree, folders first, each level sorted. */
export function toFileTree(paths: readonly string[]): vscode.ChatResponseFileTree[] {
  interface Node { children: Map<string, Node> }
  const root: Node = { children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const segment of path.split('/').filter((s) => s.length > 0)) {
      let child = node.children.get(segment);
      if (!child) {
        child = { children: new Map() };
        node.children.set(segment, child);
      }
      node = child;
    }
  }
  const build = (node: Node): vscode.ChatResponseFileTree[] =>
    [...node.children.entries()]
      .sort(([a, x], [b, y]) => Number(y.children.size > 0) - Number(x.children.size > 0) || a.localeCompare(b))
      .map(([name, child]) => (child.children.size > 0 ? { name, children: build(child) } : { name }));
  return build(root);
}
