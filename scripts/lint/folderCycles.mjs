// ESLint rule: no import cycles between the folders of src/core or of src/vscode (core/run <-> core/tools, say).
// A cycle needs the whole import graph, so the graph of src/ is read from disk once per root and cached.
import * as fs from 'node:fs';
import * as path from 'node:path';

const LAYERS = ['src/core/', 'src/vscode/'];
const SPECIFIER = /(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)['"](\.{1,2}\/[^'"]*)['"]/g;
const graphs = new Map();

/** The folder a file belongs to for this rule ("src/core/run"), or undefined outside the two layers. */
function folderOf(root, file) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  const layer = LAYERS.find((l) => rel.startsWith(l));
  if (!layer) return undefined;
  const rest = rel.slice(layer.length).split('/');
  // `../tools` names the folder itself (its index.ts).
  const namesFolder = rest.length === 1 && fs.existsSync(file) && fs.statSync(file).isDirectory();
  return rest.length > 1 || namesFolder ? layer + rest[0] : undefined;
}

function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** Folder -> the folders it imports from, and each folder's strongly connected component (Tarjan). */
function graphOf(root) {
  const cached = graphs.get(root);
  if (cached) return cached;
  const edges = new Map();
  const src = path.join(root, 'src');
  for (const file of fs.existsSync(src) ? sourceFiles(src) : []) {
    const from = folderOf(root, file);
    if (!from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    for (const match of fs.readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const to = folderOf(root, path.resolve(path.dirname(file), match[1]));
      if (to && to !== from) edges.get(from).add(to);
    }
  }
  const component = new Map();
  const index = new Map();
  const low = new Map();
  const stack = [];
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const members = [];
      let w;
      do {
        w = stack.pop();
        members.push(w);
      } while (w !== v);
      for (const m of members) component.set(m, members);
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  const graph = { component };
  graphs.set(root, graph);
  return graph;
}

export const noFolderCycles = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between the folders of src/core and of src/vscode.' },
    schema: [],
    messages: { cycle: 'folder cycle: {{from}} imports {{to}}, and the folders {{members}} import each other in a cycle. Move the shared piece into a folder below them.' },
  },
  create(context) {
    const root = context.cwd;
    const from = folderOf(root, context.filename);
    if (!from) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const to = folderOf(root, path.resolve(path.dirname(context.filename), specifier));
      if (!to || to === from) return;
      const members = graphOf(root).component.get(from) ?? [];
      if (members.includes(to)) context.report({ node, messageId: 'cycle', data: { from, to, members: [...members].sort().join(', ') } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      TSImportEqualsDeclaration: (node) => node.moduleReference.type === 'TSExternalModuleReference' && check(node, node.moduleReference.expression.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
