#!/usr/bin/env python3
"""Holds compose.yaml, the Kubernetes manifests, the Dockerfile and the README's configuration
table to what the binaries really read: each binary's `config` output (the variables every
subcommand reads, defaults, required, secret; the health paths; the default port).

Usage: check-deploy.py ROOT BIN_DIR RENDERED_DIR
  BIN_DIR       the built inkwell-* executables (debug is fine)
  RENDERED_DIR  `kubectl kustomize` output, one NAME.yaml per base (services-users, ...) and
                overlay (overlays-dev, overlays-prod), rendered by check-deploy.sh

Checked, for compose.yaml and every rendered base and overlay:
- every variable set for a service (or its migration) is one its binary reads, and every
  variable the binary requires is set (non-empty);
- a secret variable never comes from a ConfigMap or a literal: a secretKeyRef to the Secret
  `inkwell-<service>` under the variable's own name (compose: an interpolated value or a URL
  without a password), and each service's Secret keys are exactly its secret variables;
- ports: HTTP_PORT (or the binary's default) is the container port, the Service's target, the
  NetworkPolicy's ingress port and every other service's URL of it;
- probe paths are the binary's health paths; compose and Docker health checks run the binary's
  own `healthcheck`; the migration runs the binary's `migrate`;
- no Secret object in a base or in prod (values never committed there); the dev overlay's
  generated Secrets hold exactly the keys referenced;
- the README table names exactly the variables the binaries read; copied init scripts are
  identical to their source; the topics compose and the kafka-topics Job create are the AsyncAPI
  document's channels; the bases' checkov exceptions are the overlays' plus CKV_K8S_21.
"""
import json
import os
import re
import subprocess
import sys
from urllib.parse import urlsplit

import yaml

SERVICES = ["users", "blog", "comments", "gateway"]
DATA_SERVICES = ["users", "blog", "comments"]
# Variables the OpenTelemetry SDK may read on its own (OTLP tracing is another part of issue 11):
# allowed in the manifests even while no binary's `config` lists them yet.
OTEL_SDK_VARIABLES = {"OTEL_EXPORTER_OTLP_ENDPOINT"}

failures = []


def fail(where, message):
    failures.append(f"{where}: {message}")


def load_descriptions(bin_dir):
    descriptions = {}
    for service in SERVICES:
        exe = os.path.join(bin_dir, f"inkwell-{service}")
        out = subprocess.run([exe, "config"], check=True, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}).stdout
        d = json.loads(out)
        d["by_command"] = {cmd: {v["name"]: v for v in vs} for cmd, vs in d["commands"].items()}
        descriptions[service] = d
    return descriptions


def port_of(desc, env):
    value = env.get("HTTP_PORT")
    return int(value) if value not in (None, "") else desc["defaultPort"]


def check_env(where, desc, command, env, secret_sources):
    """env: name -> value (None when it comes from a Secret); secret_sources: name -> how set."""
    variables = desc["by_command"].get(command)
    if variables is None:
        fail(where, f"{desc['program']} has no `{command}` subcommand")
        return
    for name in env:
        if name not in variables and name not in OTEL_SDK_VARIABLES:
            fail(where, f"sets {name}, which `{desc['program']} {command}` never reads")
    for name, v in variables.items():
        if v["required"] and (name not in env or env[name] == ""):
            fail(where, f"does not set {name}, which `{desc['program']} {command}` requires")
        if name in env and v["secret"] and not secret_sources.get(name):
            fail(where, f"sets the secret {name} from a ConfigMap or a literal")


def url_ports(where, env, service_ports):
    """Every http://<service>:<port> in a value names that service's real port."""
    for name, value in env.items():
        if not isinstance(value, str):
            continue
        for m in re.finditer(r"https?://([a-z-]+)(?::(\d+))?", value):
            host, port = m.group(1), m.group(2)
            if host in service_ports and host in SERVICES:
                if port is None or int(port) != service_ports[host]:
                    fail(where, f"{name}={value}: {host} listens on {service_ports[host]}")


