// The Backend Tasks view: the plan store, the tree, the view's badge/description/context keys, the commands.
import vscode = require('vscode');
import { planProgress } from '../../core/plan/planOps';
import { PlanStore } from './planStore';
import { viewMessage, viewTitle } from './taskViewWords';
import { registerTaskCommands, type WarningSink } from './taskCommands';
import { TASKS_VIEW_ID, TaskTreeProvider, type TaskNode } from './taskTreeProvider';

export { PlanStore } from './planStore';
export { TaskTreeProvider, type TaskNode } from './taskTreeProvider';

export interface Tasks {
  /** The plans; the agent run updates the active one as the model calls todo_write. */
  readonly planStore: PlanStore;
  readonly taskTree: TaskTreeProvider;
  /** The Backend Tasks view (its description and badge show the progress). */
  readonly view: vscode.TreeView<TaskNode>;
}

/** Registers the view and its commands. `log` receives the PRP parser's warnings. */
export function registerTasks(context: vscode.ExtensionContext, log: WarningSink): Tasks {
  const planStore = new PlanStore(context.workspaceState, (error) =>
    log.warn(`Could not save the Backend Tasks plans: ${error instanceof Error ? error.message : String(error)}`),
  );
  const taskTree = new TaskTreeProvider(planStore);
  const VIEW_NAME = 'Backend Tasks';
  const view = vscode.window.createTreeView<TaskNode>(TASKS_VIEW_ID, {
    treeDataProvider: taskTree,
    manageCheckboxStateManually: true,
    showCollapseAll: true,
    canSelectMany: true,
  });
  context.subscriptions.push(planStore, taskTree, view);

  const showState = (): void => {
    const plan = planStore.activePlan;
    const count = planStore.plans().length;
    void vscode.commands.executeCommand('setContext', 'devBackend.planCount', count);
    void vscode.commands.executeCommand('setContext', 'devBackend.hasPlan', plan !== undefined);
    if (!plan) {
      view.description = undefined;
      view.title = VIEW_NAME;
      view.badge = undefined;
      view.message = undefined;
      return;
    }
    const { completed, total } = planProgress(plan);
    const name = plan.prpPath.split('/').pop() ?? plan.prpPath;
    view.description = `${name} · ${completed}/${total}`;
    // Alone in its container the header reads "Dev Backend: <title>", capitalised and cut at the default width:
    // a short title with the progress first, the PRP's name (never capitalised) in the message above the tree.
    view.title = viewTitle(plan);
    view.message = viewMessage(plan);
    view.badge = { value: total - completed, tooltip: `${plan.title}: ${completed}/${total} tasks done` };
  };
  context.subscriptions.push(planStore.onDidChange(showState));
  showState();

  registerTaskCommands(context, { store: planStore, view, warnings: log });
  return { planStore, taskTree, view };
}
