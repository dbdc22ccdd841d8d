// Test helper only: strict zod schemas for People API JSON, derived when the
// test runs from the TypeScript declarations of Google's own generated client
// (@googleapis/people, `people_v1.Schema$...` interfaces, generated from
// People's discovery document). A field that Google's client does not declare
// fails, and so does a declared field of the wrong type, so the sandbox cannot
// invent or misspell a field and still pass. Nothing is copied by hand: after
// an upgrade of @googleapis/people the schemas follow the new declarations.
//
// The declarations are found from the package's own `types` entry, whatever
// file of the package declares the `people_v1` namespace, so a new major that
// moves its files keeps working; a type this walker does not understand is an
// error, never a silent pass.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { z } from 'zod';

export interface PeopleSchemas {
  /** The package version the schemas were derived from. */
  version: string;
  /** The declaration file that holds `people_v1`. */
  declarationFile: string;
  /** Every `Schema$...` interface name found (without the prefix). */
  names: string[];
  /** The strict schema of `people_v1.Schema$<name>`. */
  schema(name: string): z.ZodObject;
}

const PACKAGE = '@googleapis/people';
const NAMESPACE = 'people_v1';
const PREFIX = 'Schema$';

let cached: PeopleSchemas | null = null;

export function peopleSchemas(): PeopleSchemas {
  cached ??= derive();
  return cached;
}

function packageRoot(): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(PACKAGE));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (manifest.name === PACKAGE) return dir;
    } catch {
      // no package.json here; keep climbing
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${PACKAGE}: package.json not found above its entry point`);
    dir = parent;
  }
}

function derive(): PeopleSchemas {
  const root = packageRoot();
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; types?: string; typings?: string };
  const entry = resolve(root, manifest.types ?? manifest.typings ?? 'build/index.d.ts');
  const file = findNamespace(entry, root, new Set());
  if (!file) throw new Error(`${PACKAGE}@${manifest.version}: no namespace ${NAMESPACE} in its declarations`);
  const found = file.namespace;
  if (!found.body || !ts.isModuleBlock(found.body)) throw new Error(`${PACKAGE}@${manifest.version}: ${NAMESPACE} has no body`);

  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  for (const statement of found.body.statements) {
    if (ts.isInterfaceDeclaration(statement) && statement.name.text.startsWith(PREFIX)) interfaces.set(statement.name.text.slice(PREFIX.length), statement);
  }
  if (interfaces.size === 0) throw new Error(`${PACKAGE}@${manifest.version}: ${NAMESPACE} declares no ${PREFIX} interfaces`);

  const built = new Map<string, z.ZodObject>();
  const schema = (name: string): z.ZodObject => {
    const existing = built.get(name);
    if (existing) return existing;
    const declaration = interfaces.get(name);
    if (!declaration) throw new Error(`${NAMESPACE}.${PREFIX}${name} is not declared by ${PACKAGE}@${manifest.version}`);
    if (declaration.heritageClauses?.length) throw new Error(`${NAMESPACE}.${PREFIX}${name} extends another type; the walker does not follow that`);
    // References are lazy, so recursive types (a Person inside a Person) build on demand.
    const object = membersToObject(declaration.members, `${PREFIX}${name}`, (ref) => z.lazy(() => schema(ref)));
    built.set(name, object);
    return object;
  };
  return { version: manifest.version, declarationFile: file.fileName, names: [...interfaces.keys()], schema };
}

/** Parses `fileName` and, if it lacks the namespace, the package files it imports or re-exports (./v1 today). */
function findNamespace(fileName: string, root: string, seen: Set<string>): { fileName: string; namespace: ts.ModuleDeclaration } | null {
  if (seen.has(fileName) || !fileName.startsWith(root)) return null;
  seen.add(fileName);
  let text: string;
  try {
    text = readFileSync(fileName, 'utf8');
  } catch {
    return null;
  }
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const next: string[] = [];
  for (const statement of source.statements) {
    if (ts.isModuleDeclaration(statement) && statement.name.text === NAMESPACE) return { fileName, namespace: statement };
    const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : null;
    if (specifier?.startsWith('.')) next.push(resolve(dirname(fileName), specifier.replace(/\.js$/, '')));
  }
  for (const base of next) {
    for (const candidate of [`${base}.d.ts`, join(base, 'index.d.ts')]) {
      const hit = findNamespace(candidate, root, seen);
      if (hit) return hit;
    }
  }
  return null;
}

function membersToObject(members: ts.NodeArray<ts.TypeElement>, where: string, ref: (name: string) => z.ZodType): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const member of members) {
    if (!ts.isPropertySignature(member) || !member.type) throw new Error(`${where}: unsupported member ${member.getText()}`);
    const name = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : null;
    if (name === null) throw new Error(`${where}: unsupported property name ${member.name.getText()}`);
    const type = typeToSchema(member.type, `${where}.${name}`, ref);
    shape[name] = member.questionToken ? type.optional() : type;
  }
  return z.strictObject(shape);
}

function typeToSchema(node: ts.TypeNode, where: string, ref: (name: string) => z.ZodType): z.ZodType {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return z.string();
    case ts.SyntaxKind.NumberKeyword:
      return z.number();
    case ts.SyntaxKind.BooleanKeyword:
      return z.boolean();
    // `any` in Google's declarations means "any JSON value" (google.protobuf.Any details, client data).
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return z.unknown();
  }
  if (ts.isLiteralTypeNode(node) && node.literal.kind === ts.SyntaxKind.NullKeyword) return z.null();
  if (ts.isParenthesizedTypeNode(node)) return typeToSchema(node.type, where, ref);
  if (ts.isArrayTypeNode(node)) return z.array(typeToSchema(node.elementType, where, ref));
  if (ts.isUnionTypeNode(node)) {
    const nullable = node.types.some((t) => ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword);
    const rest = node.types.filter((t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword));
    const inner = rest.length === 1 ? typeToSchema(rest[0]!, where, ref) : z.union(rest.map((t) => typeToSchema(t, where, ref)) as [z.ZodType, z.ZodType, ...z.ZodType[]]);
    return nullable ? inner.nullable() : inner;
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = ts.isIdentifier(node.typeName) ? node.typeName.text : `${node.typeName.left.getText()}.${node.typeName.right.text}`;
    if (name === 'Array' && node.typeArguments?.length === 1) return z.array(typeToSchema(node.typeArguments[0]!, where, ref));
    if (name.startsWith(PREFIX)) return ref(name.slice(PREFIX.length));
    throw new Error(`${where}: unsupported type reference ${name}`);
  }
  if (ts.isTypeLiteralNode(node)) {
    const [only] = node.members;
    if (node.members.length === 1 && only && ts.isIndexSignatureDeclaration(only) && only.type) {
      return z.record(z.string(), typeToSchema(only.type, where, ref));
    }
    return membersToObject(node.members, where, ref);
  }
  throw new Error(`${where}: unsupported type ${node.getText()}`);
}
