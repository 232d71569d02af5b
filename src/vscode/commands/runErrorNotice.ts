// The one place where a command run's error stays on screen. VS Code's error notifications with buttons stay until the
// user closes them, and an extension cannot close them: a second failed run would stack a second one over the first.
// The only notification an extension can close is a progress one, so a run's error is shown as one: its text says what
// happened, its links are what can help (the buttons of a plain notification), its Cancel button dismisses it, and the
// next run closes it. No 'vscode' value import, so it is unit-tested with a fake window.
import type * as vscode from 'vscode';

/** One action of the notice, opened as a `command:` link. */
export interface NoticeLink {
  title: string;
  command: string;
  args: readonly unknown[];
}

/** The part of `vscode.window` the notice uses. */
export interface ProgressWindow {
  withProgress<R>(options: vscode.ProgressOptions, task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<R>): Thenable<R>;
}

/** `[Set Anthropic API Key](command:devBackend.setApiKey?%5B...%5D)`: the notification opens command links. */
export function commandLink(link: NoticeLink): string {
  const query = link.args.length > 0 ? `?${encodeURIComponent(JSON.stringify(link.args))}` : '';
  return `[${link.title.replace(/[[\]]/g, '')}](command:${link.command}${query})`;
}

/** VS Code cuts a notification's message at 1,000 characters (it would cut a link in half). */
const MAX_MESSAGE = 1000;

/** The notice's text: what happened, then its actions as links; the words are shortened when the whole is too long. */
export function noticeText(text: string, links: readonly NoticeLink[]): string {
  if (links.length === 0) return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
  const actions = ` ${links.map(commandLink).join(' · ')}`;
  const room = MAX_MESSAGE - actions.length;
  return `${text.length > room ? `${text.slice(0, Math.max(0, room - 1))}…` : text}${actions}`;
}

export class RunErrorNotice {
  private closeShown: (() => void) | undefined;

  constructor(
    private readonly window: ProgressWindow,
    /** vscode.ProgressLocation.Notification (a value: this file imports only types). */
    private readonly location: vscode.ProgressLocation,
  ) {}

  /** Whether an error is on screen. */
  get showing(): boolean {
    return this.closeShown !== undefined;
  }

  /** Shows the error, closing the one shown before. */
  show(text: string, links: readonly NoticeLink[] = []): void {
    this.clear();
    let close: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (close = resolve));
    const closeThis = (): void => {
      close();
      if (this.closeShown === closeThis) this.closeShown = undefined;
    };
    this.closeShown = closeThis;
    void this.window.withProgress({ location: this.location, title: noticeText(text, links), cancellable: true }, (progress, token) => {
      progress.report({ increment: 100 }); // a full bar: nothing is running
      token.onCancellationRequested(closeThis);
      return closed;
    });
  }

  /** Closes the error on screen, if any (a new run starts). */
  clear(): void {
    this.closeShown?.();
  }

  dispose(): void {
    this.clear();
  }
}
