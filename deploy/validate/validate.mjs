// Validates the deployment files with validators from the npm registry, one line per document:
//   Kubernetes manifests: the JSON schemas of kubernetes-models (Kubernetes 1.27 OpenAPI) and
//   @kubernetes-models/keda (KEDA's CRDs); docker-compose.yml: dclint (the Compose
//   specification's JSON schema plus lint rules). Exits 1 if anything is invalid.
// Usage: node validate.mjs <repository root>
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { parseAllDocuments } from "yaml";

const root = process.argv[2] ?? "../..";
const k8sDirs = [join(root, "deploy/k8s"), join(root, "deploy/k8s/prerequisites")];

// kinds we deploy, by apiVersion and kind, to the module that has their schema
const models = {
  "v1/Namespace": ["kubernetes-models/v1", "Namespace"],
  "v1/ConfigMap": ["kubernetes-models/v1", "ConfigMap"],
  "v1/Secret": ["kubernetes-models/v1", "Secret"],
  "v1/Service": ["kubernetes-models/v1", "Service"],
  "apps/v1/Deployment": ["kubernetes-models/apps/v1", "Deployment"],
  "policy/v1/PodDisruptionBudget": ["kubernetes-models/policy/v1", "PodDisruptionBudget"],
  "autoscaling/v2/HorizontalPodAutoscaler": ["kubernetes-models/autoscaling/v2", "HorizontalPodAutoscaler"],
  "keda.sh/v1alpha1/ScaledObject": ["@kubernetes-models/keda/keda.sh/v1alpha1", "ScaledObject"],
  "keda.sh/v1alpha1/TriggerAuthentication": ["@kubernetes-models/keda/keda.sh/v1alpha1", "TriggerAuthentication"],
};
// kinds without a schema on npm: checked by the Java tests instead
const unchecked = new Set([
  "kustomize.config.k8s.io/v1beta1/Kustomization",
  "rabbitmq.com/v1beta1/RabbitmqCluster",
]);

let failures = 0;
function fail(what, message) {
  failures++;
  console.log(`INVALID ${what}: ${message}`);
}

for (const dir of k8sDirs) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
    const path = join(dir, file);
    for (const doc of parseAllDocuments(readFileSync(path, "utf8"))) {
      if (doc.errors.length > 0) {
        fail(path, doc.errors.map((e) => e.message).join("; "));
        continue;
      }
      const object = doc.toJS();
      const key = `${object.apiVersion}/${object.kind}`;
      const what = `${path} ${object.kind}/${object.metadata?.name ?? "-"}`;
      if (unchecked.has(key)) {
        console.log(`unchecked ${what} (no schema on npm)`);
        continue;
      }
      const model = models[key];
      if (!model) {
        fail(what, `no validator for ${key}`);
        continue;
      }
      const Model = (await import(model[0]))[model[1]];
      try {
        new Model(object).validate();
        console.log(`valid ${what} (${model[0]})`);
      } catch (e) {
        fail(what, e.message);
      }
    }
  }
}

const compose = join(root, "docker-compose.yml");
try {
  // ordering and quoting-style rules are left out: they are taste, not validity
  execFileSync(
    process.execPath,
    [
      join(import.meta.dirname, "node_modules/dclint/bin/dclint.cjs"),
      compose,
      "--disable-rule",
      "service-keys-order",
      "services-alphabetical-order",
      "top-level-properties-order",
      "require-quotes-in-ports",
    ],
    { stdio: "pipe" },
  );
  console.log(`valid ${compose} (dclint)`);
} catch (e) {
  fail(compose, `${e.stdout ?? ""}${e.stderr ?? ""}`.trim());
}

if (failures > 0) {
  console.log(`${failures} invalid`);
  process.exit(1);
}