# ---------------------------------------------------------------------------------------------
# compose.yaml
# ---------------------------------------------------------------------------------------------

def check_compose(root, descriptions):
    where = "compose.yaml"
    with open(os.path.join(root, "compose.yaml")) as f:
        raw = yaml.safe_load(f)
    services = raw["services"]

    def env_of(svc):
        e = services[svc].get("environment") or {}
        if isinstance(e, list):
            e = dict(item.split("=", 1) for item in e)
        return {k: ("" if v is None else str(v)) for k, v in e.items()}

    ports = {s: port_of(descriptions[s], env_of(s)) for s in SERVICES}
    for s in SERVICES:
        if s not in services:
            fail(where, f"no service {s}")
            continue
        desc = descriptions[s]
        env = env_of(s)
        # A secret: interpolated from the environment (.env), or a URL carrying no password.
        sources = {}
        for name, value in env.items():
            interpolated = "${" in value
            no_password = "://" in value and urlsplit(value).password is None
            sources[name] = interpolated or no_password
        check_env(f"{where} {s}", desc, "serve", env, sources)
        url_ports(f"{where} {s}", env, ports)
        test = services[s].get("healthcheck", {}).get("test")
        if test != ["CMD", f"/usr/local/bin/{desc['program']}", "healthcheck"]:
            fail(f"{where} {s}", f"healthcheck {test} is not the binary's own `healthcheck`")
        if services[s].get("build", {}).get("target") != s:
            fail(f"{where} {s}", "not built from its Dockerfile target")
        deps = services[s].get("depends_on", {})
        for dep, cond in deps.items():
            if cond.get("condition") not in ("service_healthy", "service_completed_successfully"):
                fail(f"{where} {s}", f"depends on {dep} without a health or completion condition")
        if s in DATA_SERVICES:
            m = f"{s}-migrate"
            if deps.get(m, {}).get("condition") != "service_completed_successfully":
                fail(f"{where} {s}", f"does not wait for {m} to complete")
            if m not in services:
                fail(where, f"no service {m}")
                continue
            menv = env_of(m)
            msources = {k: ("${" in v) for k, v in menv.items()}
            check_env(f"{where} {m}", desc, "migrate", menv, msources)
            if services[m].get("command") != ["migrate"]:
                fail(f"{where} {m}", "does not run `migrate`")
    gateway_ports = services.get("gateway", {}).get("ports", [])
    if not any(str(p).split(":")[-1] == str(ports["gateway"]) for p in gateway_ports):
        fail(where, f"the gateway's published port does not reach its HTTP_PORT {ports['gateway']}")


# ---------------------------------------------------------------------------------------------
# Kubernetes
# ---------------------------------------------------------------------------------------------

def container_env(where, container, configmaps):
    env, sources = {}, {}
    for ref in container.get("envFrom", []):
        if "configMapRef" in ref:
            name = ref["configMapRef"]["name"]
            if name not in configmaps:
                fail(where, f"envFrom ConfigMap {name} is not in the rendered manifests")
                continue
            for k, v in configmaps[name].items():
                env[k] = v
                sources[k] = None
        else:
            fail(where, f"envFrom {ref}: only ConfigMaps (secrets one by one, by name)")
    secret_refs = []
    for item in container.get("env", []):
        name = item["name"]
        if "value" in item:
            env[name] = item["value"]
            sources[name] = None
        elif "secretKeyRef" in item.get("valueFrom", {}):
            ref = item["valueFrom"]["secretKeyRef"]
            env[name] = None
            sources[name] = (ref["name"], ref["key"])
            secret_refs.append((name, ref["name"], ref["key"], ref.get("optional", False)))
        elif "configMapKeyRef" in item.get("valueFrom", {}):
            ref = item["valueFrom"]["configMapKeyRef"]
            env[name] = configmaps.get(ref["name"], {}).get(ref["key"])
            sources[name] = None
        else:
            fail(where, f"env {name}: unsupported source")
    # A variable from a Secret is set (the value is not ours to see); "" stands for unset.
    return {k: ("<secret>" if v is None and sources[k] else v) for k, v in env.items()}, sources, secret_refs


