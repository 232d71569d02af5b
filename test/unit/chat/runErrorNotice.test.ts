// A command run's error: one notice on screen at a time (a new run's error replaces the last, a new run closes it),
// its text says what happened and its links are the actions that can help.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { commandLink, noticeText, RunErrorNotice, type ProgressWindow } from '../../../src/vscode/commands/runErrorNotice';

const NOTIFICATION = 15 as vscode.ProgressLocation; // vscode.ProgressLocation.Notification

/** A window whose progress notifications are recorded: open until their task settles. */
class FakeWindow implements ProgressWindow {
  readonly shown: { title: string; open: boolean; reports: { increment?: number }[]; cancel: () => void }[] = [];

  withProgress<R>(options: vscode.ProgressOptions, task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<R>): Thenable<R> {
    const listeners: (() => void)[] = [];
    const token = {
      isCancellationRequested: false,
      onCancellationRequested: (listener: () => void) => {
        listeners.push(listener);
        return { dispose: () => undefined };
      },
    } as unknown as vscode.CancellationToken;
    const entry = { title: options.title ?? '', open: true, reports: [] as { increment?: number }[], cancel: () => listeners.forEach((l) => l()) };
    this.shown.push(entry);
    const result = task({ report: (value) => entry.reports.push(value) }, token);
    void Promise.resolve(result).then(() => (entry.open = false));
    return result;
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('RunErrorNotice', () => {
  it('a second error replaces the first instead of stacking; a new run closes the one on screen', async () => {
    const window = new FakeWindow();
    const notice = new RunErrorNotice(window, NOTIFICATION);
    notice.show('Dev Backend (auth-api.md): The API key was rejected (401).', [{ title: 'Set Anthropic API Key', command: 'devBackend.setApiKey', args: [] }]);
    await settle();
    assert.equal(window.shown.filter((n) => n.open).length, 1);
    notice.show('Dev Backend (auth-api.md): Anthropic is overloaded (529).');
    await settle();
    assert.deepEqual(window.shown.map((n) => n.open), [false, true], 'the first error is still on screen');
    assert.equal(notice.showing, true);
    notice.clear();
    await settle();
    assert.deepEqual(window.shown.map((n) => n.open), [false, false]);
    assert.equal(notice.showing, false);
  });

  it('its Cancel button dismisses it; the bar is full (nothing runs)', async () => {
    const window = new FakeWindow();
    const notice = new RunErrorNotice(window, NOTIFICATION);
    notice.show('Dev Backend: Unexpected error: boom');
    await settle();
    assert.deepEqual(window.shown[0].reports, [{ increment: 100 }]);
    window.shown[0].cancel();
    await settle();
    assert.equal(window.shown[0].open, false);
    assert.equal(notice.showing, false);
    notice.show('Dev Backend: another error');
    window.shown[0].cancel(); // a late cancel of the old one leaves the new one alone
    await settle();
    assert.deepEqual(window.shown.map((n) => n.open), [false, true]);
  });

  it('says what happened, then offers the actions as command links with their arguments', () => {
    const link = { title: 'Continue', command: 'devBackend.implement', args: [{ resume: true }] };
    assert.equal(commandLink(link), `[Continue](command:devBackend.implement?${encodeURIComponent('[{"resume":true}]')})`);
    assert.equal(commandLink({ title: 'Show [it]', command: 'x.y', args: [] }), '[Show it](command:x.y)');
    assert.equal(
      noticeText('It failed.', [link, { title: 'Show Summary', command: 'devBackend.showSummary', args: ['# Summary'] }]),
      `It failed. [Continue](command:devBackend.implement?${encodeURIComponent('[{"resume":true}]')}) · [Show Summary](command:devBackend.showSummary?${encodeURIComponent('["# Summary"]')})`,
    );
    assert.equal(noticeText('It failed.', []), 'It failed.');
    // VS Code cuts messages at 1,000 characters: the words give way, the links stay whole.
    const long = noticeText('x'.repeat(2000), [link]);
    assert.equal(long.length, 1000);
    assert.ok(long.endsWith(` ${commandLink(link)}`), long.slice(-120));
  });
});
