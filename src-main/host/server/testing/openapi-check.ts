// Test helper: records every response the tests get from the REST routes
// (/api/v1/...) through fetch, and checks each against the OpenAPI document:
// a described status for that route, and a body that its JSON Schema accepts.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildOpenApiDocument } from '../../../../src-contract/openapi';

interface Recorded {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

type Operation = { responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; components: unknown };

export function recordRestResponses(): { recorded: Recorded[]; restore(): void; problems(): string[] } {
  const original = globalThis.fetch;
  const recorded: Recorded[] = [];
  globalThis.fetch = async (input, init) => {
    const response = await original(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname.startsWith('/api/v1/')) {
      const text = await response.clone().text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Left as text: the check below reports it.
      }
      recorded.push({ method: (init?.method ?? 'GET').toLowerCase(), path: url.pathname, status: response.status, body });
    }
    return response;
  };
  return {
    recorded,
    restore: () => {
      globalThis.fetch = original;
    },
    problems: () => checkAgainstOpenApi(recorded),
  };
}

export function checkAgainstOpenApi(recorded: Recorded[]): string[] {
  const doc = buildOpenApiDocument('test') as unknown as OpenApiDocument;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'kith-openapi', components: doc.components } as object);
  const problems: string[] = [];
  for (const r of recorded) {
    const operation = doc.paths[r.path]?.[r.method];
    if (!operation) {
      problems.push(`${r.method} ${r.path}: not described`);
      continue;
    }
    const response = operation.responses[String(r.status)];
    if (!response) {
      problems.push(`${r.method} ${r.path} ${r.status}: status not described`);
      continue;
    }
    const schema = response.content?.['application/json']?.schema;
    if (!schema) continue;
    // Its references (a whole `$ref`, or each of a oneOf's) point into the document's components.
    const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"kith-openapi#/components/')) as object);
    if (!validate(r.body)) problems.push(`${r.method} ${r.path} ${r.status}: ${ajv.errorsText(validate.errors)}`);
  }
  return problems;
}