def check_rendered(label, docs, descriptions):
    where = label
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
    configmaps = {c["metadata"]["name"]: c.get("data", {}) for c in by_kind.get("ConfigMap", [])}
    secrets = {s["metadata"]["name"]: set((s.get("data") or {}).keys()) | set((s.get("stringData") or {}).keys()) for s in by_kind.get("Secret", [])}
    if secrets and not label.startswith("overlays-dev"):
        fail(where, f"holds Secret objects {sorted(secrets)}: secret values are never committed here")
    deployments = {d["metadata"]["name"]: d for d in by_kind.get("Deployment", [])}
    k8s_services = {s["metadata"]["name"]: s for s in by_kind.get("Service", [])}
    service_ports = {}
    for name, svc in k8s_services.items():
        for p in svc["spec"]["ports"]:
            if p.get("name") == "http":
                service_ports[name] = p["port"]
    referenced = []
    for s in SERVICES:
        if s not in deployments:
            continue
        desc = descriptions[s]
        dep = deployments[s]
        spec = dep["spec"]["template"]["spec"]
        w = f"{where} Deployment/{s}"
        containers = {c["name"]: c for c in spec["containers"]}
        c = containers.get(s)
        if c is None:
            fail(w, f"no container named {s}")
            continue
        env, sources, refs = container_env(w, c, configmaps)
        check_env(w, desc, "serve", env, {k: bool(v) for k, v in sources.items()})
        for name, secret, key, optional in refs:
            v = desc["by_command"]["serve"].get(name)
            if v is not None and not v["secret"] and not (name == "KAFKA_BROKERS" and secret == "inkwell-kafka"):
                fail(w, f"{name} comes from Secret {secret} but is not a secret")
            if v is not None and v["secret"] and (not secret.startswith(f"inkwell-{s}") or key != name):
                fail(w, f"secret {name} must come from Secret inkwell-{s}, key {name} (got {secret}/{key})")
            if optional and v is not None and v["required"]:
                fail(w, f"required {name} is an optional secret reference")
            referenced.append((secret, key, optional))
        keys = {key for name, secret, key, _ in refs if secret.startswith(f"inkwell-{s}")}
        wanted = {n for n, v in desc["by_command"]["serve"].items() if v["secret"]}
        if keys != wanted:
            fail(w, f"Secret inkwell-{s} keys {sorted(keys)} are not the secret variables {sorted(wanted)}")
        port = port_of(desc, {k: v for k, v in env.items() if v != "<secret>"})
        cports = [p for p in c.get("ports", []) if p.get("name") == "http"]
        if [p["containerPort"] for p in cports] != [port]:
            fail(w, f"container port {[p['containerPort'] for p in cports]} is not HTTP_PORT {port}")
        for probe, path in (("startupProbe", desc["health"]["live"]), ("livenessProbe", desc["health"]["live"]), ("readinessProbe", desc["health"]["ready"])):
            got = c.get(probe, {}).get("httpGet", {})
            if got.get("path") != path or got.get("port") not in ("http", port):
                fail(w, f"{probe} {got} is not GET {path} on the http port")
        sc = c.get("securityContext", {})
        if sc.get("readOnlyRootFilesystem") is not True or spec.get("securityContext", {}).get("runAsNonRoot") is not True:
            fail(w, "not read-only and non-root")
        if spec.get("automountServiceAccountToken") is not False:
            fail(w, "mounts a service-account token")
        if not any(m.get("mountPath") == "/tmp" for m in c.get("volumeMounts", [])):
            fail(w, "no writable /tmp")
        if s in DATA_SERVICES:
            inits = {i["name"]: i for i in spec.get("initContainers", [])}
            m = inits.get("migrate")
            if m is None or m.get("args") != ["migrate"] or m.get("image") != c.get("image"):
                fail(w, "no `migrate` init container with the service's image")
            else:
                menv, msources, mrefs = container_env(w + " migrate", m, configmaps)
                check_env(w + " initContainer migrate", desc, "migrate", menv, {k: bool(v) for k, v in msources.items()})
                referenced += [(sec, key, opt) for _, sec, key, opt in mrefs]
        svc = k8s_services.get(s)
        if svc is None:
            fail(where, f"no Service {s}")
        else:
            http = [p for p in svc["spec"]["ports"] if p.get("name") == "http"]
            if not http or http[0].get("targetPort") not in ("http", port):
                fail(f"{where} Service/{s}", "does not target the http container port")
        for np in by_kind.get("NetworkPolicy", []):
            if np["metadata"]["name"] != s:
                continue
            for rule in np["spec"].get("ingress", []):
                for p in rule.get("ports", []):
                    if p.get("port") != port:
                        fail(f"{where} NetworkPolicy/{s}", f"admits port {p.get('port')}, the service listens on {port}")
        url_ports(w, {k: v for k, v in env.items()}, {k: v for k, v in service_ports.items()} if service_ports else {})
    # Dev: the generated Secrets hold exactly what is referenced.
    if label.startswith("overlays-dev"):
        for secret, key, optional in referenced:
            if secret not in secrets:
                fail(where, f"references Secret {secret}, which the overlay does not generate")
            elif key not in secrets[secret]:
                fail(where, f"references {secret}/{key}, which the Secret does not hold")
    return {s for s in SERVICES if s in deployments}


