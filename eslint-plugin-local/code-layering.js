// An ESLint rule that checks every import against `layers.js`: the importing
// file's layer must allow the imported project path or npm package, test-only
// paths are importable only from tests, and a source file in no layer is an
// error. Relative specifiers are resolved against the file, so `../../x` and
// a deep path are judged alike; type-only imports count, since they couple
// the layers just the same.
import path from 'node:path';
import { builtinModules } from 'node:module';

const builtins = new Set(builtinModules);

/** A glob with `**` (any depth), `*` (one segment's characters) and `{a,b}`. */
export function globToRegExp(glob) {
  let out = '';
  for (let i = 0; i < glob.length; i += 1) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      // `dir/**` also matches `dir` itself; `**/x` matches `x` at any depth.
      if (glob[i + 2] === '/') { out += '(?:.*/)?'; i += 2; } else { out += '.*'; i += 1; }
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '{') { const end = glob.indexOf('}', i); out += `(?:${glob.slice(i + 1, end).split(',').map(escape).join('|')})`; i = end; }
    else out += escape(ch);
  }
  return new RegExp(`^${out}$`);
}
const escape = (text) => text.replace(/[.+?^$()|[\]\\]/g, '\\$&');

const matchesAny = (globs, target) => globs.some((glob) => globToRegExp(glob).test(target));

/** What a specifier names: a project path (repo-relative, no extension needed), a Node built-in, or a package. */
export function classify(specifier, filename, root) {
  const bare = specifier.split('?')[0];
  if (bare.startsWith('.') || bare.startsWith('/')) {
    const absolute = path.resolve(path.dirname(filename), bare);
    return { kind: 'path', target: path.relative(root, absolute).split(path.sep).join('/') };
  }
  if (bare.startsWith('node:') || builtins.has(bare.split('/')[0])) return { kind: 'package', target: 'node:*' };
  const parts = bare.split('/');
  return { kind: 'package', target: bare.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] };
}

export function layerOf(layers, file) {
  return layers.find((layer) => matchesAny(layer.files, file));
}

/** Why `file` may not import `specifier`, or undefined when it may. */
export function refusal({ layers, testOnly, testFiles }, file, specifier, filename, root) {
  const layer = layerOf(layers, file);
  if (!layer) return `${file} is in no layer of eslint-plugin-local/layers.js: place its folder there first.`;
  const { kind, target } = classify(specifier, filename, root);
  const isTest = matchesAny(testFiles, file);
  if (kind === 'path') {
    if (target.startsWith('..')) return `'${specifier}' points outside the project.`;
    if (matchesAny(testOnly, target) && !isTest && !matchesAny(testOnly, file) && !layer.allow.includes('**')) {
      return `Only tests and testing/ homes may import '${specifier}' (test fakes and the sandbox never reach production code).`;
    }
    if (matchesAny(layer.allow, target)) return undefined;
    if (isTest && (matchesAny(testOnly, target) || matchesAny(layer.testAllow ?? [], target))) return undefined;
    const targetLayer = layerOf(layers, target);
    return `The ${layer.name} (${file}) may not import the ${targetLayer ? targetLayer.name : 'unplaced path'} ('${specifier}'); see eslint-plugin-local/layers.js.`;
  }
  if (isTest || layer.allow.includes('*') || layer.allow.includes(target)) return undefined;
  return `The ${layer.name} may not import the package '${target}'; allow it in eslint-plugin-local/layers.js if it belongs there.`;
}

export const codeLayering = {
  meta: {
    type: 'problem',
    docs: { description: 'Every import must be allowed by the importing layer (eslint-plugin-local/layers.js).' },
    schema: [{ type: 'object', additionalProperties: true }],
    messages: { refused: '{{why}}' },
  },
  create(context) {
    const rules = context.options[0];
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const check = (node, source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const why = refusal(rules, file, source.value, context.filename, root);
      if (why) context.report({ node, messageId: 'refused', data: { why } });
    };
    return {
      Program(node) {
        if (!layerOf(rules.layers, file)) {
          context.report({ node, messageId: 'refused', data: { why: `${file} is in no layer of eslint-plugin-local/layers.js: place its folder there first.` } });
        }
      },
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]);
      },
    };
  },
};

export default { rules: { 'code-layering': codeLayering } };
