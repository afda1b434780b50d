// Validates answers Roster gave against the Connect excerpt's response schemas.
//
//   node validate.mjs exchanges.json
//
// exchanges.json is an array of {method, path, status, body}: `path` is the spec's template
// ("/accounts/{pk}"), `body` the parsed JSON answer or null when there was none. Every mismatch is printed as
// one line (operation, status, instance path, message); the exit code is 1 when there is any, 2 on bad input.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const spec = parse(readFileSync(fileURLToPath(new URL('./connect-openapi-auth-subset.yml', import.meta.url)), 'utf8'));

// OpenAPI 3.0 schema objects are not JSON Schema: `nullable` widens the type, `writeOnly` properties are never
// answered even when required. Everything else (required, types, enums, lengths, formats) is kept as written.
function toJsonSchema(node, inResponse) {
  if (Array.isArray(node)) return node.map(n => toJsonSchema(n, inResponse));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable') continue;
    out[key] = key === 'enum' ? value : toJsonSchema(value, inResponse);
  }
  if (typeof out.$ref === 'string') out.$ref = out.$ref.replace('#/components/schemas/', 'connect#/definitions/');
  if (inResponse && Array.isArray(out.required) && out.properties) {
    out.required = out.required.filter(name => !out.properties[name]?.writeOnly);
    if (out.required.length === 0) delete out.required;
  }
  if (node.nullable === true) {
    if (out.$ref) return { anyOf: [out, { type: 'null' }] };
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictTuples: false });
addFormats(ajv);
// OpenAPI's `binary` is any string of bytes; `datetime` is the excerpt's spelling of `date-time` in a few places.
ajv.addFormat('binary', true);
ajv.addFormat('datetime', ajv.formats['date-time']);
ajv.addKeyword({ keyword: 'example' });
ajv.addSchema({ $id: 'connect', definitions: toJsonSchema(spec.components.schemas, true) });

// The excerpt declares 4xx bodies through this one response; undeclared 4xx statuses (403, 404, 409) are held to it.
const errorResponse = spec.components.responses['auth.any_400'];

function resolveResponse(response) {
  const ref = response?.$ref;
  return ref ? spec.components.responses[ref.split('/').pop()] : response;
}

const compiled = new Map();
function validatorFor(key, schema) {
  if (!compiled.has(key)) compiled.set(key, ajv.compile(toJsonSchema(schema, true)));
  return compiled.get(key);
}

export function check(exchange) {
  const { method, path, status, body } = exchange;
  const name = `${method.toUpperCase()} ${path} ${status}`;
  const operation = spec.paths[path]?.[method.toLowerCase()];
  if (!operation) return [`${name}: the excerpt has no such operation`];
  let response = resolveResponse(operation.responses[String(status)]);
  if (!response) {
    if (status >= 400 && status < 500) response = errorResponse;
    else return [`${name}: the excerpt declares no ${status} answer (it declares ${Object.keys(operation.responses).join(', ')})`];
  }
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return body === null || body === undefined ? [] : [`${name}: the excerpt declares no body, the answer has one`];
  if (body === null || body === undefined) return [`${name}: the excerpt declares a JSON body, the answer has none`];
  const validate = validatorFor(`${method} ${path} ${status}`, schema);
  if (validate(body)) return [];
  return validate.errors.map(e => `${name}: ${e.instancePath || '/'} ${e.message}${e.params && Object.keys(e.params).length ? ' ' + JSON.stringify(e.params) : ''}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let exchanges;
  try {
    exchanges = JSON.parse(readFileSync(process.argv[2] ?? 0, 'utf8'));
    if (!Array.isArray(exchanges)) throw new Error('expected an array of exchanges');
  } catch (e) {
    console.error(`validate.mjs: ${e.message}`);
    process.exit(2);
  }
  const failures = exchanges.flatMap(check);
  for (const failure of failures) console.log(failure);
  console.log(`${exchanges.length} answers checked, ${failures.length} mismatches`);
  process.exit(failures.length ? 1 : 0);
}
