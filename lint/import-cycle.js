// ESLint rule kiosk24/no-import-cycle: reports an import that leads, through the project's
// own files, back to the file it is in. Type-only imports count: `import type` cycles are
// what madge reports and what this codebase has had, and a module pair that needs each
// other's types belongs together or needs a third module either way. eslint-plugin-import-x's
// no-cycle skips type-only imports with no option to count them, hence a rule of our own.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

/** Extensions tried after the specifier as written, for the rare import without one. */
const EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs'];

/** Relative imports of a file on disk, resolved to absolute paths; cached by modification time. */
const importsOnDisk = new Map();

function resolveRelative(fromFile, specifier) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  for (const candidate of [base, ...EXTENSIONS.map((ext) => base + ext)]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function importsOf(file) {
  const modified = statSync(file).mtimeMs;
  const cached = importsOnDisk.get(file);
  if (cached && cached.modified === modified) return cached.imports;
  // preProcessFile only scans import and export clauses; it does not type-check or bind.
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const imports = [
    ...new Set(
      importedFiles
        .map(({ fileName }) => resolveRelative(file, fileName))
        .filter((path) => path !== undefined && /\.(ts|tsx|js|mjs)$/.test(path)),
    ),
  ];
  importsOnDisk.set(file, { modified, imports });
  return imports;
}

/** The shortest chain of files from `start` back to `target`, or undefined when there is none. */
function routeBack(start, target, visited) {
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const next of importsOf(file)) {
      if (next === target) {
        const route = [file];
        for (let step = previous.get(file); step !== undefined; step = previous.get(step))
          route.unshift(step);
        return route;
      }
      if (previous.has(next) || visited.has(next)) continue;
      previous.set(next, file);
      queue.push(next);
    }
  }
  for (const file of previous.keys()) visited.add(file);
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Forbid import cycles between project files, type-only imports included.',
    },
    schema: [],
    messages: { cycle: 'Import cycle: {{route}} imports this file again.' },
  },
  create(context) {
    const filename = context.filename;
    const cwd = context.cwd;
    // Files already known not to lead back here, shared by this file's imports.
    const visited = new Set();
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const target = resolveRelative(filename, source.value);
      if (target === undefined || target === filename || visited.has(target)) return;
      const route = routeBack(target, filename, visited);
      if (route === undefined) return;
      const shown = route.map((file) => file.slice(cwd.length + 1)).join(' -> ');
      context.report({ node, messageId: 'cycle', data: { route: shown } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
