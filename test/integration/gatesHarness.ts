// The validation-gate integration tests' project and views: test/fixtures/gates-project copied into the sample
// workspace (a Node project whose Level 1 passes and whose Level 2 fails until sum() adds), and the gate rows.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { DevBackendApi } from '../../src/vscode/api';
import type { TaskNode } from '../../src/vscode/tasks';
import { workspaceRoot } from './runHarness';

export const GATES_PRP = 'PRPs/sum-gates.md';
const FIXTURE = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'gates-project');
export const FIXED_SUM = '// Adds two numbers.\nexport function sum(a, b) {\n  return a + b;\n}\n';

/** Copies the gates project into the sample workspace (PRPs/sum-gates.md, gates/...). */
export function addGatesProject(): void {
  for (const entry of ['PRPs', 'gates']) fs.cpSync(path.join(FIXTURE, entry), path.join(workspaceRoot(), entry), { recursive: true });
}

/** The gate todos of the PRP's plan as the tree shows them: label -> item. */
export function gateItems(api: DevBackendApi): Map<string, vscode.TreeItem> {
  const items = new Map<string, vscode.TreeItem>();
  for (const node of api.tasks.taskTree.todoNodes() as TaskNode[]) {
    if (node.kind !== 'todo' || !node.todo.gate) continue;
    items.set(`Level ${node.todo.gate.level}`, api.tasks.taskTree.getTreeItem(node));
  }
  return items;
}

export function tooltipText(item: vscode.TreeItem | undefined): string {
  const tip = item?.tooltip;
  return typeof tip === 'string' ? tip : (tip?.value ?? '');
}