def check_kubernetes(root, rendered_dir, descriptions):
    seen = set()
    for name in sorted(os.listdir(rendered_dir)):
        if not name.endswith(".yaml"):
            continue
        label = name[:-5]
        with open(os.path.join(rendered_dir, name)) as f:
            docs = [d for d in yaml.safe_load_all(f) if d]
        got = check_rendered(label, docs, descriptions)
        if label.startswith("services-"):
            s = label[len("services-"):]
            if got != {s}:
                fail(label, f"deploys {sorted(got)}, not just {s}")
        seen.add(label)
    for s in SERVICES:
        if f"services-{s}" not in seen:
            fail(rendered_dir, f"no rendered base services-{s}")
    for o in ("overlays-dev", "overlays-prod"):
        if o not in seen:
            fail(rendered_dir, f"no rendered overlay {o}")


# ---------------------------------------------------------------------------------------------
# Dockerfile, README, copies
# ---------------------------------------------------------------------------------------------

def check_dockerfile(root, descriptions):
    where = "deploy/docker/Dockerfile"
    text = open(os.path.join(root, where)).read()
    stages = re.split(r"^FROM ", text, flags=re.M)
    targets = {}
    for st in stages[1:]:
        m = re.match(r"\S+ AS (\S+)", st)
        if m:
            targets[m.group(1)] = st
    if "LOG_FORMAT=json" not in targets.get("runtime", ""):
        fail(where, "the runtime stage does not default LOG_FORMAT to json")
    for s in SERVICES:
        desc = descriptions[s]
        st = targets.get(s)
        if st is None:
            fail(where, f"no target {s}")
            continue
        exe = f"/usr/local/bin/{desc['program']}"
        if f'HEALTHCHECK' not in st or f'CMD ["{exe}", "healthcheck"]' not in st:
            fail(where, f"target {s}: HEALTHCHECK is not `{desc['program']} healthcheck`")
        if f"EXPOSE {desc['defaultPort']}" not in st:
            fail(where, f"target {s}: does not EXPOSE the default port {desc['defaultPort']}")
        if f'ENTRYPOINT ["{exe}"]' not in st:
            fail(where, f"target {s}: entrypoint is not {exe}")
        if s in DATA_SERVICES and "migrate" not in desc["commands"]:
            fail(where, f"{desc['program']} has no migrate")
    log_format = descriptions["users"]["by_command"]["serve"].get("LOG_FORMAT", {})
    if "json" not in log_format.get("expected", ""):
        fail(where, f"LOG_FORMAT does not accept json ({log_format})")


