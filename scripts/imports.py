#!/usr/bin/env python3
"""Checks the import graph of src/: no cycle between top-level modules, no cycle between
files (a child using its parent is fine), and no stage importing a later one.

Usage: scripts/imports.py [--graph]   (exit 1 on any violation; --graph prints every edge)

A file's imports are the `crate::`, `super::` and `self::` paths it names (in `use` items and
inline), resolved to the deepest module file that exists. Test modules (`#[cfg(test)]` to the
end of the file) are ignored: tests may use anything.
"""

import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

# The pipeline, earliest first. A module may import modules of its own rank or earlier.
STAGES = [
    ["messages"],
    ["month", "text", "links", "diagnostics", "io_reason"],
    ["load"],
    ["model"],
    ["calendar", "render", "docx", "html"],
    ["assemble"],
    ["output", "pdf"],
    ["deliver"],
    ["error"],
    ["settings"],
    ["project"],
    ["commands"],
    ["cli"],
]
RANK = {name: rank for rank, names in enumerate(STAGES) for name in names}


def module_of(path: Path) -> tuple:
    """src/load/xlsx/mod.rs -> ("load", "xlsx"); src/lib.rs -> ()."""
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts.pop()
    return tuple(parts)


def files():
    return {module_of(p): p for p in sorted(SRC.rglob("*.rs"))}


def code_of(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    cut = re.search(r"^#\[cfg\(test\)\]\s*\n\s*mod tests", text, re.M)
    text = text[: cut.start()] if cut else text
    text = re.sub(r"//[^\n]*", "", text)  # comments, doc comments
    return text


PATH = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")
# `use x::{a, b::c}` groups: expand one level of braces after a module path.
GROUP = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{([^{}]*)\}")


def imports(module: tuple, path: Path, modules: dict) -> set:
    code = code_of(path)
    paths = []
    for head, prefix, inner in GROUP.findall(code):
        for item in inner.split(","):
            item = item.strip().split(" as ")[0].strip()
            if item and item != "self":
                paths.append((head, prefix + "::" + item.replace(" ", "")))
            elif item == "self":
                paths.append((head, prefix))
    paths += PATH.findall(code)
    found = set()
    for head, rest in paths:
        segments = [s for s in rest.split("::") if s]
        if head == "crate":
            base = []
        elif head == "self":
            # `self::x` names the file's own items or its child modules; only those count.
            base = list(module)
        else:  # super: the parent module, for mod.rs files and others alike
            base = list(module[:-1])
            while segments and segments[0] == "super":
                base = base[:-1]
                segments = segments[1:]
        target = tuple(base)
        best = target if target in modules else None
        for segment in segments:
            target = target + (segment,)
            if target in modules:
                best = target
            else:
                break
        if best is not None and best != module and best != ():
            found.add(best)
    return found


def cycles(graph: dict) -> list:
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for succ in graph.get(node, ()):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    sys.setrecursionlimit(10000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result


def name(module: tuple) -> str:
    return "::".join(module) or "crate"


def main() -> int:
    modules = files()
    file_graph = {}
    for module, path in modules.items():
        if module == ():
            continue
        targets = imports(module, path, modules)
        # A child using its parent (or any ancestor) is fine.
        file_graph[module] = {t for t in targets if module[: len(t)] != t}
    top_graph = {}
    for module, targets in file_graph.items():
        for target in targets:
            if target[0] != module[0]:
                top_graph.setdefault(module[0], set()).add(target[0])
    problems = []
    for component in cycles(top_graph):
        problems.append("cycle between top-level modules: " + " -> ".join(component))
    for component in cycles(file_graph):
        problems.append("cycle between files: " + ", ".join(name(m) for m in component))
    for module, targets in sorted(top_graph.items()):
        for target in sorted(targets):
            if module not in RANK or target not in RANK:
                missing = module if module not in RANK else target
                problems.append(f"module {missing} has no stage in scripts/imports.py")
            elif RANK[target] > RANK[module]:
                problems.append(f"earlier stage {module} imports later stage {target}")
    if "--graph" in sys.argv:
        for module, targets in sorted(top_graph.items()):
            print(f"{module} -> {', '.join(sorted(targets))}")
    edges = sum(len(t) for t in file_graph.values())
    print(
        f"{len(file_graph)} files, {edges} imports between them, "
        f"{len(top_graph)} top-level modules that import others"
    )
    for problem in sorted(set(problems)):
        print("FAIL:", problem)
    if not problems:
        print("ok: no cycles, no stage imports a later one")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