def check_readme(root, descriptions):
    where = "README.md (configuration table)"
    text = open(os.path.join(root, "README.md")).read()
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    named = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            first = line.split("|")[1]
            named |= set(re.findall(r"`([A-Z][A-Z0-9_]+)`", first))
    read = set()
    for d in descriptions.values():
        for vs in d["by_command"].values():
            read |= set(vs)
    for name in sorted(read - named):
        fail(where, f"{name} is read by a binary but not in the table")
    for name in sorted(named - read - OTEL_SDK_VARIABLES):
        fail(where, f"{name} is in the table but no binary reads it")


def check_copies(root):
    for copy, source in (("k8s/infra/postgres/setup-database.sql", "deploy/local/setup-database.sql"),
                         ("k8s/infra/postgres/10-inkwell.sh", "deploy/compose/postgres-init.sh")):
        if open(os.path.join(root, copy)).read() != open(os.path.join(root, source)).read():
            fail(copy, f"differs from {source} (kustomize reads only files under its own folder: keep the copy identical)")


def check_topics(root, rendered_dir):
    """The topics compose and the kafka-topics Job create are the AsyncAPI document's channels."""
    with open(os.path.join(root, "docs/events/asyncapi.yaml")) as f:
        channels = sorted(c["address"] for c in yaml.safe_load(f)["channels"].values())
    with open(os.path.join(root, "compose.yaml")) as f:
        script = "\n".join(yaml.safe_load(f)["services"]["kafka-topics"]["command"])
    m = re.search(r"for topic in ([^;]+);", script)
    if not m or sorted(m.group(1).split()) != channels:
        fail("compose.yaml kafka-topics", f"does not create exactly the topics {channels}")
    for overlay in ("overlays-dev", "overlays-prod"):
        with open(os.path.join(rendered_dir, overlay + ".yaml")) as f:
            docs = [d for d in yaml.safe_load_all(f) if d]
        cms = [d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"].startswith("kafka-topics")]
        if len(cms) != 1 or sorted(cms[0]["data"]["TOPICS"].split()) != channels:
            fail(f"{overlay} ConfigMap kafka-topics", f"does not list exactly the topics {channels}")
        elif int(cms[0]["data"]["PARTITIONS"]) < 1:
            fail(f"{overlay} ConfigMap kafka-topics", "needs at least one partition")


def check_lint_exceptions(root):
    def skips(name):
        with open(os.path.join(root, "deploy/lint", name)) as f:
            return set(yaml.safe_load(f).get("skip-check", []))
    overlays, bases = skips("checkov.yaml"), skips("checkov-bases.yaml")
    if bases != overlays | {"CKV_K8S_21"}:
        fail("deploy/lint/checkov-bases.yaml", f"skips {sorted(bases)}: must be checkov.yaml's {sorted(overlays)} and CKV_K8S_21 only")


def main():
    root, bin_dir, rendered_dir = sys.argv[1:4]
    descriptions = load_descriptions(bin_dir)
    check_compose(root, descriptions)
    check_kubernetes(root, rendered_dir, descriptions)
    check_dockerfile(root, descriptions)
    check_readme(root, descriptions)
    check_copies(root)
    check_lint_exceptions(root)
    check_topics(root, rendered_dir)
    if failures:
        for f in failures:
            print(f"check-deploy: {f}", file=sys.stderr)
        print(f"check-deploy: {len(failures)} problem(s)", file=sys.stderr)
        sys.exit(1)
    variables = sum(len(v) for d in descriptions.values() for v in d["commands"].values())
    print(f"check-deploy: compose.yaml, {len(os.listdir(rendered_dir))} rendered kustomizations, the Dockerfile and the README agree with the binaries' config ({variables} variables over {len(descriptions)} binaries)")


if __name__ == "__main__":
    main()
